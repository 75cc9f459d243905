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
  /** Only nodes connected to the review through visible edges. */
  linkedToReview: boolean;
}

/** Everything visible. */
export const DEFAULT_FILTERS: Filters = {
  showWorks: true,
  showConcepts: true,
  edgeKinds: [...NETWORK_EDGE_KINDS],
  categories: [...CONCEPT_CATEGORIES],
  yearMin: null,
  yearMax: null,
  includeUnknownYear: true,
  linkedToReview: false,
};

/** True when a node passes the attribute filters (kind, category, year). */
export function passesNodeFilters(a: NodeAttributes, f: Filters): boolean {
  if (a.kind === 'work') {
    if (!f.showWorks && !a.isReview) return false;
    if (a.year === null)
      return f.includeUnknownYear || (f.yearMin === null && f.yearMax === null) || a.isReview;
    if (f.yearMin !== null && a.year < f.yearMin && !a.isReview) return false;
    if (f.yearMax !== null && a.year > f.yearMax && !a.isReview) return false;
    return true;
  }
  if (!f.showConcepts) return false;
  return a.category === null || f.categories.includes(a.category);
}

/**
 * The set of visible node ids. With `linkedToReview`, only nodes reachable from the review over
 * visible edges of the chosen kinds (in either direction) remain. `focus` restricts to a
 * neighbourhood fetched from the API.
 */
export function visibleNodes(g: UiGraph, f: Filters, focus: ReadonlySet<string> | null = null): Set<string> {
  const visible = new Set<string>();
  g.forEachNode((id, a) => {
    if ((focus === null || focus.has(id)) && passesNodeFilters(a, f)) visible.add(id);
  });
  if (!f.linkedToReview) return visible;
  const review = g.findNode((_id, a) => a.isReview);
  if (!review || !visible.has(review)) return new Set();
  const kinds = new Set(f.edgeKinds);
  // Breadth-first over visible nodes and edges of the chosen kinds, in either direction.
  const linked = new Set<string>([review]);
  const queue = [review];
  while (queue.length > 0) {
    const node = queue.shift()!;
    g.forEachEdge(node, (_e, ea, s, t) => {
      if (!kinds.has(ea.kind)) return;
      const other = s === node ? t : s;
      if (!linked.has(other) && visible.has(other)) {
        linked.add(other);
        queue.push(other);
      }
    });
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
