import { describe, expect, it } from 'vitest';
import type { NetworkEdge, NetworkNode } from '../../model/api';
import { buildUiGraph } from './build-graph';
import {
  DEFAULT_FILTERS,
  describeYearFilter,
  visibleNodes,
  yearFilterSummary,
  type Filters,
} from './filters';

/**
 * A documented toy graph: the review R (2025) cites A (2018), A cites B (2010), B cites C (2005);
 * S (2016) is similar to A; H (2019) only mentions the hub concept "bone", which R mentions too;
 * Y has no year and is cited by R.
 */
const work = (id: string, year: number | null, isReview = false): NetworkNode => ({
  id,
  kind: 'work',
  label: id,
  x: 0,
  y: 0,
  community: 0,
  year,
  category: null,
  weight: 1,
  isReview,
});
const nodes: NetworkNode[] = [
  work('R', 2025, true),
  work('A', 2018),
  work('B', 2010),
  work('C', 2005),
  work('S', 2016),
  work('H', 2019),
  work('Y', null),
  { ...work('bone', null), kind: 'concept', category: 'tissue' },
];
const edges: NetworkEdge[] = [
  { source: 'R', target: 'A', kind: 'CITES' },
  { source: 'A', target: 'B', kind: 'CITES' },
  { source: 'B', target: 'C', kind: 'CITES' },
  { source: 'S', target: 'A', kind: 'SIMILAR_TO' },
  { source: 'R', target: 'Y', kind: 'CITES' },
  { source: 'R', target: 'bone', kind: 'MENTIONS' },
  { source: 'H', target: 'bone', kind: 'MENTIONS' },
];
const g = buildUiGraph({
  nodes,
  edges,
  overview: { isOverview: false, shownNodes: 8, totalNodes: 8, maxNodes: 8, shownEdges: 7, totalEdges: 7 },
} as Parameters<typeof buildUiGraph>[0]);
const shown = (f: Partial<Filters>): string[] => [...visibleNodes(g, { ...DEFAULT_FILTERS, ...f })].sort();

describe('linked to the review', () => {
  it('follows citations and similar-article links, not a shared hub concept (H stays out)', () => {
    expect(shown({ linkedToReview: true, reviewHops: 0 })).toEqual(['A', 'B', 'C', 'R', 'S', 'Y']);
  });

  it('stops at the hop count', () => {
    expect(shown({ linkedToReview: true, reviewHops: 1 })).toEqual(['A', 'R', 'Y']);
    expect(shown({ linkedToReview: true, reviewHops: 2 })).toEqual(['A', 'B', 'R', 'S', 'Y']);
  });

  it('follows mentions only when asked', () => {
    expect(shown({ linkedToReview: true, reviewHops: 2, reviewViaConcepts: true })).toContain('H');
  });
});

describe('the year filter', () => {
  const range = { yearMin: 2015, yearMax: 2020 };

  it('keeps the review and yearless works only through their visible toggles', () => {
    expect(shown(range)).toEqual(['A', 'H', 'R', 'S', 'Y', 'bone']);
    expect(shown({ ...range, includeUnknownYear: false })).toEqual(['A', 'H', 'R', 'S', 'bone']);
    // The old code kept the review whatever the filters said.
    expect(shown({ ...range, includeUnknownYear: false, keepReview: false })).toEqual([
      'A',
      'H',
      'S',
      'bone',
    ]);
    expect(shown({ showWorks: false, keepReview: false })).toEqual(['bone']);
  });

  it('says what it keeps', () => {
    const f = { ...DEFAULT_FILTERS, ...range };
    expect(yearFilterSummary(g, f)).toEqual({ inRange: 3, yearless: 1, yearlessTotal: 1, review: true });
    expect(describeYearFilter(yearFilterSummary(g, f), f)).toBe(
      'Keeps 3 works of 2015–2020, 1 without a year and the review.',
    );
    const strict = { ...f, includeUnknownYear: false, keepReview: false };
    expect(describeYearFilter(yearFilterSummary(g, strict), strict)).toBe('Keeps 3 works of 2015–2020.');
    expect(describeYearFilter(yearFilterSummary(g, DEFAULT_FILTERS), DEFAULT_FILTERS)).toBe(
      'No year range: every year, and works without one.',
    );
  });
});
