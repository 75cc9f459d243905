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

/**
 * Decoders of row values, the same for every reader of query results. A value of another type is
 * null (or an empty list), never an error. An empty string reads as null: the embedded store
 * cannot hold `""` (its bulk load reads it as NULL) and the Neo4j adapter stores it the same way,
 * so treating a computed `""` as missing keeps the two backends' answers equal.
 */
export function textOf(v: Value | undefined): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A finite number, else null (NaN and infinities are no answer a reader can show). */
export function numberOf(v: Value | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The strings of a list value (other elements dropped); an empty list for anything else. */
export function textsOf(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
