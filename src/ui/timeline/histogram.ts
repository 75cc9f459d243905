/**
 * The timeline's arithmetic: which works are in view, their year bins stacked by community or by
 * concept category, the year domain, axis ticks, and the mapping between pixels, years and the
 * year filter. Pure functions over the UI model; no DOM, no React.
 */
import { CONCEPT_CATEGORIES, type ConceptCategory } from '../../model/graph-schema';
import { rankCommunities, type CommunityInfo } from '../model/communities';
import type { UiGraph } from '../model/build-graph';
import { CATEGORY_COLORS, CATEGORY_LABELS, COMMUNITY_COLORS, OTHER_COMMUNITY_COLOR } from '../model/palette';

/** What the bars are stacked by. */
export type StackMode = 'category' | 'community';

/** How many communities get their own segment (and colour); the rest are "other". */
export const COLOURED_COMMUNITIES = 8;

/** Colour of works that mention no concept. */
export const NO_CONCEPT_COLOR = '#BBBBBB';

/** A work in view, reduced to what the timeline needs. */
export interface TimelineWork {
  id: string;
  year: number | null;
  community: number;
  /** Categories of the concepts the work mentions (distinct). */
  categories: ReadonlySet<ConceptCategory>;
  isReview: boolean;
}

/** One layer of the stack. */
export interface Segment {
  key: string;
  label: string;
  /** Longer text for tooltips. */
  title: string;
  color: string;
}

/** One year: how many works, and the value of each segment (same order as `segments`). */
export interface YearBin {
  year: number;
  works: number;
  values: number[];
  /** Sum of `values`: equals `works` for a community stack, at least `works` for a category stack. */
  total: number;
}

/** Inclusive year range. */
export interface YearDomain {
  min: number;
  max: number;
}

/** The histogram of the works in view. */
export interface Histogram {
  mode: StackMode;
  segments: Segment[];
  /** One bin per year of the domain, without gaps. */
  bins: YearBin[];
  domain: YearDomain;
  /** Highest bar (stack total). */
  maxTotal: number;
  /** Works in view with a year inside the domain. */
  worksWithYear: number;
  /** Works in view without a known year (not drawn as a bar). */
  worksWithoutYear: number;
}

/** The works among `visible`, with the categories of the concepts they mention (MENTIONS edges). */
export function worksInView(g: UiGraph, visible: ReadonlySet<string>): TimelineWork[] {
  const works: TimelineWork[] = [];
  g.forEachNode((id, a) => {
    if (a.kind !== 'work' || !visible.has(id)) return;
    const categories = new Set<ConceptCategory>();
    g.forEachOutEdge(id, (_e, ea, _s, target, _sa, ta) => {
      if (ea.kind === 'MENTIONS' && ta.kind === 'concept' && ta.category !== null)
        categories.add(ta.category);
    });
    works.push({ id, year: a.year, community: a.community, categories, isReview: a.isReview });
  });
  return works;
}

/** The layers of a stack, bottom first. */
export function stackSegments(mode: StackMode, communities: readonly CommunityInfo[]): Segment[] {
  if (mode === 'category') {
    return [
      ...CONCEPT_CATEGORIES.map((c) => ({
        key: c,
        label: CATEGORY_LABELS[c],
        title: `works mentioning at least one of the ${CATEGORY_LABELS[c].toLowerCase()}`,
        color: CATEGORY_COLORS[c],
      })),
      { key: 'none', label: 'No concept', title: 'works mentioning no concept', color: NO_CONCEPT_COLOR },
    ];
  }
  const coloured = communities.slice(0, COLOURED_COMMUNITIES).map((c) => ({
    key: `c${c.community}`,
    label: c.topConcept ?? `Community ${c.rank + 1}`,
    title: `community ${c.rank + 1} of ${communities.length}${c.topConcept ? ` (most-mentioned concept: ${c.topConcept})` : ''}`,
    color: COMMUNITY_COLORS[c.rank] ?? OTHER_COMMUNITY_COLOR,
  }));
  const rest = communities.length - coloured.length;
  return rest > 0
    ? [
        ...coloured,
        {
          key: 'other',
          label: 'Other',
          title: `the ${rest} smaller communit${rest === 1 ? 'y' : 'ies'}`,
          color: OTHER_COMMUNITY_COLOR,
        },
      ]
    : coloured;
}

/**
 * Bins works by year and stacks them.
 *
 * - `community`: each work counts once, in its community's segment (a partition: bar = works).
 * - `category`: each work counts once in every category it mentions, and once in "no concept" if
 *   it mentions none; a segment is exactly "works of that year mentioning ≥1 concept of the
 *   category", so a bar (mentions) can be taller than the number of works, which `works` keeps.
 *
 * Works without a year, or with a year outside the domain, are counted in `worksWithoutYear` /
 * left out, never binned.
 */
