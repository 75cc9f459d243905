/** What the network shows: the filters, and a neighbourhood focus fetched from the API. */
import { NETWORK_EDGE_KINDS, type EdgeKind } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import { DEFAULT_HUB_SHARE, focusSubset, hubConcepts, type HubRule } from '../model/focus';
import { dataOf, failed, ready } from './async';
import { bringIntoView } from './graph';
import { getGraph } from './graph-holder';
import { relayoutSubset, restoreLayout } from './relayout';
import { getState, setState, type Focus, type SubsetView } from './store';

/** Changes some filters. */
export function setFilters(patch: Partial<Filters>): void {
  setState((s) => ({ filters: { ...s.filters, ...patch } }));
}

/** Shows everything again (also clears a neighbourhood focus and its layout). */
export function resetFilters(): void {
  setState({ filters: DEFAULT_FILTERS, focus: null, subset: null });
  void restoreLayout();
}

/** Toggles one relationship kind. */
export function toggleEdgeKind(kind: EdgeKind): void {
  const kinds = getState().filters.edgeKinds;
  setFilters({
    edgeKinds: kinds.includes(kind)
      ? kinds.filter((k) => k !== kind)
      : NETWORK_EDGE_KINDS.filter((k) => k === kind || kinds.includes(k)),
  });
}

/** The hubs of the loaded graph under a threshold (see ui/model/focus.ts for the rule). */
export function currentHubs(hubShare: number): Set<string> {
  const g = getGraph();
  if (!g) return new Set();
  const concepts: { id: string; mentions: number }[] = [];
  let works = 0;
  g.forEachNode((id, a) => {
    if (a.kind === 'concept') concepts.push({ id, mentions: a.weight });
    else works += 1;
  });
  // Concepts' weights count mentioning works in the whole database: compare with all its works.
  const stored = getState().stats?.counts.nodes.Work;
  return hubConcepts(concepts, Math.max(works, stored ?? 0), hubShare);
}

/**
 * Focuses the view on the neighbourhood of a node, fetched from the API, without walking through
 * hub concepts (ui/model/focus.ts), and lays it out as its own graph (state/relayout.ts).
 * `rule` changes the hub rule; it defaults to the current focus's, else 10 % and shown.
 */
export async function focusNeighborhood(
  center: string,
  hops: number,
  rule: Partial<HubRule> = {},
): Promise<void> {
  const prev = getState().focus;
  const hubShare = rule.hubShare ?? prev?.hubShare ?? DEFAULT_HUB_SHARE;
  const hideHubs = rule.hideHubs ?? prev?.hideHubs ?? false;
  const current = (): boolean => {
    const f = getState().focus;
    return f?.center === center && f.hops === hops && f.hubShare === hubShare && f.hideHubs === hideHubs;
  };
  setState({ subset: null, focus: { center, hops, hubShare, hideHubs, nodes: { status: 'loading' } } });
  try {
    const n = await api.neighborhood(center, hops, getState().filters.edgeKinds);
    if (!current()) return;
    await bringIntoView(n.nodeIds, n.edges);
    if (!current()) return;
    const subset = focusSubset(center, hops, n.edges, currentHubs(hubShare), hideHubs);
    const ids = new Set(subset.ids);
    // The centre and its nearest first: the ids' order is the walk's.
    await relayoutSubset(subset.ids, `focus:${center}:${hops}`);
    if (!current()) return;
    setState({
      focus: {
        center,
        hops,
        hubShare,
        hideHubs,
        nodes: ready({ ids, truncated: n.truncated, hubs: subset.hubs }),
      },
    });
  } catch (e: unknown) {
    setState({ focus: { center, hops, hubShare, hideHubs, nodes: failed(errorMessage(e)) } });
  }
}

/** Leaves the neighbourhood focus (and a result or path shown on its own): the whole network again. */
export function clearFocus(): void {
  setState({ focus: null, subset: null });
  void restoreLayout();
}

/**
 * The node ids of the focused view: a result or path shown on its own, else the focus once
 * loaded (null: neither, or not loaded yet).
 */
export function focusedIds(
  focus: Focus | null,
  subset: SubsetView | null = null,
): ReadonlySet<string> | null {
  if (subset) return subset.ids;
  return focus ? (dataOf(focus.nodes)?.ids ?? null) : null;
}
