/** Kuzu DDL and bulk-load statements derived from the graph schema in src/model/graph-schema.ts. */
import {
  NODE_SCHEMA,
  REL_SCHEMA,
  SOURCE_SET_LABEL,
  SOURCE_SET_SCHEMA,
  storedRelProperties,
  type NodeLabel,
  type PropertySpec,
  type PropertyType,
  type RelType,
} from '../../model/graph-schema';
import { EDGE_KINDS } from '../../model/edge-kinds';
import type { SourceSetInterner } from '../source-sets';
import { FIELD_SEPARATOR, LIST_SEPARATOR, type CsvColumns, type CsvLayout } from './csv';

const KUZU_TYPES: Record<PropertyType, string> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  'string[]': 'STRING[]',
};

const ident = (name: string): string => `\`${name}\``;

/** The CSV columns of a node label: [header, property, type]. */
export function nodeColumns(label: NodeLabel): [string, string, PropertyType][] {
  return Object.entries(NODE_SCHEMA[label] as PropertySpec).map(([k, t]) => [k, k, t]);
}

/** The CSV columns of a relationship type: endpoints first, then its stored properties. */
export function relColumns(type: RelType): [string, string, PropertyType][] {
  const props = Object.entries(storedRelProperties(type)).map(([k, t]): [string, string, PropertyType] => [
    k,
    k,
    t,
  ]);
  return [['src', 'from', 'string'], ['dst', 'to', 'string'], ...props];
}

/**
 * The CSV columns of a relationship type's records as given (with `sources`), written as stored
 * (../source-sets.ts `storedRels`): for a type stored with source sets, the `sourceSet` field is the
 * code `interner` gives the record's `sources`, taken row by row in file order, as `storedRels` does.
 */
export function storedRelColumns(type: RelType, interner: SourceSetInterner): CsvColumns {
  const columns = relColumns(type);
  if (EDGE_KINDS[type].provenance !== 'sourceSet') return columns;
  const code = (r: { sources: readonly string[] }): number => interner.code(r.sources);
  return columns.map(([name, key, t]) => [name, key === 'sourceSet' ? code : key, t] as const);
}

/** `CREATE NODE TABLE` for a label, keyed by `id`. */
export function createNodeTable(label: NodeLabel): string {
  const cols = Object.entries(NODE_SCHEMA[label] as PropertySpec).map(
    ([k, t]) => `${ident(k)} ${KUZU_TYPES[t]}${k === 'id' ? ' PRIMARY KEY' : ''}`,
  );
  return `CREATE NODE TABLE ${label}(${cols.join(', ')})`;
}

/** `CREATE REL TABLE` for a relationship type. */
export function createRelTable(type: RelType): string {
  const spec = REL_SCHEMA[type];
  const cols = Object.entries(storedRelProperties(type)).map(([k, t]) => `${ident(k)} ${KUZU_TYPES[t]}`);
  return `CREATE REL TABLE ${type}(FROM ${spec.from} TO ${spec.to}${cols.map((c) => `, ${c}`).join('')})`;
}

/** The CSV columns of the source-set table (see SOURCE_SET_LABEL in graph-schema.ts). */
export function sourceSetColumns(): [string, string, PropertyType][] {
  return Object.entries(SOURCE_SET_SCHEMA).map(([k, t]) => [k, k, t]);
}

/** `CREATE NODE TABLE` for the source sets, keyed by `code`. */
export function createSourceSetTable(): string {
  const cols = Object.entries(SOURCE_SET_SCHEMA).map(
    ([k, t]) => `${ident(k)} ${KUZU_TYPES[t]}${k === 'code' ? ' PRIMARY KEY' : ''}`,
  );
  return `CREATE NODE TABLE ${SOURCE_SET_LABEL}(${cols.join(', ')})`;
}

