import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { NETWORK_EDGE_KINDS, type EdgeKind, type NetworkEdge } from './api';
import { NetworkIndex, type PathOptions } from './network-index';

const e = (source: string, target: string, kind: EdgeKind = 'CITES'): NetworkEdge => ({
  source,
  target,
  kind,
});
const opts = (o: Partial<PathOptions> = {}): PathOptions => ({
  kinds: ['CITES'],
  directed: true,
  maxHops: 8,
  limit: 10,
  ...o,
});

/** Every simple path of minimum length, by exhaustive search (for small graphs only). */
function bruteForce(
  ids: string[],
  edges: NetworkEdge[],
  from: string,
  to: string,
  o: PathOptions,
): string[][] {
  const steps = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const x of edges) {
    if (!o.kinds.includes(x.kind) || x.source === x.target) continue;
    steps.get(x.source)!.push(x.target);
    if (!o.directed) steps.get(x.target)!.push(x.source);
  }
  let best: string[][] = [];
  let bestLen = Infinity;
  const walk = (path: string[]): void => {
    if (path.length - 1 > Math.min(bestLen, o.maxHops)) return;
    const last = path[path.length - 1]!;
    if (last === to) {
      if (path.length - 1 < bestLen) {
        bestLen = path.length - 1;
        best = [];
      }
      best.push(path);
      return;
    }
    for (const next of new Set(steps.get(last))) if (!path.includes(next)) walk([...path, next]);
  };
  walk([from]);
  return best.map((p) => p).sort();
}

describe('NetworkIndex.shortestPaths', () => {
  const ids = ['a', 'b', 'c', 'd', 'x', 'k'];
  const edges = [
    e('a', 'b'),
    e('b', 'c'),
    e('a', 'd'),
    e('d', 'c'),
    e('c', 'x'),
    e('a', 'k', 'MENTIONS'),
    e('x', 'k', 'MENTIONS'),
  ];
  const index = NetworkIndex.fromEdges(ids, edges);

  it('lists every shortest citation chain, in a stable order, with the relationships taken', () => {
    const r = index.shortestPaths('a', 'x', opts());
    expect(r.length).toBe(3);
    expect(r.paths.map((p) => p.nodes)).toEqual([
      ['a', 'b', 'c', 'x'],
      ['a', 'd', 'c', 'x'],
    ]);
    expect(r.paths[0]!.edges).toEqual([e('a', 'b'), e('b', 'c'), e('c', 'x')]);
    expect(r.truncated).toBe(false);
  });

  it('respects direction unless told not to', () => {
    expect(index.shortestPaths('x', 'a', opts()).length).toBeNull();
    const r = index.shortestPaths('x', 'a', opts({ directed: false }));
    expect(r.length).toBe(3);
    // Edges keep their stored direction even when walked backwards.
    expect(r.paths[0]!.edges[0]).toEqual(e('c', 'x'));
  });

  it('follows other relationship kinds only when asked', () => {
    const any = index.shortestPaths('a', 'x', opts({ kinds: NETWORK_EDGE_KINDS, directed: false }));
    expect(any.length).toBe(2);
    expect(any.paths.map((p) => p.nodes)).toEqual([['a', 'k', 'x']]);
    expect(any.paths[0]!.edges.map((x) => x.kind)).toEqual(['MENTIONS', 'MENTIONS']);
  });

  it('gives no path beyond maxHops, and says when there are more paths than the limit', () => {
    expect(index.shortestPaths('a', 'x', opts({ maxHops: 2 })).length).toBeNull();
    const one = index.shortestPaths('a', 'x', opts({ limit: 1 }));
    expect(one.paths).toHaveLength(1);
    expect(one.truncated).toBe(true);
  });

  it('ignores edges to unknown nodes and self-loops, and refuses unknown or equal ends', () => {
    const g = NetworkIndex.fromEdges(['a', 'b'], [e('a', 'zz'), e('a', 'a'), e('a', 'b')]);
    expect(g.size).toBe(1);
    expect(() => g.shortestPaths('a', 'zz', opts())).toThrow();
    expect(() => g.shortestPaths('a', 'a', opts())).toThrow();
  });

  it('does not depend on the order edges arrive in', () => {
    const shuffled = NetworkIndex.fromEdges([...ids].reverse(), [...edges].reverse());
    expect(shuffled.shortestPaths('a', 'x', opts())).toEqual(index.shortestPaths('a', 'x', opts()));
  });

  it('agrees with exhaustive search on random graphs', () => {
    const rng = seedrandom('paths');
    for (let round = 0; round < 60; round++) {
      const n = 4 + Math.floor(rng() * 9);
      const nodeIds = Array.from({ length: n }, (_, i) => `n${String(i).padStart(2, '0')}`);
      const es: NetworkEdge[] = [];
      const m = Math.floor(rng() * n * 2);
      for (let i = 0; i < m; i++) {
        const s = nodeIds[Math.floor(rng() * n)]!;
        const t = nodeIds[Math.floor(rng() * n)]!;
        es.push(e(s, t, rng() < 0.7 ? 'CITES' : 'MENTIONS'));
      }
      const g = NetworkIndex.fromEdges(nodeIds, es);
      for (const directed of [true, false]) {
        for (const kinds of [['CITES'], ['CITES', 'MENTIONS']] as EdgeKind[][]) {
          const o = opts({ directed, kinds, limit: 1000, maxHops: 6 });
          const [from, to] = [nodeIds[0]!, nodeIds[n - 1]!];
          const want = bruteForce(nodeIds, es, from, to, o);
          const got = g.shortestPaths(from, to, o);
          expect(
            got.paths.map((p) => p.nodes).sort(),
            `round ${round} directed=${directed} ${kinds.join()}`,
          ).toEqual(want);
          expect(got.length).toBe(want.length > 0 ? want[0]!.length - 1 : null);
          for (const p of got.paths) {
            p.edges.forEach((x, i) => {
              const [u, v] = [p.nodes[i], p.nodes[i + 1]];
              expect(kinds).toContain(x.kind);
              expect(
                directed
                  ? x.source === u && x.target === v
                  : [u, v].sort().join() === [x.source, x.target].sort().join(),
              ).toBe(true);
            });
          }
        }
      }
    }
  });
});
