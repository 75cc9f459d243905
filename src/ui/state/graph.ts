/**
 * The network: loading the graphology model from the API, and the level of detail (an overview
 * gains the nodes a search hit, a neighbourhood, a path or a link needs).
 */
import type { NetworkEdge } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { addNetworkEdge, addNetworkNode, buildUiGraph, type UiGraph } from '../model/build-graph';
import { dataOf, failed, loading, ready } from './async';
import { getGraph, getGraphModel, graphChanged, setGraph, type GraphModel } from './graph-holder';
import { getState, setState, useAppStore } from './store';

/**
 * Loads the network into the model; the database's counts follow when they arrive. Returns the
 * graph, or null when it could not be loaded (the store says why). `place` may set the new
 * graph's positions before it is shown (a grown graph keeps the old view's, see fetch.ts).
 */
export async function loadNetwork(place?: (next: UiGraph) => void): Promise<UiGraph | null> {
  setState((s) => ({ network: loading(s.network) }));
  try {
    // The network is drawn as soon as it arrives; the store's counts and provenance follow.
    const stats = api.stats().catch(() => null);
    const payload = await api.graph();
    const graph = buildUiGraph(payload);
    place?.(graph);
    const revision = setGraph(graph);
    setState({ network: ready({ overview: payload.overview, revision }) });
    void stats.then((st) => setState({ stats: st }));
    return graph;
  } catch (e: unknown) {
    setGraph(null);
    setState({ network: failed(errorMessage(e)) });
    return null;
  }
}

/** Most nodes one expansion of an overview adds. */
const MAX_ADDED_NODES = 5_000;

/**
 * Level of detail: when the view is an overview, adds the nodes among `ids` that it left out
 * (fetched with their stored layout) and the relationships `edges` between drawn nodes, so a
 * neighbourhood, a path or a search hit can be seen in place. Does nothing on a full graph.
 * Returns how many nodes were added.
 */
export async function bringIntoView(
  ids: readonly string[],
  edges: readonly NetworkEdge[] = [],
): Promise<number> {
  const g = getGraph();
  const overview = dataOf(getState().network)?.overview;
  if (!g || !overview?.isOverview) return 0;
  const missing = [...new Set(ids)].filter((id) => !g.hasNode(id)).slice(0, MAX_ADDED_NODES);
  let added = 0;
  if (missing.length > 0) {
    const { nodes } = await api.networkNodes(missing);
    if (getGraph() !== g) return 0; // the graph was reloaded meanwhile
    for (const n of nodes) {
      if (!g.hasNode(n.id)) {
        addNetworkNode(g, n);
        added += 1;
      }
    }
  }
  let linked = 0;
  for (const e of edges) if (addNetworkEdge(g, e)) linked += 1;
  if (added > 0 || linked > 0) {
    const revision = graphChanged();
    setState((s) => {
      const loaded = dataOf(s.network);
      return loaded
        ? {
            network: ready({
              overview: { ...loaded.overview, shownNodes: g.order, shownEdges: g.size },
              revision,
            }),
          }
        : {};
    });
  }
  return added;
}

/** True when a node id is in the loaded network. */
export function isInNetwork(id: string): boolean {
  return getGraph()?.hasNode(id) ?? false;
}

/**
 * The loaded model, re-rendering when it changes (replaced by a load, or nodes added). Depend on
 * the returned object to follow every change, or on its `graph` to follow replacements only.
 */
export function useGraphModel(): GraphModel | null {
  const revision = useAppStore((s) => dataOf(s.network)?.revision ?? null);
  return revision === null ? null : getGraphModel();
}
