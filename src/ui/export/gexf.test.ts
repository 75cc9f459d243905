import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { EDGE_COLORS } from '../model/palette';
import { FILTERS, VISIBLE, fixtureGraph } from './test-fixture';
import { toGexf } from './gexf';
import { baseNodeColors, visibleSubgraph } from './visible-subgraph';

/** A colour as graphology-gexf reads a GEXF 1.3 viz:color back: its `hex` attribute as written. */
const rgb = (hex: string): string => hex;

describe('toGexf', () => {
  const g = fixtureGraph();
  const sub = visibleSubgraph(g, VISIBLE, FILTERS);
  // DOI, journal and authors as the store gives them (doi:a has no meta: its DOI comes from its id). 10.1000 is the DOI
  // Foundation's example prefix; the names are placeholders, not people.
  const works = new Map([
    ['doi:r', { doi: '10.1000/example', journal: 'Example Journal', authors: ['Surname A', 'Other B'] }],
  ]);
  const xml = toGexf(sub, { date: '2025-01-01', works });
  const back = parse(Graph, xml);

  it('is GEXF 1.3 with the 1.3 viz namespace', () => {
    expect(xml).toContain('xmlns="http://gexf.net/1.3"');
    expect(xml).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(xml).toContain('version="1.3"');
    expect(xml).not.toContain('http:///');
  });

  it('carries DOI, journal, year and authors of works as node attributes', () => {
    expect(back.getNodeAttributes('doi:r')).toMatchObject({
      doi: '10.1000/example',
      journal: 'Example Journal',
      authors: 'Surname A; Other B',
      year: sub.getNodeAttribute('doi:r', 'year'),
    });
    expect(back.getNodeAttribute('doi:a', 'doi')).toBe('a');
    sub.forEachNode((id, a) => {
      if (a.kind === 'concept') expect(back.getNodeAttribute(id, 'doi')).toBeUndefined();
    });
  });

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
