/**
 * Plain values returned by queries, the same on every backend. Graph elements are identified by
 * their stable `id` property (e.g. `doi:10.…`, `concept:irisin`), never by engine-internal ids.
 */

/** A node in a query result. */
export interface NodeValue {
  $kind: 'node';
  /** The node's `id` property. */
  id: string;
  label: string;
  properties: Record<string, Value>;
}

/** A relationship in a query result; `source`/`target` are node ids in stored direction. */
export interface RelationshipValue {
  $kind: 'relationship';
  type: string;
  source: string;
  target: string;
  properties: Record<string, Value>;
}

/** A path in a query result: nodes in order and the relationships between them. */
export interface PathValue {
  $kind: 'path';
  nodes: NodeValue[];
  relationships: RelationshipValue[];
}

/** Any value in a query result row. Integers beyond 2^53 are returned as decimal strings. */
export type Value =
  | null
  | boolean
  | number
  | string
  | Value[]
  | NodeValue
  | RelationshipValue
  | PathValue
  | { [key: string]: Value };

/** A result row: column name → value. */
export type Row = Record<string, Value>;

/** True for a node value. */
export function isNodeValue(v: Value): v is NodeValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.$kind === 'node';
}

/** True for a relationship value. */
export function isRelationshipValue(v: Value): v is RelationshipValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.$kind === 'relationship';
}

/** True for a path value. */
export function isPathValue(v: Value): v is PathValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.$kind === 'path';
}
