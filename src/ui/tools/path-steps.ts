/**
 * Reading a path aloud: each step as "<node> cites <node>" or "<node> is cited by <node>",
 * whichever way the relationship is stored, with the verbs of the registry (model/edge-kinds.ts). Pure.
 */
import type { NetworkEdge } from '../../model/api';
import { networkSpec } from '../../model/edge-kinds';

/** The verb of a step from `from` along `edge`. */
export function stepVerb(from: string, edge: NetworkEdge): string {
  const spec = networkSpec(edge.kind);
  return edge.source === from ? spec.forward : spec.backward;
}

/** A path as plain text, one node per line with the verb between (for copying into notes). */
export function pathAsText(
  nodes: readonly string[],
  edges: readonly NetworkEdge[],
  label: (id: string) => string,
): string {
  return nodes
    .map((n, i) => (i === 0 ? label(n) : `  ${stepVerb(nodes[i - 1]!, edges[i - 1]!)} ${label(n)}`))
    .join('\n');
}
