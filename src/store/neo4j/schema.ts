/**
 * Neo4j constraints, indexes and batched write statements, derived from the graph schema in
 * src/model/graph-schema.ts, and the conversion of records into the rows those statements take.
 */
import neo4j from 'neo4j-driver';
import {
  NODE_LABELS,
  NODE_SCHEMA,
  REL_SCHEMA,
  SOURCE_SET_LABEL,
  SOURCE_SET_SCHEMA,
  storedRelProperties,
  type NodeLabel,
  type PropertySpec,
  type RelType,
} from '../../model/graph-schema';

/** Label of the one node that holds the manifest of the last load; not part of the graph. */
export const MANIFEST_LABEL = 'CrosstalkMeta';
/** `id` of the manifest node. */
export const MANIFEST_ID = 'manifest';

/**
 * Name of the full-text index over work titles and keywords and concept names, synonyms and
 * abbreviations: `CALL db.index.fulltext.queryNodes('crosstalk_search', 'irisin')`.
 */
export const FULLTEXT_INDEX = 'crosstalk_search';

/**
 * Properties that, with the endpoints, identify a relationship when it is merged: the registry's
 * `keyProperties` (edge-kinds.ts). Without them an author listed twice on one work (three cases in
 * the bundled data) would collapse into one `AUTHORED` relationship.
 */
const mergeKeys = (type: RelType): readonly string[] => REL_SCHEMA[type].keyProperties;

/** Range indexes for the lookups the UI and the API make: [label, property]. */
const LOOKUP_INDEXES: readonly [NodeLabel, string][] = [
  ['Work', 'doi'],
  ['Work', 'pmid'],
  ['Work', 'year'],
  ['Concept', 'name'],
  ['Concept', 'category'],
  ['Author', 'name'],
  ['Journal', 'name'],
];

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Schema statements, each idempotent (`IF NOT EXISTS`): a uniqueness constraint on `id` of every
 * label (which also indexes it), lookup indexes, a text index on `Work.title` for `CONTAINS`, and
 * the full-text index {@link FULLTEXT_INDEX}.
 */
export function schemaStatements(): string[] {
  const constraints = [...NODE_LABELS, MANIFEST_LABEL].map(
    (l) => `CREATE CONSTRAINT ${snake(l)}_id_unique IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`,
  );
  const indexes = LOOKUP_INDEXES.map(
    ([l, p]) => `CREATE INDEX ${snake(l)}_${snake(p)} IF NOT EXISTS FOR (n:${l}) ON (n.${p})`,
  );
  return [
    ...constraints,
    `CREATE CONSTRAINT ${snake(SOURCE_SET_LABEL)}_code_unique IF NOT EXISTS FOR (n:${SOURCE_SET_LABEL}) REQUIRE n.code IS UNIQUE`,
    ...indexes,
    'CREATE TEXT INDEX work_title_text IF NOT EXISTS FOR (n:Work) ON (n.title)',
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Work|Concept) ` +
      'ON EACH [n.title, n.keywords, n.name, n.synonyms, n.abbreviations]',
  ];
}

/** Deletes up to `$batch` relationships of one type; returns `deleted`. */
export function deleteRelsBatch(type: RelType): string {
  return `MATCH ()-[r:${type}]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS deleted`;
}

/** Deletes up to `$batch` nodes of one label with their relationships; returns `deleted`. */
export function deleteNodesBatch(label: string): string {
  return `MATCH (n:${label}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted`;
}

/** Creates or updates the nodes in `$rows` (see {@link nodeRow}), keyed by `id`. */
export function mergeNodes(label: NodeLabel): string {
  return `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n = row`;
}

/** Creates or updates the source sets in `$rows` (see {@link sourceSetRow}), keyed by `code`. */
export const MERGE_SOURCE_SETS = `UNWIND $rows AS row MERGE (n:${SOURCE_SET_LABEL} {code: row.code}) SET n = row`;

/**
 * Creates or updates the relationships in `$rows` (see {@link relRow}) between existing nodes,
 * keyed by their endpoints and the type's key properties.
 */
export function mergeRels(type: RelType): string {
  const spec = REL_SCHEMA[type];
  const keys = mergeKeys(type);
  const keyMap = keys.length > 0 ? ` {${keys.map((k) => `${k}: row.props.${k}`).join(', ')}}` : '';
  return (
    `UNWIND $rows AS row MATCH (a:${spec.from} {id: row.from}) MATCH (b:${spec.to} {id: row.to}) ` +
    `MERGE (a)-[r:${type}${keyMap}]->(b) SET r = row.props`
  );
}

function storedProperties(spec: PropertySpec, record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(spec)) {
    const v: unknown = (record as Record<string, unknown>)[k];
    // Neo4j does not store nulls: a missing property reads back as null (see mappers.ts).
    if (v === null || v === undefined) continue;
    // The embedded engine's bulk load reads an empty string as null (e.g. the initials of a bare
    // surname); store it the same way so both backends give the same answers.
    if (t === 'string' && v === '') continue;
    // JS numbers travel as floats; declared integers must arrive as Neo4j integers.
    out[k] = t === 'int' && typeof v === 'number' ? neo4j.int(v) : v;
  }
  return out;
}

/** The row {@link mergeNodes} takes for one node: its declared, non-null properties. */
export function nodeRow(label: NodeLabel, record: object): Record<string, unknown> {
  return storedProperties(NODE_SCHEMA[label], record);
}

/** The row {@link mergeRels} takes for one relationship: endpoint ids and properties. */
export function relRow(
  type: RelType,
  record: { from: string; to: string; [property: string]: unknown },
): { from: string; to: string; props: Record<string, unknown> } {
  return { from: record.from, to: record.to, props: storedProperties(storedRelProperties(type), record) };
}

/** The row {@link MERGE_SOURCE_SETS} takes for one source set. */
export function sourceSetRow(record: { code: number; sources: string[] }): Record<string, unknown> {
  return storedProperties(SOURCE_SET_SCHEMA, record);
}

/** The identity of a relationship under its type's key properties, to find rows that would collapse. */
export function relKey(
  type: RelType,
  record: { from: string; to: string; [property: string]: unknown },
): string {
  const r: Record<string, unknown> = record;
  return JSON.stringify([record.from, record.to, ...mergeKeys(type).map((k) => r[k] ?? null)]);
}
