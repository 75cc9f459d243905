import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { EDGE_COLORS } from '../model/palette';
import { FILTERS, VISIBLE, fixtureGraph } from './test-fixture';
import { toGexf } from './gexf';
import { baseNodeColors, visibleSubgraph } from './visible-subgraph';

/** "#88CCEE" as graphology-gexf reads a viz:color back ("rgb(136,204,238)"). */
const rgb = (hex: string): string => {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255})`;
};

describe('toGexf', () => {
  const g = fixtureGraph();
  const sub = visibleSubgraph(g, VISIBLE, FILTERS);
  const xml = toGexf(sub, { date: '2025-01-01' });
  const back = parse(Graph, xml);

  it('re-imports to the same nodes and edges', () => {
    expect(back.order).toBe(sub.order);
    expect(back.size).toBe(sub.size);
    expect(back.nodes().sort()).toEqual(sub.nodes().sort());
    sub.forEachEdge((_e, _a, s, t) => expect(back.hasDirectedEdge(s, t)).toBe(true));
    expect(back.hasNode('doi:c')).toBe(false);
  });

  it('keeps x, y, size and colour as viz attributes, and the domain attributes', () => {
    sub.forEachNode((id, a) => {
      const b = back.getNodeAttributes(id);
      expect(b).toMatchObject({
        label: a.fullLabel,
        x: a.x,
        y: a.y,
        size: a.size,
        color: rgb(a.color),
        kind: a.kind,
        community: a.community,
        weight: a.weight,
        isReview: a.isReview,
      });
      // Unknown values are left out, not written as empty strings or zero.
      if (a.year === null) expect(b.year).toBeUndefined();
      else expect(b.year).toBe(a.year);
      if (a.category === null) expect(b.category).toBeUndefined();
      else expect(b.category).toBe(a.category);
    });
    expect(back.getNodeAttribute('doi:r', 'label')).toBe('Bone & muscle <crosstalk> "review"');
  });

  it('writes the relationship kind and greys on edges, and meta', () => {
    expect(back.edges().sort()).toEqual(sub.edges().sort());
    back.forEachEdge((e, a) => {
      const kind = sub.getEdgeAttribute(e, 'kind');
      expect(a.kind).toBe(kind);
      expect(a.color).toBe(rgb(EDGE_COLORS.light[kind]));
    });
    expect(xml).toContain('<creator>crosstalk-kg</creator>');
    expect(xml).toContain('lastmodifieddate="2025-01-01"');
  });

  it('uses the colours of the current colour mode when given', () => {
    const colors = baseNodeColors(g, 'community');
    const again = parse(Graph, toGexf(sub, { colors }));
    expect(again.getNodeAttribute('doi:b', 'color')).toBe(rgb(colors.get('doi:b')!));
  });
});
