import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { visibleNodes } from '../model/filters';
import { COMMUNITY_COLORS } from '../model/palette';
import { FILTERS, VISIBLE, fixtureGraph } from './test-fixture';
import { toGraphJson } from './json';
import { baseNodeColors, visibleSubgraph } from './visible-subgraph';

describe('visibleSubgraph', () => {
  const g = fixtureGraph();

  it('keeps the visible nodes and the edges of enabled kinds between them', () => {
    expect(visibleNodes(g, FILTERS)).toEqual(VISIBLE);
    const sub = visibleSubgraph(g, VISIBLE, FILTERS);
    expect(sub.nodes()).toEqual(['doi:r', 'doi:a', 'doi:b', 'concept:bone']);
    expect(sub.size).toBe(3);
    expect(sub.hasNode('doi:c')).toBe(false);
    expect(sub.getNodeAttributes('doi:r')).toEqual(g.getNodeAttributes('doi:r'));
  });

  it('drops edges whose kind is switched off', () => {
    const sub = visibleSubgraph(g, VISIBLE, { edgeKinds: ['CITES'] });
    expect(sub.edges().every((e) => sub.getEdgeAttribute(e, 'kind') === 'CITES')).toBe(true);
    expect(sub.size).toBe(2);
    expect(sub.order).toBe(4);
  });
});

describe('baseNodeColors', () => {
  it('uses model colours by kind, and ranks communities by size', () => {
    const g = fixtureGraph();
    expect(baseNodeColors(g, 'kind').get('concept:bone')).toBe(g.getNodeAttribute('concept:bone', 'color'));
    const byCommunity = baseNodeColors(g, 'community');
    // Communities 0 and 1 have two nodes each (0 first on ties), community 2 one.
    expect(byCommunity.get('doi:r')).toBe(COMMUNITY_COLORS[0]);
    expect(byCommunity.get('doi:b')).toBe(COMMUNITY_COLORS[1]);
    expect(byCommunity.get('doi:c')).toBe(COMMUNITY_COLORS[2]);
  });
});

describe('toGraphJson', () => {
  it('round-trips through graphology import with every attribute', () => {
    const sub = visibleSubgraph(fixtureGraph(), VISIBLE, FILTERS);
    const data = JSON.parse(
      JSON.stringify(toGraphJson(sub, { description: 'test', date: '2025-01-01' })),
    ) as ReturnType<typeof toGraphJson>;
    const back = new Graph({ type: 'directed', multi: true });
    back.import(data);
    expect(back.order).toBe(sub.order);
    expect(back.size).toBe(sub.size);
    sub.forEachNode((id, a) => expect(back.getNodeAttributes(id)).toEqual(a));
    sub.forEachEdge((e, a, s, t) => {
      expect(back.extremities(e)).toEqual([s, t]);
      expect(back.getEdgeAttributes(e)).toEqual(a);
    });
    expect(back.getAttributes()).toEqual({
      creator: 'crosstalk-kg',
      description: 'test',
      date: '2025-01-01',
    });
  });
});
