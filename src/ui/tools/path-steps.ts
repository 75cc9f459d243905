/**
 * Reading a path aloud: each step as "<node> cites <node>" or "<node> is cited by <node>",
 * whichever way the relationship is stored. Pure.
 */
import type { EdgeKind, NetworkEdge } from '../../model/api';

const FORWARD: Record<EdgeKind, string> = {
  CITES: 'cites',
  SIMILAR_TO: 'is similar to',
  MENTIONS: 'mentions',
  IS_A: 'is a kind of',
  SECRETED_BY: 'is secreted by',
  ACTS_ON: 'acts on',
};

const BACKWARD: Record<EdgeKind, string> = {
  CITES: 'is cited by',
  SIMILAR_TO: 'is similar to',
  MENTIONS: 'is mentioned by',
  IS_A: 'includes',
  SECRETED_BY: 'secretes',
  ACTS_ON: 'is acted on by',
};

/** The verb of a step from `from` along `edge`. */
export function stepVerb(from: string, edge: NetworkEdge): string {
  return edge.source === from ? FORWARD[edge.kind] : BACKWARD[edge.kind];
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
