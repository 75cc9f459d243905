import { describe, expect, it } from 'vitest';
import type { NetworkPayload } from '../../model/api';
import { buildUiGraph } from '../model/build-graph';
import { DEFAULT_FILTERS, visibleNodes, yearSpan } from '../model/filters';
import { COMMUNITY_COLORS, OTHER_COMMUNITY_COLOR } from '../model/palette';
import {
  bandLayout,
  brushYears,
  buildHistogram,
  countTicks,
  edgeDragYears,
  filterFromRange,
  rangeFromFilter,
  rankCommunities,
  reviewYear,
  stackSegments,
  worksInView,
  xOfYear,
  yearAtX,
  yearTicks,
} from './histogram';

type Node = NetworkPayload['nodes'][number];
const work = (id: string, year: number | null, community: number, isReview = false): Node => ({
  id,
  kind: 'work',
  label: id,
  x: 0,
  y: 0,
  community,
  year,
  category: null,
  weight: 0,
  isReview,
});
const concept = (id: string, category: Node['category'], community: number, weight: number): Node => ({
  id,
  kind: 'concept',
  label: id.replace('concept:', ''),
  x: 0,
  y: 0,
  community,
  year: null,
  category,
  weight,
  isReview: false,
});

/**
 * Six works over 2020–2025 and three concepts. Community 0 has 4 nodes, 1 has 3, 2 has 2.
 * a (2020) mentions bone and irisin (tissue, factor) — b (2020) mentions irisin — c (2022)
 * mentions nothing — d (no year) mentions bone — r is the review (2025) — e (2021) only cites.
 */
const payload: NetworkPayload = {
  nodes: [
    work('doi:a', 2020, 0),
    work('doi:b', 2020, 1),
    work('doi:c', 2022, 2),
    work('doi:d', null, 0),
    work('doi:r', 2025, 0, true),
    work('doi:e', 2021, 1),
    concept('concept:bone', 'tissue', 0, 2),
    concept('concept:irisin', 'factor', 1, 2),
    concept('concept:sarcopenia', 'condition', 2, 0),
  ],
  edges: [
    { source: 'doi:a', target: 'concept:bone', kind: 'MENTIONS' },
    { source: 'doi:a', target: 'concept:irisin', kind: 'MENTIONS' },
    { source: 'doi:b', target: 'concept:irisin', kind: 'MENTIONS' },
    { source: 'doi:d', target: 'concept:bone', kind: 'MENTIONS' },
    { source: 'doi:e', target: 'doi:a', kind: 'CITES' },
    { source: 'doi:r', target: 'doi:a', kind: 'CITES' },
  ],
  overview: {
    isOverview: false,
    shownNodes: 9,
    totalNodes: 9,
    maxNodes: 100,
    shownEdges: 0,
    totalEdges: 0,
    maxEdges: 1000,
  },
};
const g = buildUiGraph(payload);
const all = worksInView(g, visibleNodes(g, DEFAULT_FILTERS));
const domain = yearSpan(g)!;
const communities = rankCommunities(g);

const bin = (h: ReturnType<typeof buildHistogram>, year: number) => h.bins.find((b) => b.year === year)!;
const valueOf = (h: ReturnType<typeof buildHistogram>, year: number, key: string): number =>
  bin(h, year).values[h.segments.findIndex((s) => s.key === key)]!;

describe('works in view', () => {
  it('keeps only visible works, with the categories of the concepts they mention', () => {
    expect(all.map((w) => w.id).sort()).toEqual(['doi:a', 'doi:b', 'doi:c', 'doi:d', 'doi:e', 'doi:r']);
    expect([...all.find((w) => w.id === 'doi:a')!.categories].sort()).toEqual(['factor', 'tissue']);
    expect(all.find((w) => w.id === 'doi:c')!.categories.size).toBe(0);
    const some = worksInView(g, new Set(['doi:a', 'concept:bone']));
    expect(some.map((w) => w.id)).toEqual(['doi:a']);
  });

  it('finds the review year and the domain of all works', () => {
    expect(reviewYear(g)).toBe(2025);
    expect(domain).toEqual({ min: 2020, max: 2025 });
  });
});

describe('communities', () => {
  it('ranks communities by size like the network colouring and names them by their top concept', () => {
    expect(communities.map((c) => [c.community, c.size, c.topConcept])).toEqual([
      [0, 4, 'bone'],
      [1, 3, 'irisin'],
      [2, 2, 'sarcopenia'],
    ]);
  });

  it('colours the largest communities with the network colours and groups the rest as other', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      community: i,
      rank: i,
      size: 20 - i,
      topConcept: null,
    }));
    const segments = stackSegments('community', many);
    expect(segments).toHaveLength(9);
    expect(segments.slice(0, 8).map((s) => s.color)).toEqual(COMMUNITY_COLORS.slice(0, 8));
    expect(segments[8]).toMatchObject({ key: 'other', color: OTHER_COMMUNITY_COLOR });
    expect(segments[8]!.title).toContain('3 smaller communities');
    expect(segments[0]!.label).toBe('Community 1');
  });
});

