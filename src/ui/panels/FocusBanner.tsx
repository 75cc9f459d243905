/**
 * What the focused view shows, in words: the neighbourhood of which node (by name, so it stays
 * true after the selection moves), how many hops, which hubs it did not walk through and the
 * hub rule, or the result/path shown on its own; and the way back to the whole network.
 */
import { DEFAULT_HUB_SHARE } from '../model/focus';
import { clearFocus, focusNeighborhood } from '../state/filters';
import { getGraph } from '../state/graph-holder';
import { useAppStore } from '../state/store';

const nameOf = (id: string): string => {
  const g = getGraph();
  return g?.hasNode(id) ? g.getNodeAttribute(id, 'fullLabel') : id;
};

export function FocusBanner() {
  const focus = useAppStore((s) => s.focus);
  const subset = useAppStore((s) => s.subset);
  if (subset) {
    return (
      <div className="focus-box" role="status" data-testid="focus-banner">
        <span>
          {subset.title}: {subset.ids.size} node{subset.ids.size === 1 ? '' : 's'} on their own
        </span>
        <div className="focus-actions">
          <button type="button" className="chip" onClick={clearFocus}>
            Show all
          </button>
        </div>
      </div>
    );
  }
  if (!focus) return null;
  const hubShare = focus.hubShare ?? DEFAULT_HUB_SHARE;
  const hideHubs = focus.hideHubs ?? false;
  const data = focus.nodes.status === 'ready' ? focus.nodes.data : null;
  const hubs = data?.hubs ?? [];
  return (
    <div className="focus-box" role="status" data-testid="focus-banner">
      {focus.nodes.status === 'loading' && <span>Loading the neighbourhood of {nameOf(focus.center)}…</span>}
      {focus.nodes.status === 'error' && (
        <span className="error-text">Neighbourhood failed: {focus.nodes.error}</span>
      )}
      {data && (
        <span>
          Neighbourhood of <strong>{nameOf(focus.center)}</strong>, {focus.hops} hop
          {focus.hops > 1 ? 's' : ''}: {data.ids.size} nodes{data.truncated ? ' (truncated)' : ''}
        </span>
      )}
      {data && hubs.length > 0 && (
        <span className="focus-hubs">
          {hideHubs ? 'Hidden hubs' : 'Hubs shown, not walked through'}:{' '}
          {hubs
            .slice(0, 4)
            .map((h) => nameOf(h))
            .join(', ')}
          {hubs.length > 4 ? ` and ${hubs.length - 4} more` : ''}
        </span>
      )}
      <div className="focus-actions">
        {[1, 2, 3].map((h) => (
          <button
            key={h}
            type="button"
            className={focus.hops === h ? 'chip on' : 'chip'}
            aria-pressed={focus.hops === h}
            onClick={() => void focusNeighborhood(focus.center, h)}
          >
            {h} hop{h > 1 ? 's' : ''}
          </button>
        ))}
        <button type="button" className="chip" onClick={clearFocus}>
          Show all
        </button>
      </div>
      <label className="legend-row focus-hub-rule">
        <input
          type="checkbox"
          checked={hideHubs}
          onChange={(e) => void focusNeighborhood(focus.center, focus.hops, { hideHubs: e.target.checked })}
        />
        hide hubs: concepts mentioned by more than
        <input
          type="number"
          className="hub-share"
          aria-label="Hub threshold, percent of works"
          min={1}
          max={100}
          value={hubShare}
          onChange={(e) => {
            const v = Math.round(Number(e.target.value));
            if (Number.isFinite(v) && v >= 1 && v <= 100)
              void focusNeighborhood(focus.center, focus.hops, { hubShare: v });
          }}
        />
        % of works
      </label>
    </div>
  );
}
