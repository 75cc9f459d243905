import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { animatePositions, layoutSubset, subsetInput } from './index';
import { computeSubsetLayout, interpolate, type SubsetLayoutInput } from './subset-layout';

/**
 * Two triangles {a,b,c} and {d,e,f} joined by one edge c–d, all nodes starting on one point
 * except f: the layout must separate them, keep each triangle together and be repeatable.
 */
const input = (seed = 's'): SubsetLayoutInput => ({
  ids: ['a', 'b', 'c', 'd', 'e', 'f'],
  x: [0, 0, 0, 0, 0, 10],
  y: [0, 0, 0, 0, 0, 10],
  edges: [
    [0, 1],
    [1, 2],
    [0, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [3, 5],
  ],
  seed,
  iterations: 200,
});

const dist = (p: { x: number; y: number }, q: { x: number; y: number }): number =>
  Math.hypot(p.x - q.x, p.y - q.y);

describe('computeSubsetLayout', () => {
  it('gives the same positions for the same input and seed', () => {
    const one = computeSubsetLayout(input());
    const two = computeSubsetLayout(input());
    expect([...two]).toEqual([...one]);
  });

  it('separates nodes that shared a position and keeps linked nodes closer than unlinked ones', () => {
    const p = computeSubsetLayout(input());
    const get = (id: string) => p.get(id)!;
    for (const [u, v] of [
      ['a', 'b'],
      ['a', 'd'],
      ['b', 'e'],
    ] as const) {
      expect(dist(get(u), get(v))).toBeGreaterThan(1);
    }
    // Within a triangle nodes are nearer than across the two triangles.
    expect(dist(get('a'), get('b'))).toBeLessThan(dist(get('a'), get('e')));
    expect(dist(get('e'), get('f'))).toBeLessThan(dist(get('b'), get('f')));
  });

  it('fits the result into the square of the given radius around the given centre', () => {
    const p = computeSubsetLayout({ ...input(), radius: 100, center: { x: 500, y: -200 } });
    const xs = [...p.values()].map((q) => q.x);
    const ys = [...p.values()].map((q) => q.y);
    const half = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 2;
    expect(half).toBeCloseTo(100, 6);
    expect((Math.max(...xs) + Math.min(...xs)) / 2).toBeCloseTo(500, 6);
    expect((Math.max(...ys) + Math.min(...ys)) / 2).toBeCloseTo(-200, 6);
  });

  it('puts a single node at the centre and returns nothing for no node', () => {
    expect(computeSubsetLayout({ ids: [], x: [], y: [], edges: [], seed: 's' }).size).toBe(0);
    expect([...computeSubsetLayout({ ids: ['a'], x: [3], y: [4], edges: [], seed: 's' })]).toEqual([
      ['a', { x: 3, y: 4 }],
    ]);
  });

  it('eases from one position to the other', () => {
    expect(interpolate({ x: 0, y: 0 }, { x: 10, y: 20 }, 0)).toEqual({ x: 0, y: 0 });
    expect(interpolate({ x: 0, y: 0 }, { x: 10, y: 20 }, 0.5)).toEqual({ x: 5, y: 10 });
    expect(interpolate({ x: 0, y: 0 }, { x: 10, y: 20 }, 1)).toEqual({ x: 10, y: 20 });
  });
});

describe('layoutSubset on a graphology graph', () => {
  const graph = (): Graph<{ x: number; y: number }> => {
    const g = new Graph<{ x: number; y: number }>({ type: 'directed', multi: true });
    for (const [id, x, y] of [
      ['w1', 0, 0],
      ['w2', 1, 0],
      ['w3', 2, 0],
      ['far', 1000, 1000],
    ] as const)
      g.addNode(id, { x, y });
    g.addEdge('w1', 'w2', { kind: 'CITES' });
    g.addEdge('w2', 'w3', { kind: 'CITES' });
    g.addEdge('w3', 'far', { kind: 'CITES' });
    return g;
  };

  it('takes only the subset and the relationships among it, and leaves the graph unchanged', async () => {
    const g = graph();
    const req = subsetInput(g, ['w1', 'w2', 'w3', 'missing']);
    expect(req.ids).toEqual(['w1', 'w2', 'w3']);
    expect(req.edges).toEqual([
      [0, 1],
      [1, 2],
    ]);
    const p = await layoutSubset(g, ['w1', 'w2', 'w3'], { seed: 'x' });
    expect([...p.keys()]).toEqual(['w1', 'w2', 'w3']);
    expect(g.getNodeAttributes('w1')).toMatchObject({ x: 0, y: 0 });
    await animatePositions(g, p);
    expect(g.getNodeAttribute('w2', 'x')).toBeCloseTo(p.get('w2')!.x, 9);
    expect(g.getNodeAttributes('far')).toMatchObject({ x: 1000, y: 1000 });
  });

  it('rejects when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(layoutSubset(graph(), ['w1', 'w2'], { signal: controller.signal })).rejects.toThrow(
      /cancelled/,
    );
  });
});
