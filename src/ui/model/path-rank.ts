/**
 * Which shortest paths say the most. Pure.
 *
 * The rule: a path through a hub is true and uninformative ("the review mentions bone, irisin acts
 * on bone"). Each path is scored by the information of its inner nodes, the sum of log2(degree)
 * over the nodes between the two ends — minus log2 of the chance that a random walk leaving each
 * inner node takes the step the path takes. A step through a node with 300 links costs ~8.2 bits,
 * through a node with 3 links ~1.6 bits; the path with the fewest bits is the most specific and is
 * listed first (ties keep the search's order). "Avoid hubs" goes further and searches again without
 * stepping through hub concepts (the hub rule of ./focus.ts).
 */
import type { NetworkEdge } from '../../model/api';

/** A path as the API lists it. */
export interface ListedPath {
  nodes: string[];
  edges: NetworkEdge[];
}

/** Bits a path spends in its inner nodes: the sum of log2(degree) (see the module comment). */
export function pathCost(nodes: readonly string[], degreeOf: (id: string) => number): number {
  let bits = 0;
  for (let i = 1; i < nodes.length - 1; i++) bits += Math.log2(Math.max(1, degreeOf(nodes[i]!)));
  return bits;
}

/** The paths, most specific first (fewest bits; ties keep their order). */
export function rankPaths<P extends ListedPath>(paths: readonly P[], degreeOf: (id: string) => number): P[] {
  return paths
    .map((p, i) => ({ p, i, cost: pathCost(p.nodes, degreeOf) }))
    .sort((a, b) => a.cost - b.cost || a.i - b.i)
    .map((x) => x.p);
}

/** A step of the network for {@link shortestPathsAvoiding}: the node reached and the relationship. */
export interface Step {
  to: string;
  edge: NetworkEdge;
}

/**
 * Every shortest path (up to `limit`) from `from` to `to` whose inner nodes are not in `avoid`,
 * over `steps(id)` (the steps a path may take from a node), at most `maxHops` relationships.
 */
export function shortestPathsAvoiding(
  from: string,
  to: string,
  steps: (id: string) => readonly Step[],
  avoid: ReadonlySet<string>,
  maxHops: number,
  limit: number,
): ListedPath[] {
  // Breadth-first from `from`, remembering every predecessor on a shortest route.
  const depth = new Map<string, number>([[from, 0]]);
  const preds = new Map<string, Step[]>();
  let frontier = [from];
  for (let d = 0; d < maxHops && frontier.length > 0 && !depth.has(to); d++) {
    const next: string[] = [];
    for (const u of frontier) {
      if (u !== from && avoid.has(u)) continue;
      for (const s of steps(u)) {
        const seen = depth.get(s.to);
        if (seen === undefined) {
          depth.set(s.to, d + 1);
          next.push(s.to);
        }
        if ((seen ?? d + 1) === d + 1) {
          const list = preds.get(s.to) ?? [];
          list.push({ to: u, edge: s.edge });
          preds.set(s.to, list);
        }
      }
    }
    frontier = next;
  }
  if (!depth.has(to)) return [];
  const out: ListedPath[] = [];
  const walk = (node: string, nodes: string[], edges: NetworkEdge[]): void => {
    if (out.length >= limit) return;
    if (node === from) {
      out.push({ nodes: [from, ...nodes], edges: [...edges] });
      return;
    }
    for (const p of preds.get(node) ?? []) walk(p.to, [node, ...nodes], [p.edge, ...edges]);
  };
  walk(to, [], []);
  return out;
}

/** Why a kind of path cannot exist, before asking for it (null: it may). */
export function impossiblePath(
  via: 'cites' | 'any',
  ends: readonly { kind: 'work' | 'concept'; label: string }[],
): string | null {
  if (via !== 'cites') return null;
  const concept = ends.find((e) => e.kind === 'concept');
  if (!concept) return null;
  return `Concepts are not cited: a citations-only path joins two works, and “${concept.label}” is a concept. Allow any link, or choose a work.`;
}
