/**
 * What a traced path or a chosen crosstalk-matrix cell draws in the accent colour over a faded
 * network. Pure data, read by the reducers and the camera.
 */

/** Nodes and edges drawn in the accent colour over a faded network (a path or a matrix cell). */
export interface Emphasis {
  nodes: ReadonlySet<string>;
  /** Edge keys `source|target|kind`; null: every edge between emphasised nodes. */
  edges: ReadonlySet<string> | null;
  /** False when the camera must stay where a shared link put it. */
  frame?: boolean;
}

/** The key of an edge in {@link Emphasis.edges}. */
export function edgeKey(source: string, target: string, kind: string): string {
  return `${source}|${target}|${kind}`;
}
