/**
 * What the network shows: filters over the UI model, evaluated by sigma reducers (the model is
 * never mutated). Pure functions, tested without a browser.
 */
import type { EdgeKind } from '../../model/api';
import { NETWORK_EDGE_KINDS } from '../../model/api';
import { CONCEPT_CATEGORIES, type ConceptCategory } from '../../model/graph-schema';
import type { NodeAttributes, UiGraph } from './build-graph';

/** User-chosen filters. */
export interface Filters {
  showWorks: boolean;
  showConcepts: boolean;
  edgeKinds: EdgeKind[];
  categories: ConceptCategory[];
  /** Inclusive year range for works; null bounds are open. */
  yearMin: number | null;
  yearMax: number | null;
  /** Keep works without a known year when a year range is set. */
  includeUnknownYear: boolean;
  /** Keep the review whatever the year range and the Works switch say. */
  keepReview: boolean;
  /**
   * Only works linked to the review through citations or similar-article links (either
   * direction, at most `reviewHops` steps), among the nodes the other filters keep.
   */
  linkedToReview: boolean;
  /** Most steps from the review for `linkedToReview` (0: any number). */
  reviewHops: number;
  /** Let `linkedToReview` also follow concept links (mentions, is a, secreted by, acts on). */
  reviewViaConcepts: boolean;
}

/** Relationship kinds that link works to the review for `linkedToReview`, unless concepts are asked for. */
export const REVIEW_LINK_KINDS: readonly EdgeKind[] = ['CITES', 'SIMILAR_TO'];

/** Everything visible. */
export const DEFAULT_FILTERS: Filters = {
  showWorks: true,
  showConcepts: true,
  edgeKinds: [...NETWORK_EDGE_KINDS],
  categories: [...CONCEPT_CATEGORIES],
  yearMin: null,
  yearMax: null,
  includeUnknownYear: true,
  keepReview: true,
  linkedToReview: false,
  reviewHops: 2,
  reviewViaConcepts: false,
};

/** True when a node passes the attribute filters (kind, category, year). */
export function passesNodeFilters(a: NodeAttributes, f: Filters): boolean {
  if (a.kind === 'work') {
    // The review is kept only while its visible toggle says so (no hidden rule).
    if (a.isReview && f.keepReview) return true;
    if (!f.showWorks) return false;
    if (a.year === null) return f.includeUnknownYear || (f.yearMin === null && f.yearMax === null);
    if (f.yearMin !== null && a.year < f.yearMin) return false;
    if (f.yearMax !== null && a.year > f.yearMax) return false;
    return true;
  }
  if (!f.showConcepts) return false;
  return a.category === null || f.categories.includes(a.category);
}

/**
 * The set of visible node ids. With `linkedToReview`, only nodes reachable from the review in at
 * most `reviewHops` steps (0: any) over visible nodes and shown relationships of the
 * {@link REVIEW_LINK_KINDS} (plus concept links with `reviewViaConcepts`), in either direction,
 * remain — so a work that only shares a hub concept with the review is not "linked". `focus`
 * restricts to a neighbourhood fetched from the API.
 */
export function visibleNodes(g: UiGraph, f: Filters, focus: ReadonlySet<string> | null = null): Set<string> {
  const visible = new Set<string>();
  g.forEachNode((id, a) => {
    if ((focus === null || focus.has(id)) && passesNodeFilters(a, f)) visible.add(id);
  });
  if (!f.linkedToReview) return visible;
  const review = g.findNode((_id, a) => a.isReview);
  if (!review || !visible.has(review)) return new Set();
  const kinds = new Set(
    f.reviewViaConcepts ? f.edgeKinds : f.edgeKinds.filter((k) => REVIEW_LINK_KINDS.includes(k)),
  );
  // Breadth-first, one layer per step, over visible nodes and edges of those kinds, either direction.
  const linked = new Set<string>([review]);
  let frontier = [review];
  for (let depth = 0; frontier.length > 0 && (f.reviewHops <= 0 || depth < f.reviewHops); depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      g.forEachEdge(node, (_e, ea, s, t) => {
        if (!kinds.has(ea.kind)) return;
        const other = s === node ? t : s;
        if (!linked.has(other) && visible.has(other)) {
          linked.add(other);
          next.push(other);
        }
      });
    }
    frontier = next;
  }
  return linked;
}

/** True when an edge is shown: its kind is on and both ends are visible. */
export function isEdgeVisible(
  kind: EdgeKind,
  source: string,
  target: string,
  f: Filters,
  visible: ReadonlySet<string>,
): boolean {
  return f.edgeKinds.includes(kind) && visible.has(source) && visible.has(target);
}

/** How many of a graph's edges are shown ({@link isEdgeVisible}) when `visible` nodes are. */
export function visibleEdgeCount(g: UiGraph, f: Filters, visible: ReadonlySet<string>): number {
  let edges = 0;
  g.forEachEdge((_e, a, s, t) => {
    if (isEdgeVisible(a.kind, s, t, f, visible)) edges += 1;
  });
  return edges;
}

/** Year span of the works in a graph (for the year filter), or null when no work has a year. */
export function yearSpan(g: UiGraph): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  g.forEachNode((_id, a) => {
    if (a.kind === 'work' && a.year !== null) {
      min = Math.min(min, a.year);
      max = Math.max(max, a.year);
    }
  });
  return Number.isFinite(min) ? { min, max } : null;
}

/** What the year filter keeps, in numbers (for the sentence under the year inputs). */
export interface YearFilterSummary {
  /** Works with a year in the range (null when no range is set). */
  inRange: number | null;
  /** Works without a year that the filter keeps (0 when `includeUnknownYear` is off). */
  yearless: number;
  /** Works without a year in the graph. */
  yearlessTotal: number;
  /** True when the review is kept whatever its year. */
  review: boolean;
}

/** Counts what the year filter keeps among the graph's works (the review counted apart). */
export function yearFilterSummary(g: UiGraph, f: Filters): YearFilterSummary {
  const ranged = f.yearMin !== null || f.yearMax !== null;
  let inRange = 0;
  let yearlessTotal = 0;
  g.forEachNode((_id, a) => {
    if (a.kind !== 'work' || a.isReview) return;
    if (a.year === null) yearlessTotal += 1;
    else if ((f.yearMin === null || a.year >= f.yearMin) && (f.yearMax === null || a.year <= f.yearMax))
      inRange += 1;
  });
  return {
    inRange: ranged ? inRange : null,
    yearless: !ranged || f.includeUnknownYear ? yearlessTotal : 0,
    yearlessTotal,
    review: f.keepReview,
  };
}

/** The sentence that says what the year filter keeps, e.g. "Keeps 222 works of 2015–2020, 181 without a year and the review." */
export function describeYearFilter(s: YearFilterSummary, f: Filters): string {
  if (s.inRange === null) return 'No year range: every year, and works without one.';
  const range =
    f.yearMin !== null && f.yearMax !== null
      ? `${f.yearMin}–${f.yearMax}`
      : f.yearMin !== null
        ? `${f.yearMin} on`
        : `up to ${f.yearMax}`;
  const parts = [`${s.inRange} work${s.inRange === 1 ? '' : 's'} of ${range}`];
  if (s.yearless > 0) parts.push(`${s.yearless} without a year`);
  if (s.review) parts.push('the review');
  const last = parts.pop()!;
  return `Keeps ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}.`;
}