/** A file path as a Cypher string literal's content. */
const quotePath = (file: string): string => file.replace(/\\/g, '/').replace(/'/g, "\\'");

/**
 * `COPY … FROM (LOAD FROM …)` of `table` from a CSV file written by `writeCsv`: the subquery
 * declares the dialect (no sniffing) and splits the joined lists. Kuzu reads the file in parallel
 * only when no field holds a line break.
 */
function copyFrom(
  table: string,
  file: string,
  columns: CsvColumns,
  layout: CsvLayout,
  tableColumns: CsvColumns = columns,
): string {
  const header = columns
    .map(([name, , t]) => `${ident(name)} ${t === 'string[]' ? 'STRING' : KUZU_TYPES[t]}`)
    .join(', ');
  const inFile = new Set(columns.map(([name]) => name));
  const projections = tableColumns.map(([name, , t]) =>
    !inFile.has(name)
      ? `CAST(NULL AS ${KUZU_TYPES[t]}) AS ${ident(name)}`
      : t === 'string[]'
        ? `CASE WHEN ${ident(name)} IS NULL THEN CAST([] AS STRING[]) ELSE string_split(${ident(name)}, '${LIST_SEPARATOR}') END`
        : ident(name),
  );
  return `COPY ${table} FROM (LOAD WITH HEADERS (${header}) FROM '${quotePath(file)}' (${csvOptions(layout).join(', ')}) RETURN ${projections.join(', ')})`;
}

/** The options of a `LOAD FROM` a CSV file written by `writeCsv`: its dialect, declared (no sniffing). */
function csvOptions(layout: CsvLayout): string[] {
  return [
    'HEADER=true',
    `PARALLEL=${layout.hasLineBreaks ? 'false' : 'true'}`,
    'AUTO_DETECT=false',
    `DELIM='${FIELD_SEPARATOR}'`,
    `QUOTE='"'`,
    `ESCAPE='"'`,
  ];
}

/** `COPY` of a node table from a CSV file written by `writeCsv` with {@link nodeColumns}. */
export function copyNodes(label: NodeLabel, file: string, layout: CsvLayout): string {
  return copyFrom(label, file, nodeColumns(label), layout);
}

/** The layout's properties of Work and Concept nodes, which a staged load sets after the rest. */
export const POSITION_PROPERTIES = ['x', 'y', 'community'] as const;

/** The labels whose nodes carry {@link POSITION_PROPERTIES}. */
export const POSITIONED_LABELS: readonly NodeLabel[] = (Object.keys(NODE_SCHEMA) as NodeLabel[]).filter(
  (label) => POSITION_PROPERTIES.every((k) => k in (NODE_SCHEMA[label] as PropertySpec)),
);

/** The CSV columns of a label without {@link POSITION_PROPERTIES} (a staged load's first pass). */
export function unplacedColumns(label: NodeLabel): [string, string, PropertyType][] {
  return nodeColumns(label).filter(([k]) => !(POSITION_PROPERTIES as readonly string[]).includes(k));
}

/** The CSV columns of a positions file: `id` and {@link POSITION_PROPERTIES}. */
export function positionColumns(label: NodeLabel): [string, string, PropertyType][] {
  return nodeColumns(label).filter(
    ([k]) => k === 'id' || (POSITION_PROPERTIES as readonly string[]).includes(k),
  );
}

/**
 * `COPY` of a node table from a CSV file written with {@link unplacedColumns}: the positions load as
 * null, for {@link setPositions} to fill.
 */
export function copyUnplacedNodes(label: NodeLabel, file: string, layout: CsvLayout): string {
  return copyFrom(label, file, unplacedColumns(label), layout, nodeColumns(label));
}

/**
 * Sets the positions of the nodes of `label` from a CSV file written with {@link positionColumns}
 * (one row per node, matched by the primary key).
 */
export function setPositions(label: NodeLabel, file: string, layout: CsvLayout): string {
  const columns = positionColumns(label);
  const header = columns.map(([name, , t]) => `${ident(`_${name}`)} ${KUZU_TYPES[t]}`).join(', ');
  const sets = POSITION_PROPERTIES.map((k) => `n.${ident(k)} = ${ident(`_${k}`)}`).join(', ');
  return `LOAD WITH HEADERS (${header}) FROM '${quotePath(file)}' (${csvOptions(layout).join(', ')}) MATCH (n:${label} {id: \`_id\`}) SET ${sets}`;
}

/** `COPY` of a relationship table from a CSV file written by `writeCsv` with {@link relColumns}. */
export function copyRels(type: RelType, file: string, layout: CsvLayout): string {
  return copyFrom(type, file, relColumns(type), layout);
}

/** `COPY` of the source-set table from a CSV file written by `writeCsv` with {@link sourceSetColumns}. */
export function copySourceSets(file: string, layout: CsvLayout): string {
  return copyFrom(SOURCE_SET_LABEL, file, sourceSetColumns(), layout);
}
