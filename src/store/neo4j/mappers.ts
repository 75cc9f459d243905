/**
 * Conversion between neo4j-driver values and the backend-neutral values of src/model/values.ts,
 * so both backends return identical objects:
 *
 * - nodes and relationships are identified by their `id` property, never by Neo4j element ids;
 *   relationship endpoints not in the result are resolved with one lookup ({@link collectElementIds});
 * - properties come in schema order, and declared properties missing on the stored element (Neo4j
 *   does not store nulls) are filled in as null, as the embedded store returns them;
 * - integers become numbers, or decimal strings beyond 2^53; temporal values become ISO strings in
 *   the form the embedded store uses (a date as midnight UTC, `2020-01-02T00:00:00.000Z`); a
 *   duration becomes an ISO 8601 duration (`P1D`), where the embedded store returns milliseconds.
 */
import neo4j, { type Node, type Path, type Record as DriverRecord, type Relationship } from 'neo4j-driver';
import {
  NODE_SCHEMA,
  REL_SCHEMA,
  type NodeLabel,
  type PropertySpec,
  type RelType,
} from '../../model/graph-schema';
import type { NodeValue, PathValue, RelationshipValue, Row, Value } from '../../model/values';

type Raw = unknown;

const isPlainObject = (v: Raw): v is Record<string, Raw> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const nodeSpec = (label: string): PropertySpec | undefined =>
  Object.hasOwn(NODE_SCHEMA, label) ? NODE_SCHEMA[label as NodeLabel] : undefined;
const relSpec = (type: string): PropertySpec | undefined =>
  Object.hasOwn(REL_SCHEMA, type) ? REL_SCHEMA[type as RelType].properties : undefined;

/** Element ids of nodes seen in a result (mapped to their `id`) and of endpoints still unknown. */
export interface ElementIds {
  /** elementId → `id` property. */
  known: Map<string, string>;
  /** Endpoint element ids whose node is not in the result. */
  wanted: string[];
}

/** Walks raw records and collects node element ids and the relationship endpoints to resolve. */
export function collectElementIds(records: readonly DriverRecord[]): ElementIds {
  const known = new Map<string, string>();
  const endpoints = new Set<string>();
  const visit = (v: Raw): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (neo4j.isNode(v)) {
      const id: unknown = v.properties.id;
      if (typeof id === 'string') known.set(v.elementId, id);
      return;
    }
    if (neo4j.isRelationship(v)) {
      endpoints.add(v.startNodeElementId);
      endpoints.add(v.endNodeElementId);
      return;
    }
    if (neo4j.isPath(v)) {
      visit(v.start);
      for (const s of v.segments) {
        visit(s.end);
        visit(s.relationship);
      }
      return;
    }
    if (isPlainObject(v)) Object.values(v).forEach(visit);
  };
  for (const r of records) r.forEach(visit);
  return { known, wanted: [...endpoints].filter((e) => !known.has(e)) };
}

function temporal(v: Raw): string | undefined {
  if (neo4j.isDate(v)) {
    return `${v.toString()}T00:00:00.000Z`;
  }
  if (neo4j.isLocalDateTime(v)) {
    const ms = Date.UTC(
      neo4j.integer.toNumber(v.year),
      neo4j.integer.toNumber(v.month) - 1,
      neo4j.integer.toNumber(v.day),
      neo4j.integer.toNumber(v.hour),
      neo4j.integer.toNumber(v.minute),
      neo4j.integer.toNumber(v.second),
      Math.floor(neo4j.integer.toNumber(v.nanosecond) / 1e6),
    );
    return new Date(ms).toISOString();
  }
  if (neo4j.isDateTime(v)) {
    if (v.timeZoneOffsetSeconds === undefined) return v.toString();
    return v.toStandardDate().toISOString();
  }
  if (neo4j.isDuration(v)) {
    const n = neo4j.integer.toNumber;
    const [months, days, seconds, nanos] = [n(v.months), n(v.days), n(v.seconds), n(v.nanoseconds)];
    const date = `${months !== 0 ? `${months}M` : ''}${days !== 0 ? `${days}D` : ''}`;
    const secs = seconds + nanos / 1e9;
    const time = secs !== 0 || date === '' ? `T${secs}S` : '';
    return `P${date}${time}`;
  }
  if (neo4j.isTime(v) || neo4j.isLocalTime(v)) return v.toString();
  return undefined;
}

/** Converts one property or result value (not a graph element). */
function scalar(v: Raw): Value {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return neo4j.integer.inSafeRange(v) ? v.toNumber() : v.toString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  const t = temporal(v);
  if (t !== undefined) return t;
  if (neo4j.isPoint(v)) return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return JSON.stringify(v) ?? null;
}

/** Converts one raw driver value. `ids` maps element ids to node `id` properties. */
export function toValue(v: Raw, ids: ReadonlyMap<string, string>): Value {
  if (Array.isArray(v)) return v.map((x) => toValue(x, ids));
  if (neo4j.isNode(v)) return toNode(v, ids);
  if (neo4j.isRelationship(v)) return toRel(v, ids);
  if (neo4j.isPath(v)) return toPath(v, ids);
  if (isPlainObject(v)) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toValue(x, ids);
    return out;
  }
  return scalar(v);
}

/** Declared properties first, in schema order (missing ones as null), then any others. */
function properties(
  stored: Record<string, Raw>,
  spec: PropertySpec | undefined,
  ids: ReadonlyMap<string, string>,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (spec) for (const k of Object.keys(spec)) out[k] = toValue(stored[k], ids);
  for (const [k, x] of Object.entries(stored)) if (!(k in out)) out[k] = toValue(x, ids);
  return out;
}

function toNode(v: Node, ids: ReadonlyMap<string, string>): NodeValue {
  const label = v.labels.find((l) => nodeSpec(l) !== undefined) ?? v.labels[0] ?? '';
  const id = typeof v.properties.id === 'string' ? v.properties.id : (ids.get(v.elementId) ?? v.elementId);
  return { $kind: 'node', id, label, properties: properties(v.properties, nodeSpec(label), ids) };
}

function toRel(v: Relationship, ids: ReadonlyMap<string, string>): RelationshipValue {
  return {
    $kind: 'relationship',
    type: v.type,
    source: ids.get(v.startNodeElementId) ?? v.startNodeElementId,
    target: ids.get(v.endNodeElementId) ?? v.endNodeElementId,
    properties: properties(v.properties, relSpec(v.type), ids),
  };
}

function toPath(v: Path, ids: ReadonlyMap<string, string>): PathValue {
  return {
    $kind: 'path',
    nodes: [v.start, ...v.segments.map((s) => s.end)].map((n) => toNode(n, ids)),
    relationships: v.segments.map((s) => toRel(s.relationship, ids)),
  };
}

/** Converts driver records into rows keyed by column name. */
export function toRows(records: readonly DriverRecord[], ids: ReadonlyMap<string, string>): Row[] {
  return records.map((r) => {
    const row: Row = {};
    for (const k of r.keys) row[String(k)] = toValue(r.get(k), ids);
    return row;
  });
}

/**
 * Converts query parameters for the driver. Whole JS numbers become Neo4j integers, as the
 * embedded engine types them (so `$n / 2` and `LIMIT $n` behave the same on both backends);
 * other numbers stay floats. Arrays and plain objects are converted recursively.
 */
export function toDriverParams(params: Record<string, unknown>): Record<string, unknown> {
  const convert = (v: unknown): unknown => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return neo4j.int(v);
    if (typeof v === 'bigint') return neo4j.int(v);
    if (Array.isArray(v)) return v.map(convert);
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, convert(v)]));
}
