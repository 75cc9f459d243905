/**
 * Path tracing: choose two nodes (search here, "from here / to here" in the details, or
 * right-click on the network) and read every shortest path between them, step by step.
 */
import type { PathNodeRef, SearchHit } from '../../model/api';
import { SearchBox } from '../components/SearchBox';
import { CATEGORY_LABELS } from '../model/palette';
import { shownData } from '../state/async';
import { selectNode } from '../state/details';
import { getGraph } from '../state/graph-holder';
import { setPathEnd, setPathOptions, swapPathEnds, togglePath } from '../state/path';
import { useAppStore } from '../state/store';
import { stepVerb } from './path-steps';

const PATH_KINDS: readonly SearchHit['kind'][] = ['work', 'concept'];

/** A node's name from the path answer, else from the loaded network. */
function nameOf(id: string, refs: Record<string, PathNodeRef> | undefined): string {
  const ref = refs?.[id];
  if (ref) return ref.label;
  const g = getGraph();
  return g?.hasNode(id) ? g.getNodeAttribute(id, 'fullLabel') : id;
}

function NodeButton({ id, refs }: { id: string; refs?: Record<string, PathNodeRef> }) {
  const ref = refs?.[id];
  const detail = ref
    ? ref.kind === 'work'
      ? (ref.year ?? 'year unknown')
      : ref.category
        ? CATEGORY_LABELS[ref.category].toLowerCase()
        : 'concept'
    : null;
  return (
    <button
      type="button"
      className={`path-node path-node-${ref?.kind ?? 'work'}`}
      onClick={() => void selectNode(id)}
    >
      <span className="path-node-label">{nameOf(id, refs)}</span>
      {detail !== null && <span className="path-node-detail"> · {detail}</span>}
    </button>
  );
}

function End({ end }: { end: 'from' | 'to' }) {
  const id = useAppStore((s) => s.path[end]);
  const refs = useAppStore((s) => shownData(s.pathResult)?.nodes);
  return (
    <div className="path-end">
      <span className="path-end-label">{end === 'from' ? 'From' : 'To'}</span>
      {id ? (
        <span className="path-end-value">
          <NodeButton id={id} refs={refs} />
          <button
            type="button"
            className="link-button"
            aria-label={`Clear ${end === 'from' ? 'start' : 'end'}`}
            onClick={() => void setPathEnd(end, null)}
          >
            ×
          </button>
        </span>
      ) : (
        <SearchBox
          className="search path-search"
          placeholder={end === 'from' ? 'Start: search a work or concept' : 'End: search a work or concept'}
          label={end === 'from' ? 'Path start' : 'Path end'}
          kinds={PATH_KINDS}
          shortcut={false}
          onChoose={(hit) => void setPathEnd(end, hit.id)}
        />
      )}
    </div>
  );
}

export function PathCard() {
  const path = useAppStore((s) => s.path);
  const traced = useAppStore((s) => s.pathResult);
  const result = traced.status === 'ready' ? traced.data : null;
  return (
    <section className="tool-card path-card" aria-label="Trace a path">
      <header className="tool-card-header">
        <h2>Trace a path</h2>
        <button
          type="button"
          className="close-button"
          aria-label="Close path tracing"
          onClick={() => togglePath(false)}
        >
          ×
        </button>
      </header>
      <End end="from" />
      <End end="to" />
      <div className="path-options">
        <div className="segmented" role="group" aria-label="Relationships a path may follow">
          <button
            type="button"
            aria-pressed={path.via === 'any'}
            onClick={() => void setPathOptions({ via: 'any' })}
          >
            Any link
          </button>
          <button
            type="button"
            aria-pressed={path.via === 'cites'}
            onClick={() => void setPathOptions({ via: 'cites' })}
          >
            Citations only
          </button>
        </div>
        <div className="segmented" role="group" aria-label="Direction a path may follow">
          <button
            type="button"
            aria-pressed={!path.directed}
            onClick={() => void setPathOptions({ directed: false })}
          >
            Either direction
          </button>
          <button
            type="button"
            aria-pressed={path.directed}
            onClick={() => void setPathOptions({ directed: true })}
          >
            Along arrows
          </button>
        </div>
        <button
          type="button"
          className="chip"
          aria-pressed={path.avoidHubs ?? false}
          title="Do not step through hub concepts (mentioned by more than 10 % of works)"
          onClick={() => void setPathOptions({ avoidHubs: !(path.avoidHubs ?? false) })}
        >
          Avoid hubs
        </button>
        <button
          type="button"
          className="link-button"
          disabled={!path.from || !path.to}
          onClick={() => void swapPathEnds()}
        >
          swap
        </button>
      </div>
      {!path.from || !path.to ? (
        <p className="hint">
          Choose both ends here, with “Trace a path: from here / to here” in the details, or by right-clicking
          a node.
        </p>
      ) : null}
      {traced.status === 'loading' && <p className="hint">Tracing…</p>}
      {traced.status === 'error' && (
        <p className="notice-inline" role="alert">
          {traced.error}
        </p>
      )}
      {result && (
        <div className="path-result" data-testid="path-result">
          <p className={result.length === null ? 'notice-inline' : 'path-message'} role="status">
            {result.message}
          </p>
          {result.length === null &&
            result.directed &&
            result.message.includes('if direction is ignored') && (
              <button type="button" className="chip" onClick={() => void setPathOptions({ directed: false })}>
                Ignore direction
              </button>
            )}
          <ol className="path-list">
            {result.paths.map((p, i) => (
              <li key={p.nodes.join('>')} className="path-item">
                {result.paths.length > 1 && <span className="path-index">Path {i + 1}</span>}
                <ol className="path-steps">
                  {p.nodes.map((n, j) => (
                    <li key={n}>
                      {j > 0 && (
                        <span className="path-verb">{stepVerb(p.nodes[j - 1]!, p.edges[j - 1]!)}</span>
                      )}
                      <NodeButton id={n} refs={result.nodes} />
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
