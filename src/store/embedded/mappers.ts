/**
 * Conversion of Kuzu result values into the backend-neutral values of src/model/values.ts.
 * Kuzu identifies nodes by internal ids ({offset, table}); results use the `id` property instead,
 * so relationships whose endpoints are not in the same row are resolved with one lookup per table.
 */
import type { NodeValue, PathValue, RelationshipValue, Row, Value } from '../../model/values';

/** Kuzu's internal node id. */
export interface KuzuInternalId {
  offset: number;
  table: number;
}

type Raw = unknown;

const isObj = (v: Raw): v is Record<string, Raw> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const isInternalId = (v: Raw): v is KuzuInternalId =>
  isObj(v) && typeof v.offset === 'number' && typeof v.table === 'number';
const isKuzuNode = (v: Raw): v is Record<string, Raw> & { _id: KuzuInternalId; _label: string } =>
  isObj(v) && '_label' in v && isInternalId(v._id) && !('_src' in v);
const isKuzuRel = (
  v: Raw,
): v is Record<string, Raw> & { _src: KuzuInternalId; _dst: KuzuInternalId; _label: string } =>
  isObj(v) && '_src' in v && '_dst' in v && isInternalId(v._src) && isInternalId(v._dst);
const isKuzuPath = (v: Raw): v is { _nodes: Raw[]; _rels: Raw[] } =>
  isObj(v) && Array.isArray(v._nodes) && Array.isArray(v._rels);

/** Key of an internal id in lookup maps. */
export const internalKey = (id: KuzuInternalId): string => `${id.table}:${id.offset}`;

/** Collects every internal node id (of nodes and relationship endpoints) found in raw rows. */
export function collectIds(rows: readonly Record<string, Raw>[]): {
  known: Map<string, string>;
  wanted: KuzuInternalId[];
} {
  const known = new Map<string, string>();
  const wanted = new Map<string, KuzuInternalId>();
  const visit = (v: Raw): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObj(v)) return;
    if (isKuzuNode(v)) {
      if (typeof v.id === 'string') known.set(internalKey(v._id), v.id);
      return;
    }
    if (isKuzuRel(v)) {
      wanted.set(internalKey(v._src), v._src);
      wanted.set(internalKey(v._dst), v._dst);
      return;
    }
    Object.values(v).forEach(visit);
  };
  rows.forEach((r) => Object.values(r).forEach(visit));
  for (const k of known.keys()) wanted.delete(k);
  return { known, wanted: [...wanted.values()] };
}

function scalar(v: Raw): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? null;
}

/**
 * Converts one raw Kuzu value. `ids` maps internal ids ("table:offset") to node `id` properties.
 */
export function toValue(v: Raw, ids: ReadonlyMap<string, string>): Value {
  if (Array.isArray(v)) return v.map((x) => toValue(x, ids));
  if (!isObj(v)) return scalar(v);
  if (isKuzuNode(v)) return toNode(v, ids);
  if (isKuzuRel(v)) return toRel(v, ids);
  if (isKuzuPath(v)) {
    const path: PathValue = {
      $kind: 'path',
      nodes: v._nodes.filter(isKuzuNode).map((n) => toNode(n, ids)),
      relationships: v._rels.filter(isKuzuRel).map((r) => toRel(r, ids)),
    };
    return path;
  }
  const out: Record<string, Value> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toValue(x, ids);
  return out;
}

function properties(v: Record<string, Raw>, ids: ReadonlyMap<string, string>): Record<string, Value> {
  const props: Record<string, Value> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('_')) continue;
    props[k] = toValue(x, ids);
  }
  return props;
}

function toNode(
  v: Record<string, Raw> & { _id: KuzuInternalId; _label: string },
  ids: ReadonlyMap<string, string>,
): NodeValue {
  const id = typeof v.id === 'string' ? v.id : (ids.get(internalKey(v._id)) ?? internalKey(v._id));
  return { $kind: 'node', id, label: v._label, properties: properties(v, ids) };
}

function toRel(
  v: Record<string, Raw> & { _src: KuzuInternalId; _dst: KuzuInternalId; _label: string },
  ids: ReadonlyMap<string, string>,
): RelationshipValue {
  return {
    $kind: 'relationship',
    type: v._label,
    source: ids.get(internalKey(v._src)) ?? internalKey(v._src),
    target: ids.get(internalKey(v._dst)) ?? internalKey(v._dst),
    properties: properties(v, ids),
  };
}

/** Converts raw rows. */
export function toRows(rows: readonly Record<string, Raw>[], ids: ReadonlyMap<string, string>): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[k] = toValue(v, ids);
    return out;
  });
}
