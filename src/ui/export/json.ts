/**
 * The visible graph in graphology's serialisation format (`graph.export()`): what
 * `graph.import()` or `Graph.from()` reads back, and what sigma can draw directly (x, y, size,
 * color, label; `type` is the sigma program). Pure.
 */
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttributes, NodeAttributes, UiGraph } from '../model/build-graph';

/** Graph-level attributes of the export. */
export interface GraphJsonMeta {
  creator: 'crosstalk-kg';
  description: string;
  date: string;
}

/** The serialised graph with its meta attributes. */
export function toGraphJson(
  g: UiGraph,
  meta: Omit<GraphJsonMeta, 'creator'>,
): SerializedGraph<NodeAttributes, EdgeAttributes, GraphJsonMeta> {
  const data = g.export();
  return { ...data, attributes: { creator: 'crosstalk-kg', ...meta } };
}
