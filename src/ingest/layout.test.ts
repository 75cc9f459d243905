import { describe, expect, it } from 'vitest';
import { REL_TYPES, type GraphData } from '../model/graph-schema';
import { computeLayout } from './layout';

/** A ring of works citing their predecessor, all mentioning one of two concepts. */
function ring(n: number): GraphData {
  const work = (i: number) => ({ id: `ref:t#${i}`, x: null, y: null, community: null });
  const graph = {
    nodes: {
      Work: Array.from({ length: n }, (_, i) => work(i)),
      Concept: [
        { id: 'concept:a', x: null, y: null, community: null },
        { id: 'concept:b', x: null, y: null, community: null },
      ],
      Author: [],
      Journal: [],
    },
    rels: {
      ...Object.fromEntries(REL_TYPES.map((t) => [t, []])),
      CITES: Array.from({ length: n - 1 }, (_, i) => ({ from: `ref:t#${i + 1}`, to: `ref:t#${i}` })),
      MENTIONS: Array.from({ length: n }, (_, i) => ({
        from: `ref:t#${i}`,
        to: i % 2 ? 'concept:a' : 'concept:b',
      })),
    },
  };
  return graph as unknown as GraphData;
}

describe('computeLayout above the backbone size', () => {
  it('places every work and concept, deterministically, with communities', () => {
    const a = ring(300);
    const b = ring(300);
    computeLayout(a, { seed: 's', backboneSize: 50, iterations: 20 });
    computeLayout(b, { seed: 's', backboneSize: 50, iterations: 20 });
    const nodes = [...a.nodes.Work, ...a.nodes.Concept];
    expect(nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    expect(nodes.every((n) => n.community !== null)).toBe(true);
    expect(a).toEqual(b);
  });

  it('gives the same layout from the work numbers of the links as from their ids', () => {
    const a = ring(300);
    const b = ring(300);
    const citations = new Int32Array(a.rels.CITES.flatMap((_, i) => [i + 1, i]));
    computeLayout(a, { seed: 's', backboneSize: 50, iterations: 20 });
    computeLayout(b, {
      seed: 's',
      backboneSize: 50,
      iterations: 20,
      workLinks: { CITES: citations, SIMILAR_TO: new Int32Array(0) },
    });
    expect(b).toEqual(a);
  });
});
