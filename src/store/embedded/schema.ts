/** Kuzu DDL and bulk-load statements derived from the graph schema in src/model/graph-schema.ts. */
import {
  NODE_SCHEMA,
  REL_SCHEMA,
  type NodeLabel,
  type PropertySpec,
  type PropertyType,
  type RelType,
} from '../../model/graph-schema';
import { LIST_SEPARATOR } from './csv';

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

/** The CSV columns of a relationship type: endpoints first, then properties. */
export function relColumns(type: RelType): [string, string, PropertyType][] {
  const props = Object.entries(REL_SCHEMA[type].properties as PropertySpec).map(
    ([k, t]): [string, string, PropertyType] => [k, k, t],
  );
  return [['src', 'from', 'string'], ['dst', 'to', 'string'], ...props];
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
  const cols = Object.entries(spec.properties as PropertySpec).map(
    ([k, t]) => `${ident(k)} ${KUZU_TYPES[t]}`,
  );
  return `CREATE REL TABLE ${type}(FROM ${spec.from} TO ${spec.to}${cols.map((c) => `, ${c}`).join('')})`;
}

function loadSubquery(file: string, columns: readonly (readonly [string, string, PropertyType])[]): string {
  const header = columns
    .map(([name, , t]) => `${ident(name)} ${t === 'string[]' ? 'STRING' : KUZU_TYPES[t]}`)
    .join(', ');
  const projections = columns.map(([name, , t]) =>
    t === 'string[]'
      ? `CASE WHEN ${ident(name)} IS NULL THEN CAST([] AS STRING[]) ELSE string_split(${ident(name)}, '${LIST_SEPARATOR}') END`
      : ident(name),
  );
  const path = file.replace(/\\/g, '/').replace(/'/g, "\\'");
  return `LOAD WITH HEADERS (${header}) FROM '${path}' (HEADER=true, PARALLEL=false) RETURN ${projections.join(', ')}`;
}

/** `COPY` of a node table from a CSV file written with {@link nodeColumns}. */
export function copyNodes(label: NodeLabel, file: string): string {
  return `COPY ${label} FROM (${loadSubquery(file, nodeColumns(label))})`;
}

/** `COPY` of a relationship table from a CSV file written with {@link relColumns}. */
export function copyRels(type: RelType, file: string): string {
  return `COPY ${type} FROM (${loadSubquery(file, relColumns(type))})`;
}
