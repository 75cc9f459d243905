/** What the network shows: the filters, and a neighbourhood focus fetched from the API. */
import { NETWORK_EDGE_KINDS, type EdgeKind } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import { dataOf, failed, ready } from './async';
import { bringIntoView } from './graph';
import { getState, setState, type Focus } from './store';

/** Changes some filters. */
export function setFilters(patch: Partial<Filters>): void {
  setState((s) => ({ filters: { ...s.filters, ...patch } }));
}

/** Shows everything again (also clears a neighbourhood focus). */
export function resetFilters(): void {
  setState({ filters: DEFAULT_FILTERS, focus: null });
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

/** Focuses the view on the neighbourhood of a node, fetched from the API. */
export async function focusNeighborhood(center: string, hops: number): Promise<void> {
  const current = (): boolean => getState().focus?.center === center && getState().focus?.hops === hops;
  setState({ focus: { center, hops, nodes: { status: 'loading' } } });
  try {
    const n = await api.neighborhood(center, hops, getState().filters.edgeKinds);
    if (!current()) return;
    await bringIntoView(n.nodeIds, n.edges);
    if (!current()) return;
    setState({ focus: { center, hops, nodes: ready({ ids: new Set(n.nodeIds), truncated: n.truncated }) } });
  } catch (e: unknown) {
    setState({ focus: { center, hops, nodes: failed(errorMessage(e)) } });
  }
}

/** Leaves the neighbourhood focus. */
export function clearFocus(): void {
  setState({ focus: null });
}

/** The node ids of a focus once loaded (null: no focus, or not loaded yet). */
export function focusedIds(focus: Focus | null): ReadonlySet<string> | null {
  return focus ? (dataOf(focus.nodes)?.ids ?? null) : null;
}
