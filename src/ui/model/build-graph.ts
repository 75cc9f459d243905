/**
 * Builds the graphology model the network view draws from /api/graph. Pure: no DOM, no sigma.
 * Node attributes: x, y, size, color (by kind), label (truncated), fullLabel, kind, year,
 * category, community, weight, isReview; edge attributes: kind, size, type (sigma program).
 */
import Graph from 'graphology';
import type { EdgeKind, NetworkEdge, NetworkNode, NetworkPayload } from '../../model/api';
import { networkSpec } from '../../model/edge-kinds';
import type { ConceptCategory } from '../../model/graph-schema';
import { CATEGORY_COLORS, EDGE_WIDTHS, REVIEW_COLOR, WORK_COLOR } from './palette';

/** Attributes of a node in the UI model. */
export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  fullLabel: string;
  /** The sigma program: 'circle' for works, 'concept' (bordered) for concepts. */
  type: 'circle' | 'concept';
  kind: 'work' | 'concept';
  year: number | null;
  category: ConceptCategory | null;
  community: number;
  weight: number;
  isReview: boolean;
  forceLabel: boolean;
  zIndex: number;
}

/** Attributes of an edge in the UI model. */
export interface EdgeAttributes {
  kind: EdgeKind;
  size: number;
  /** The sigma program: arrows for directed citation-like links, lines otherwise. */
  type: 'arrow' | 'line';
}

/** The UI's graph type. */
export type UiGraph = Graph<NodeAttributes, EdgeAttributes>;

/** Longest label drawn on the canvas; the full text is in the tooltip and the panel. */
export const MAX_LABEL_LENGTH = 42;

/** Truncates a label at a word boundary with an ellipsis. */
export function truncateLabel(text: string, max = MAX_LABEL_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** How many concepts and works get a label at overview zoom. */
const FORCED_CONCEPT_LABELS = 8;
const FORCED_WORK_LABELS = 0;

/** Builds the graph. Edges between the same pair with the same kind are merged. */
export function buildUiGraph(payload: NetworkPayload): UiGraph {
  const g: UiGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  const topConcepts = new Set(
    payload.nodes
      .filter((n) => n.kind === 'concept')
      .sort((a, b) => b.weight - a.weight)
      .slice(0, FORCED_CONCEPT_LABELS)
      .map((n) => n.id),
  );
  const topWorks = new Set(
    payload.nodes
      .filter((n) => n.kind === 'work' && !n.isReview && n.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, FORCED_WORK_LABELS)
      .map((n) => n.id),
  );
  for (const n of payload.nodes) {
    addNetworkNode(g, n, n.isReview || topConcepts.has(n.id) || topWorks.has(n.id));
  }
  for (const e of payload.edges) addNetworkEdge(g, e);
  return g;
}

/** Adds a node of the network (no-op when it is there already). */
export function addNetworkNode(g: UiGraph, n: NetworkNode, forceLabel = false): void {
  if (g.hasNode(n.id)) return;
  const isConcept = n.kind === 'concept';
  const size = n.isReview
    ? 16
    : isConcept
      ? Math.min(22, 5 + 1.5 * Math.sqrt(n.weight))
      : Math.min(14, 2.5 + 2.2 * Math.sqrt(n.weight));
  g.addNode(n.id, {
    x: n.x,
    y: n.y,
    size,
    color: n.isReview ? REVIEW_COLOR : isConcept && n.category ? CATEGORY_COLORS[n.category] : WORK_COLOR,
    label: truncateLabel(n.isReview ? `${n.label} (Kirk et al. 2025)` : n.label),
    fullLabel: n.label,
    type: isConcept ? 'concept' : 'circle',
    kind: n.kind,
    year: n.year,
    category: n.category,
    community: n.community,
    weight: n.weight,
    isReview: n.isReview,
    forceLabel,
    zIndex: n.isReview ? 3 : isConcept ? 2 : 1,
  });
}

/**
 * Adds a relationship between two nodes of the graph; relationships between the same pair with
 * the same kind are merged, and those to nodes not in the graph skipped. True when one was added.
 */
export function addNetworkEdge(g: UiGraph, e: NetworkEdge): boolean {
  if (!g.hasNode(e.source) || !g.hasNode(e.target)) return false;
  const key = `${e.kind}:${e.source}->${e.target}`;
  if (g.hasEdge(key)) return false;
  const spec = networkSpec(e.kind);
  g.addDirectedEdgeWithKey(key, e.source, e.target, {
    kind: e.kind,
    size: EDGE_WIDTHS[spec.style],
    type: spec.directed ? 'arrow' : 'line',
  });
  return true;
}
