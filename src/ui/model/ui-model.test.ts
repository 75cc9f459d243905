import { describe, expect, it } from 'vitest';
import type { NetworkPayload } from '../../model/api';
import { buildUiGraph, truncateLabel } from './build-graph';
import { DEFAULT_FILTERS, isEdgeVisible, passesNodeFilters, visibleNodes, yearSpan } from './filters';

/** A five-node network: the review cites two works; one work mentions a concept; one is unlinked. */
const payload: NetworkPayload = {
  nodes: [
    {
      id: 'doi:r',
      kind: 'work',
      label: 'The review',
      x: 0,
      y: 0,
      community: 0,
      year: 2025,
      category: null,
      weight: 0,
      isReview: true,
    },
    {
      id: 'doi:a',
      kind: 'work',
      label: 'A'.repeat(80),
      x: 1,
      y: 0,
      community: 0,
      year: 2010,
      category: null,
      weight: 1,
      isReview: false,
    },
    {
      id: 'doi:b',
      kind: 'work',
      label: 'B',
      x: 0,
      y: 1,
      community: 1,
      year: null,
      category: null,
      weight: 1,
      isReview: false,
    },
    {
      id: 'doi:c',
      kind: 'work',
      label: 'C',
      x: 5,
      y: 5,
      community: 2,
      year: 1999,
      category: null,
      weight: 0,
      isReview: false,
    },
    {
      id: 'concept:bone',
      kind: 'concept',
      label: 'bone',
      x: 2,
      y: 2,
      community: 1,
      year: null,
      category: 'tissue',
      weight: 1,
      isReview: false,
    },
  ],
  edges: [
    { source: 'doi:r', target: 'doi:a', kind: 'CITES' },
    { source: 'doi:r', target: 'doi:b', kind: 'CITES' },
    { source: 'doi:r', target: 'doi:b', kind: 'CITES' },
    { source: 'doi:b', target: 'concept:bone', kind: 'MENTIONS' },
    { source: 'doi:x', target: 'doi:a', kind: 'CITES' },
  ],
  overview: {
    isOverview: false,
    shownNodes: 5,
    totalNodes: 5,
    maxNodes: 100,
    shownEdges: 0,
    totalEdges: 0,
    maxEdges: 1000,
  },
};

describe('the UI graph model', () => {
  const g = buildUiGraph(payload);

  it('builds nodes with drawing attributes and merges duplicate edges', () => {
    expect(g.order).toBe(5);
    expect(g.size).toBe(3);
    expect(g.getNodeAttribute('doi:r', 'forceLabel')).toBe(true);
    expect(g.getNodeAttribute('concept:bone', 'type')).toBe('concept');
    expect(g.getNodeAttribute('doi:a', 'label').length).toBeLessThanOrEqual(42);
    expect(g.getNodeAttribute('doi:a', 'fullLabel')).toHaveLength(80);
    expect(g.getEdgeAttribute('CITES:doi:r->doi:a', 'type')).toBe('arrow');
    expect(g.getEdgeAttribute('MENTIONS:doi:b->concept:bone', 'type')).toBe('line');
  });

  it('truncates labels at a word boundary', () => {
    expect(truncateLabel('Bone and muscle crosstalk in ageing and disease', 30)).toBe(
      'Bone and muscle crosstalk in…',
    );
    expect(truncateLabel('short')).toBe('short');
  });

  it('filters by year, keeping unknown years on request and the review always', () => {
    const f = { ...DEFAULT_FILTERS, yearMin: 2000, yearMax: 2020 };
    const ids = (filters = f): string[] => [...visibleNodes(g, filters)].sort();
    expect(ids()).toEqual(['concept:bone', 'doi:a', 'doi:b', 'doi:r']);
    expect(ids({ ...f, includeUnknownYear: false })).toEqual(['concept:bone', 'doi:a', 'doi:r']);
    expect(passesNodeFilters(g.getNodeAttributes('doi:c'), f)).toBe(false);
  });

  it('hides kinds and categories', () => {
    expect([...visibleNodes(g, { ...DEFAULT_FILTERS, showWorks: false })].sort()).toEqual([
      'concept:bone',
      'doi:r',
    ]);
    expect(visibleNodes(g, { ...DEFAULT_FILTERS, categories: [] }).has('concept:bone')).toBe(false);
  });

  it('keeps only what is linked to the review over the chosen edge kinds', () => {
    // Linked means citations and similar-article links; concept links only when asked (issue 17 item 3).
    const linked = visibleNodes(g, { ...DEFAULT_FILTERS, linkedToReview: true, reviewViaConcepts: true });
    expect([...linked].sort()).toEqual(['concept:bone', 'doi:a', 'doi:b', 'doi:r']);
    const citesOnly = visibleNodes(g, { ...DEFAULT_FILTERS, linkedToReview: true, edgeKinds: ['CITES'] });
    expect([...citesOnly].sort()).toEqual(['doi:a', 'doi:b', 'doi:r']);
  });

  it('shows an edge only when its kind is on and both ends are visible', () => {
    const visible = new Set(['doi:r', 'doi:a']);
    expect(isEdgeVisible('CITES', 'doi:r', 'doi:a', DEFAULT_FILTERS, visible)).toBe(true);
    expect(isEdgeVisible('CITES', 'doi:r', 'doi:b', DEFAULT_FILTERS, visible)).toBe(false);
    expect(
      isEdgeVisible('CITES', 'doi:r', 'doi:a', { ...DEFAULT_FILTERS, edgeKinds: ['MENTIONS'] }, visible),
    ).toBe(false);
  });

  it('restricts to a focused neighbourhood and reports the year span', () => {
    expect([...visibleNodes(g, DEFAULT_FILTERS, new Set(['doi:a', 'doi:r']))].sort()).toEqual([
      'doi:a',
      'doi:r',
    ]);
    expect(yearSpan(g)).toEqual({ min: 1999, max: 2025 });
  });
});