describe('the histogram', () => {
  it('partitions works by community: each bar is the number of works of its year', () => {
    const h = buildHistogram(all, 'community', domain, communities);
    expect(h.bins.map((b) => b.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(h.bins.map((b) => b.works)).toEqual([2, 1, 1, 0, 0, 1]);
    expect(h.bins.every((b) => b.total === b.works)).toBe(true);
    expect(valueOf(h, 2020, 'c0')).toBe(1);
    expect(valueOf(h, 2020, 'c1')).toBe(1);
    expect(valueOf(h, 2025, 'c0')).toBe(1);
    expect(h.worksWithYear).toBe(5);
    expect(h.worksWithoutYear).toBe(1);
    expect(h.maxTotal).toBe(2);
  });

  it('counts a work once per category it mentions, and works without concepts as "no concept"', () => {
    const h = buildHistogram(all, 'category', domain, communities);
    expect(h.segments.map((s) => s.key)).toEqual([
      'tissue',
      'factor-class',
      'factor',
      'cell',
      'condition',
      'process',
      'none',
    ]);
    // 2020: a (tissue + factor) and b (factor): 2 works, 3 mentions.
    expect(bin(h, 2020)).toMatchObject({ works: 2, total: 3 });
    expect(valueOf(h, 2020, 'tissue')).toBe(1);
    expect(valueOf(h, 2020, 'factor')).toBe(2);
    expect(valueOf(h, 2022, 'none')).toBe(1);
    expect(valueOf(h, 2021, 'none')).toBe(1);
    expect(h.maxTotal).toBe(3);
    expect(h.worksWithoutYear).toBe(1);
  });

  it('leaves out works whose year is outside the domain', () => {
    const h = buildHistogram(all, 'community', { min: 2021, max: 2022 }, communities);
    expect(h.bins.map((b) => b.works)).toEqual([1, 1]);
    expect(h.worksWithYear).toBe(2);
  });
});

describe('brushing and axes', () => {
  // Six years over 600 px from x = 40: 100 px per year.
  const l = bandLayout(domain, 40, 600);

  it('maps pixels to whole years, clamped to the domain', () => {
    expect(l.bandWidth).toBe(100);
    expect(xOfYear(l, 2022)).toBe(240);
    expect(yearAtX(l, 40)).toBe(2020);
    expect(yearAtX(l, 139.9)).toBe(2020);
    expect(yearAtX(l, 140)).toBe(2021);
    expect(yearAtX(l, -500)).toBe(2020);
    expect(yearAtX(l, 5000)).toBe(2025);
  });

  it('turns a drag in either direction into an inclusive year range', () => {
    expect(brushYears(l, 150, 380)).toEqual({ lo: 2021, hi: 2023 });
    expect(brushYears(l, 380, 150)).toEqual({ lo: 2021, hi: 2023 });
    expect(brushYears(l, 150, 160)).toEqual({ lo: 2021, hi: 2021 });
  });

  it('snaps a dragged brush edge to the nearest boundary between years', () => {
    // The end edge of 2021–2023 sits at x = 440; dragged 1.4 bands left it ends the range at 2022.
    expect(edgeDragYears(l, 'hi', 2021, 440 - 140)).toEqual({ lo: 2021, hi: 2022 });
    expect(edgeDragYears(l, 'lo', 2023, 140 + 30)).toEqual({ lo: 2021, hi: 2023 });
    // Dragged past the fixed edge, the range turns around; far outside, it clamps.
    expect(edgeDragYears(l, 'hi', 2023, 100)).toEqual({ lo: 2020, hi: 2023 });
    expect(edgeDragYears(l, 'lo', 2021, 9000)).toEqual({ lo: 2021, hi: 2025 });
  });

  it('sets both bounds of the year filter, or clears it when the whole domain is brushed', () => {
    expect(filterFromRange(domain, 2021, 2023)).toEqual({ yearMin: 2021, yearMax: 2023 });
    expect(filterFromRange(domain, 2023, 2021)).toEqual({ yearMin: 2021, yearMax: 2023 });
    expect(filterFromRange(domain, 2020, 2025)).toEqual({ yearMin: null, yearMax: null });
    expect(filterFromRange(domain, 2020, 2024)).toEqual({ yearMin: 2020, yearMax: 2024 });
  });

  it('draws the brush for a filter set elsewhere: open bounds run to the end, out-of-domain bounds clamp', () => {
    expect(rangeFromFilter(domain, null, null)).toBeNull();
    expect(rangeFromFilter(domain, 2022, null)).toEqual({ lo: 2022, hi: 2025, empty: false });
    expect(rangeFromFilter(domain, 1900, 2021)).toEqual({ lo: 2020, hi: 2021, empty: false });
    expect(rangeFromFilter(domain, 2024, 2021)).toMatchObject({ empty: true });
    expect(rangeFromFilter(domain, 2030, null)).toMatchObject({ empty: true });
  });

  it('ticks years every 5 when there is room, else every 10', () => {
    const wide = bandLayout({ min: 1978, max: 2025 }, 0, 960);
    expect(yearTicks(wide)).toEqual([1980, 1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025]);
    const narrow = bandLayout({ min: 1978, max: 2025 }, 0, 240);
    expect(yearTicks(narrow)).toEqual([1980, 1990, 2000, 2010, 2020]);
  });

  it('ticks counts at round steps covering the maximum', () => {
    expect(countTicks(0)).toEqual([0]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(25)).toEqual([0, 10, 20, 30]);
    expect(countTicks(48)).toEqual([0, 20, 40, 60]);
    expect(countTicks(7)).toEqual([0, 5, 10]);
  });
});
