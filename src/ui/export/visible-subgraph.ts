/**
 * The visible part of the network as its own graph: the nodes the filters and focus leave, and
 * the edges whose kind is on and whose ends are both visible (the same rule the reducers use).
 * Pure: no DOM, no sigma.
 */
import Graph from 'graphology';
import type { UiGraph } from '../model/build-graph';
import { isEdgeVisible, type Filters } from '../model/filters';
import { communityColors } from '../model/communities';
import { OTHER_COMMUNITY_COLOR } from '../model/palette';

/** A copy of the visible nodes and edges of `g`, attributes as in the model, in model order. */
export function visibleSubgraph(
  g: UiGraph,
  visible: ReadonlySet<string>,
  filters: Pick<Filters, 'edgeKinds'>,
): UiGraph {
  const sub: UiGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  g.forEachNode((id, a) => {
    if (visible.has(id)) sub.addNode(id, { ...a });
  });
  g.forEachEdge((key, a, s, t) => {
    if (isEdgeVisible(a.kind, s, t, filters as Filters, visible))
      sub.addDirectedEdgeWithKey(key, s, t, { ...a });
  });
  return sub;
}

/**
 * Node colours as the network shows them in a colour mode, before hover and selection: by kind
 * (the model's colour) or by community — communities ranked by size over the whole model, the
 * largest getting the first palette colour, exactly as the network view ranks them.
 */
export function baseNodeColors(g: UiGraph, mode: 'kind' | 'community'): Map<string, string> {
  const colors = new Map<string, string>();
  if (mode === 'kind') {
    g.forEachNode((id, a) => colors.set(id, a.color));
    return colors;
  }
  const byCommunity = communityColors(g);
  g.forEachNode((id, a) => colors.set(id, byCommunity.get(a.community) ?? OTHER_COMMUNITY_COLOR));
  return colors;
}
