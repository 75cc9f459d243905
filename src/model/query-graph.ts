/**
 * The graph inside a query result: the works, concepts and network relationships found anywhere in
 * the rows (also inside lists, maps and paths), in the shape of /api/graph so the UI can overlay
 * them on the network. Pure: no IO.
 */
import { NETWORK_EDGE_KINDS, type EdgeKind, type NetworkEdge, type NetworkNode } from './api';
import type { ConceptCategory } from './graph-schema';
import {
  isNodeValue,
  isPathValue,
  isRelationshipValue,
  numberOf,
  textOf,
  type NodeValue,
  type Value,
} from './values';

/**
 * A network node from a Work's or Concept's properties (`title`/`name`, `x`, `y`, `community`,
 * `year`, `category`, `citedByCount`/`mentionCount`, `isReview`); null for any other label.
 * The one conversion behind /api/graph and the graph of a query result.
 */
export function networkNodeOf(
  label: string,
  id: string,
  p: Readonly<Record<string, Value>>,
): NetworkNode | null {
  const isWork = label === 'Work';
  if (!isWork && label !== 'Concept') return null;
  return {
    id,
    kind: isWork ? 'work' : 'concept',
    label: textOf(isWork ? p.title : p.name) ?? id,
    x: numberOf(p.x) ?? 0,
    y: numberOf(p.y) ?? 0,
    community: numberOf(p.community) ?? 0,
    year: isWork ? numberOf(p.year) : null,
    category: isWork ? null : ((textOf(p.category) ?? 'factor') as ConceptCategory),
    weight: numberOf(isWork ? p.citedByCount : p.mentionCount) ?? 0,
    isReview: isWork && p.isReview === true,
  };
}

/** A Work or Concept node value as a network node; null for any other label. */
export function toNetworkNode(n: NodeValue): NetworkNode | null {
  return networkNodeOf(n.label, n.id, n.properties);
}

const isNetworkKind = (t: string): t is EdgeKind => (NETWORK_EDGE_KINDS as readonly string[]).includes(t);

/**
 * Collects the works, concepts and network relationships (NETWORK_EDGE_KINDS) found anywhere in
 * `rows`, each once, in order of first appearance. Other labels and relationship types are skipped.
 * An edge's endpoints are node ids of the network; they are in `nodes` only when the rows hold them.
 */
export function graphOfRows(rows: readonly Record<string, Value>[]): {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
} {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  const visit = (v: Value): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
    } else if (isNodeValue(v)) {
      if (!nodes.has(v.id)) {
        const n = toNetworkNode(v);
        if (n) nodes.set(n.id, n);
      }
    } else if (isRelationshipValue(v)) {
      if (isNetworkKind(v.type)) {
        const key = `${v.type} ${v.source} ${v.target}`;
        if (!edges.has(key)) edges.set(key, { source: v.source, target: v.target, kind: v.type });
      }
    } else if (isPathValue(v)) {
      for (const n of v.nodes) visit(n);
      for (const r of v.relationships) visit(r);
    } else {
      for (const x of Object.values(v)) visit(x);
    }
  };
  for (const row of rows) for (const v of Object.values(row)) visit(v);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
