/**
 * Tables as CSV (RFC 4180): comma-separated, CRLF line ends, fields with a comma, quote, CR or LF
 * (or surrounding spaces) in double quotes with quotes doubled. Lists, maps, nodes, relationships
 * and paths are written as JSON; null is an empty field. Pure.
 */
import type { CypherResponse } from '../../model/api';
import type { UiGraph } from '../model/build-graph';

/** One CSV field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : JSON.stringify(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then one row per record, each line ending in CRLF. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

/** Columns of the nodes table. */
export const NODE_TABLE_COLUMNS = ['id', 'kind', 'title', 'year', 'category', 'community', 'degree'] as const;

/**
 * The nodes of `g` (usually the visible subgraph) as a table: id, kind, title (a work's title or
 * a concept's name), year, category, community, and degree (edges at the node within `g`).
 */
export function nodesTableCsv(g: UiGraph): string {
  const rows: unknown[][] = [];
  g.forEachNode((id, a) => {
    rows.push([id, a.kind, a.fullLabel, a.year, a.category, a.community, g.degree(id)]);
  });
  return toCsv(NODE_TABLE_COLUMNS, rows);
}

/** A Cypher console result as a table, columns in the query's order. */
export function cypherResultCsv(result: Pick<CypherResponse, 'columns' | 'rows'>): string {
  return toCsv(
    result.columns,
    result.rows.map((row) => result.columns.map((c) => row[c])),
  );
}