export function buildHistogram(
  works: readonly TimelineWork[],
  mode: StackMode,
  domain: YearDomain,
  communities: readonly CommunityInfo[],
): Histogram {
  const segments = stackSegments(mode, communities);
  const index = new Map(segments.map((s, i) => [s.key, i]));
  const otherIndex = index.get('other');
  const bins: YearBin[] = [];
  for (let year = domain.min; year <= domain.max; year += 1) {
    bins.push({ year, works: 0, values: segments.map(() => 0), total: 0 });
  }
  let worksWithYear = 0;
  let worksWithoutYear = 0;
  for (const w of works) {
    if (w.year === null) {
      worksWithoutYear += 1;
      continue;
    }
    const bin = bins[w.year - domain.min];
    if (!bin) continue;
    worksWithYear += 1;
    bin.works += 1;
    const layers: number[] = [];
    if (mode === 'community') {
      const i = index.get(`c${w.community}`) ?? otherIndex;
      if (i !== undefined) layers.push(i);
    } else if (w.categories.size === 0) {
      layers.push(index.get('none')!);
    } else {
      for (const c of w.categories) layers.push(index.get(c)!);
    }
    for (const i of layers) {
      bin.values[i] = (bin.values[i] ?? 0) + 1;
      bin.total += 1;
    }
  }
  const maxTotal = bins.reduce((m, b) => Math.max(m, b.total), 0);
  return { mode, segments, bins, domain, maxTotal, worksWithYear, worksWithoutYear };
}

/** The review's publication year, when the review is in the graph with a year. */
export function reviewYear(g: UiGraph): number | null {
  const id = g.findNode((_id, a) => a.isReview);
  return id === undefined ? null : g.getNodeAttribute(id, 'year');
}

/** Horizontal placement of year bands: `x0` is the left edge of the first year. */
export interface BandLayout {
  domain: YearDomain;
  x0: number;
  bandWidth: number;
}

/** Lays the domain's years out as equal bands over `width` pixels from `x0`. */
export function bandLayout(domain: YearDomain, x0: number, width: number): BandLayout {
  const years = domain.max - domain.min + 1;
  return { domain, x0, bandWidth: Math.max(0, width) / years };
}

/** Left edge of a year's band. */
export function xOfYear(l: BandLayout, year: number): number {
  return l.x0 + (year - l.domain.min) * l.bandWidth;
}

/** The year whose band contains `x`, clamped to the domain. */
export function yearAtX(l: BandLayout, x: number): number {
  if (l.bandWidth <= 0) return l.domain.min;
  const year = l.domain.min + Math.floor((x - l.x0) / l.bandWidth);
  return Math.min(l.domain.max, Math.max(l.domain.min, year));
}

/** The inclusive year range covered by a drag from `xa` to `xb` (either direction), in whole years. */
export function brushYears(l: BandLayout, xa: number, xb: number): { lo: number; hi: number } {
  const a = yearAtX(l, xa);
  const b = yearAtX(l, xb);
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

/**
 * The range while one edge of a brush is dragged: the edge snaps to the nearest boundary between
 * years; the other edge stays at `fixed` (its year). Dragging past it swaps the roles.
 */
export function edgeDragYears(
  l: BandLayout,
  edge: 'lo' | 'hi',
  fixed: number,
  x: number,
): { lo: number; hi: number } {
  const boundary = l.bandWidth > 0 ? Math.round((x - l.x0) / l.bandWidth) : 0;
  const clamp = (y: number): number => Math.min(l.domain.max, Math.max(l.domain.min, y));
  const year = clamp(l.domain.min + boundary - (edge === 'hi' ? 1 : 0));
  return { lo: Math.min(year, fixed), hi: Math.max(year, fixed) };
}

/**
 * The year filter for a brushed range: both bounds set, or both cleared when the range covers
 * the whole domain (nothing is filtered then).
 */
export function filterFromRange(
  domain: YearDomain,
  lo: number,
  hi: number,
): { yearMin: number | null; yearMax: number | null } {
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  if (a <= domain.min && b >= domain.max) return { yearMin: null, yearMax: null };
  return { yearMin: a, yearMax: b };
}

/**
 * The brush to draw for the current year filter: null when no bound is set; an open bound runs to
 * the domain's end; bounds are clamped to the domain. `empty` when the range contains no year of
 * the domain (e.g. a minimum above the maximum, typed in the filter panel).
 */
export function rangeFromFilter(
  domain: YearDomain,
  yearMin: number | null,
  yearMax: number | null,
): { lo: number; hi: number; empty: boolean } | null {
  if (yearMin === null && yearMax === null) return null;
  const lo = Math.max(domain.min, yearMin ?? domain.min);
  const hi = Math.min(domain.max, yearMax ?? domain.max);
  return { lo, hi, empty: lo > hi };
}

/** Year ticks: every 5 years when there is room for a label, else every 10 (or 20, 50). */
export function yearTicks(l: BandLayout, minLabelSpacing = 34): number[] {
  const step = [5, 10, 20, 50].find((s) => s * l.bandWidth >= minLabelSpacing) ?? 100;
  const ticks: number[] = [];
  for (let y = Math.ceil(l.domain.min / step) * step; y <= l.domain.max; y += step) ticks.push(y);
  return ticks;
}

/** Count ticks for the vertical axis: 0 and up to `maxTicks` round steps (1, 2, 5 × 10ⁿ) ≥ `max`. */
export function countTicks(max: number, maxTicks = 3): number[] {
  if (max <= 0) return [0];
  let step: number | undefined;
  for (let p = 1; step === undefined; p *= 10)
    step = [1, 2, 5].map((m) => m * p).find((c) => Math.ceil(max / c) <= maxTicks);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

export { rankCommunities, type CommunityInfo };
