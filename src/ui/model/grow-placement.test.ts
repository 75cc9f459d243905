import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import type { EdgeAttributes, NodeAttributes, UiGraph } from './build-graph';
import { placeGrownGraph } from './grow-placement';

const node = (x: number, y: number): NodeAttributes => ({
  x,
  y,
  size: 3,
  color: '#000',
  label: '',
  fullLabel: '',
  type: 'circle',
  kind: 'work',
  year: null,
  category: null,
  community: 0,
  weight: 0,
  isReview: false,
  forceLabel: false,
  zIndex: 1,
});

const graphOf = (nodes: Record<string, [number, number]>, edges: [string, string][]): UiGraph => {
  const g: UiGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: true });
  for (const [id, [x, y]] of Object.entries(nodes)) g.addNode(id, node(x, y));
  for (const [a, b] of edges) g.addDirectedEdge(a, b, { kind: 'CITES', size: 1, type: 'arrow' });
  return g;
};

/** The old view: a review at the origin, two works 100 away; the box is [-100, 100] × [0, 100]. */
const previous = (): UiGraph =>
  graphOf({ review: [0, 0], a: [100, 0], b: [-100, 100] }, [
    ['review', 'a'],
    ['review', 'b'],
  ]);

/** The grown graph as the server lays it out: every old node moved, four new works. */
const grown = (): UiGraph =>
  graphOf(
    { review: [9, 9], a: [-50, 3], b: [7, -7], r1: [500, 500], r2: [-500, 500], c1: [0, -900], lone: [1, 1] },
    [
      ['review', 'a'],
      ['review', 'b'],
      ['review', 'r1'],
      ['review', 'r2'],
      ['c1', 'review'],
      ['c1', 'a'],
    ],
  );

describe('placeGrownGraph', () => {
  it('keeps the old positions and places new works near their neighbours, inside the old box', () => {
    const next = grown();
    next.addNode('c2', node(1000, 1000));
    next.addDirectedEdge('c2', 'r1', { kind: 'CITES', size: 1, type: 'arrow' });
    const result = placeGrownGraph(previous(), next, { anchor: 'review' });
    expect(result).toEqual({ kept: 3, placed: 5 });
    expect(next.getNodeAttributes('review')).toMatchObject({ x: 0, y: 0 });
    expect(next.getNodeAttributes('a')).toMatchObject({ x: 100, y: 0 });
    expect(next.getNodeAttributes('b')).toMatchObject({ x: -100, y: 100 });
    const at = (id: string) => next.getNodeAttributes(id);
    const dist = (p: { x: number; y: number }, q: { x: number; y: number }) =>
      Math.hypot(p.x - q.x, p.y - q.y);
    // 200 × 0.012 = 2.4 per spiral step: the review's references within a few steps of it.
    expect(dist(at('r1'), at('review'))).toBeLessThan(2.4 * Math.sqrt(3) + 1e-9);
    expect(dist(at('r2'), at('review'))).toBeLessThan(2.4 * Math.sqrt(3) + 1e-9);
    expect(dist(at('r1'), at('r2'))).toBeGreaterThan(0);
    // c1 cites the review and a: near their midpoint (50, 0).
    expect(dist(at('c1'), { x: 50, y: 0 })).toBeLessThan(2.4 * Math.sqrt(2) + 1e-9);
    // c2's only neighbour is new: placed after it, next to it.
    expect(dist(at('c2'), at('r1'))).toBeLessThan(2.4 * Math.sqrt(2) + 1e-9);
    // No neighbour at all: around the expanded work.
    expect(dist(at('lone'), at('review'))).toBeLessThan(2.4 * Math.sqrt(4) + 1e-9);
    next.forEachNode((_, p) => {
      expect(p.x).toBeGreaterThanOrEqual(-100);
      expect(p.x).toBeLessThanOrEqual(100);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(100);
    });
  });

  it('is deterministic and spreads many references around their work', () => {
    const build = () => {
      const next = grown();
      for (let i = 0; i < 200; i += 1) {
        next.addNode(`s${i}`, node(0, 0));
        next.addDirectedEdge('review', `s${i}`, { kind: 'CITES', size: 1, type: 'arrow' });
      }
      placeGrownGraph(previous(), next, { anchor: 'review', seed: 's' });
      return next;
    };
    const one = build();
    const two = build();
    const spots = new Set<string>();
    one.forEachNode((id, a) => {
      expect(two.getNodeAttributes(id)).toMatchObject({ x: a.x, y: a.y });
      if (id.startsWith('s')) spots.add(`${a.x.toFixed(3)},${a.y.toFixed(3)}`);
    });
    expect(spots.size).toBe(200);
  });
});
