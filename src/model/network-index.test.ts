import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { NETWORK_EDGE_KINDS, type EdgeKind, type NetworkEdge } from './api';
import { EdgeArrayBuilder, NetworkIndex } from './network-index';

const e = (source: string, target: string, kind: EdgeKind = 'CITES'): NetworkEdge => ({
  source,
  target,
  kind,
});
const key = (x: NetworkEdge): string => `${x.kind} ${x.source} ${x.target}`;

/** A random graph with every kind, loops and parallel relationships of different kinds. */
function randomGraph(seed: string, n: number, m: number): { ids: string[]; edges: NetworkEdge[] } {
  const rng = seedrandom(seed);
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const seen = new Set<string>();
  const edges: NetworkEdge[] = [];
  for (let i = 0; i < m; i++) {
    const x = e(
      ids[Math.floor(rng() * n)]!,
      ids[Math.floor(rng() * n)]!,
      NETWORK_EDGE_KINDS[Math.floor(rng() * NETWORK_EDGE_KINDS.length)],
    );
    if (seen.has(key(x))) continue;
    seen.add(key(x));
    edges.push(x);
  }
  return { ids, edges };
}

/** The neighbourhood by definition, without a size cap: a plain breadth-first search over objects. */
function naiveNeighborhood(
  edges: NetworkEdge[],
  center: string,
  hops: number,
  kinds: readonly EdgeKind[],
): { nodes: Set<string>; edges: Set<string> } {
  const usable = edges.filter((x) => kinds.includes(x.kind) && x.source !== x.target);
  const dist = new Map([[center, 0]]);
  let frontier = [center];
  for (let hop = 1; hop <= hops; hop++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const x of usable) {
        const v = x.source === u ? x.target : x.target === u ? x.source : null;
        if (v !== null && !dist.has(v)) {
          dist.set(v, hop);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  // Relationships touching a node that was expanded (closer than `hops`), both ends reached.
  const inner = (id: string): boolean => (dist.get(id) ?? Infinity) < hops;
  const kept = usable.filter(
    (x) => dist.has(x.source) && dist.has(x.target) && (inner(x.source) || inner(x.target)),
  );
  return { nodes: new Set(dist.keys()), edges: new Set(kept.map(key)) };
}

describe('NetworkIndex.neighborhood', () => {
  it('matches a plain breadth-first search on 40 random graphs', () => {
    for (let g = 0; g < 40; g++) {
      const { ids, edges } = randomGraph(`nb${g}`, 30, 70);
      const index = NetworkIndex.fromEdges(ids, edges);
      const kinds = g % 2 === 0 ? NETWORK_EDGE_KINDS : (['CITES', 'MENTIONS'] as const);
      for (const hops of [1, 2, 3]) {
        const center = ids[g % ids.length]!;
        const got = index.neighborhood(center, hops, kinds, 10_000)!;
        const want = naiveNeighborhood(edges, center, hops, kinds);
        expect(got.truncated).toBe(false);
        expect(got.nodeIds[0]).toBe(center);
        expect(new Set(got.nodeIds)).toEqual(want.nodes);
        expect(got.nodeIds.length).toBe(want.nodes.size);
        expect(new Set(got.edges.map(key))).toEqual(want.edges);
        expect(got.edges.length).toBe(want.edges.size);
      }
    }
  });

  it('keeps the best-connected nodes of a layer that does not fit, and says so', () => {
    // A hub with 10 leaves; leaves l7, l8, l9 have extra links of their own.
    const edges = Array.from({ length: 10 }, (_, i) => e('hub', `l${i}`, 'MENTIONS'));
    edges.push(e('l9', 'x1'), e('l9', 'x2'), e('l8', 'x3'), e('l7', 'x3'), e('l9', 'x3'));
    const ids = ['hub', 'x1', 'x2', 'x3', ...Array.from({ length: 10 }, (_, i) => `l${i}`)];
    const index = NetworkIndex.fromEdges(ids, edges);
    const got = index.neighborhood('hub', 2, NETWORK_EDGE_KINDS, 4)!;
    expect(got.truncated).toBe(true);
    expect(got.nodeIds).toEqual(['hub', 'l9', 'l7', 'l8']);
    expect(got.edges.map(key).sort()).toEqual(['MENTIONS hub l7', 'MENTIONS hub l8', 'MENTIONS hub l9']);
  });

  it('is null for an unknown node and the centre alone for an isolated one', () => {
    const index = NetworkIndex.fromEdges(['a', 'b'], [e('a', 'a')]);
    expect(index.neighborhood('zz', 1, NETWORK_EDGE_KINDS, 10)).toBeNull();
    expect(index.neighborhood('a', 2, NETWORK_EDGE_KINDS, 10)).toEqual({
      nodeIds: ['a'],
      edges: [],
      truncated: false,
    });
  });
});

describe('NetworkIndex.edgesAmong', () => {
  it('lists exactly the relationships with both ends in the set', () => {
    const { ids, edges } = randomGraph('among', 50, 200);
    const index = NetworkIndex.fromEdges(ids, edges);
    const subset = ids.filter((_, i) => i % 3 !== 0);
    const inSet = new Set(subset);
    const want = edges.filter((x) => x.source !== x.target && inSet.has(x.source) && inSet.has(x.target));
    const got = index.edgesAmong([...subset, 'unknown', subset[0]!]);
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
  });
});

describe('NetworkIndex.fromArrays', () => {
  it('gives the same index as fromEdges, whatever the input order', () => {
    const { ids, edges } = randomGraph('arrays', 60, 300);
    const reference = NetworkIndex.fromEdges(ids, edges);
    const rng = seedrandom('shuffle');
    const shuffledIds = [...ids].sort(() => rng() - 0.5);
    const position = new Map(shuffledIds.map((id, i) => [id, i]));
    const built = new EdgeArrayBuilder();
    for (const x of [...edges].reverse())
      built.push(position.get(x.source)!, position.get(x.target)!, x.kind);
    const index = NetworkIndex.fromArrays(shuffledIds, built.arrays());
    expect(index.ids).toEqual(reference.ids);
    expect(index.size).toBe(reference.size);
    expect(index.edgesAmong(ids)).toEqual(reference.edgesAmong(ids));
    for (const id of ids.slice(0, 10)) {
      expect(index.degree(id)).toBe(reference.degree(id));
      expect(index.neighborhood(id, 2, NETWORK_EDGE_KINDS, 20)).toEqual(
        reference.neighborhood(id, 2, NETWORK_EDGE_KINDS, 20),
      );
      expect(
        index.shortestPaths(id, ids[59]!, {
          kinds: NETWORK_EDGE_KINDS,
          directed: false,
          maxHops: 8,
          limit: 5,
        }),
      ).toEqual(
        reference.shortestPaths(id, ids[59]!, {
          kinds: NETWORK_EDGE_KINDS,
          directed: false,
          maxHops: 8,
          limit: 5,
        }),
      );
    }
  });

  it('grows its arrays past their first size', () => {
    const built = new EdgeArrayBuilder();
    for (let i = 0; i < 5000; i++) built.push(i % 100, (i * 7) % 100, 'CITES');
    const a = built.arrays();
    expect(a.length).toBe(5000);
    expect(a.source[4999]).toBe(4999 % 100);
    expect(a.target[4999]).toBe((4999 * 7) % 100);
  });
});

describe('NetworkIndex.neighborhood edge cap', () => {
  it("lists the centre's relationships first and says when relationships were cut", () => {
    const edges = [
      ...Array.from({ length: 6 }, (_, i) => e('c', `a${i}`)),
      ...Array.from({ length: 6 }, (_, i) => e(`a${i}`, `b${i}`)),
    ];
    const ids = ['c', ...Array.from({ length: 6 }, (_, i) => [`a${i}`, `b${i}`]).flat()];
    const index = NetworkIndex.fromEdges(ids, edges);
    const all = index.neighborhood('c', 2, NETWORK_EDGE_KINDS, 100)!;
    expect(all.edges).toHaveLength(12);
    expect(all.truncated).toBe(false);
    const cut = index.neighborhood('c', 2, NETWORK_EDGE_KINDS, 100, 8)!;
    expect(cut.truncated).toBe(true);
    expect(cut.nodeIds).toEqual(all.nodeIds);
    expect(cut.edges).toEqual(all.edges.slice(0, 8));
    expect(cut.edges.slice(0, 6).every((x) => x.source === 'c')).toBe(true);
  });
});

describe('NetworkIndex.neighboursOf', () => {
  it('lists the ends of one kind in one direction, as the relationships say, on 20 random graphs', () => {
    for (let s = 0; s < 20; s++) {
      const { ids, edges } = randomGraph(`nb${s}`, 30, 120);
      const index = NetworkIndex.fromEdges(ids, edges);
      for (const id of ids) {
        const u = index.positionOf(id)!;
        for (const kind of NETWORK_EDGE_KINDS) {
          const names = (dir: 'out' | 'in'): string[] =>
            index.neighboursOf(u, kind, dir).map((v) => index.ids[v]!);
          const want = (dir: 'out' | 'in'): string[] =>
            edges
              .filter(
                (x) =>
                  x.kind === kind && x.source !== x.target && (dir === 'out' ? x.source : x.target) === id,
              )
              .map((x) => (dir === 'out' ? x.target : x.source))
              .sort();
          expect(names('out'), `${id} ${kind} out`).toEqual(want('out'));
          expect(names('in'), `${id} ${kind} in`).toEqual(want('in'));
        }
      }
    }
  });

  it('is empty for a position outside the index', () => {
    const index = NetworkIndex.fromEdges(['a', 'b'], [e('a', 'b')]);
    expect(index.neighboursOf(0, 'CITES', 'out')).toEqual([1]);
    expect(index.neighboursOf(2, 'CITES', 'out')).toEqual([]);
    expect(index.neighboursOf(-1, 'CITES', 'in')).toEqual([]);
  });
});
