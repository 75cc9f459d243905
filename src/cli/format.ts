/** Rendering of query results for the terminal: table, JSON and CSV. */
import Table from 'cli-table3';
import { isNodeValue, isPathValue, isRelationshipValue, type Row, type Value } from '../model/values';

/** Output formats of `crosstalk query`. */
export const FORMATS = ['table', 'json', 'csv'] as const;
/** An output format. */
export type Format = (typeof FORMATS)[number];

const MAX_CELL = 80;

/** A short, readable rendering of a value for a table cell or CSV field. */
export function displayValue(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isNodeValue(v)) {
    const name = v.properties.title ?? v.properties.name;
    return `(:${v.label} ${v.id}${typeof name === 'string' ? ` "${name}"` : ''})`;
  }
  if (isRelationshipValue(v)) return `(${v.source})-[:${v.type}]->(${v.target})`;
  if (isPathValue(v)) {
    return v.nodes.map((n) => n.id).join(' → ');
  }
  return JSON.stringify(v);
}

const truncate = (s: string): string => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);

function csvEscape(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Formats rows in the given format. JSON output is exactly a JSON array of row objects. */
export function formatRows(columns: readonly string[], rows: readonly Row[], format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows);
    case 'csv': {
      const lines = [columns.map(csvEscape).join(',')];
      for (const r of rows) lines.push(columns.map((c) => csvEscape(displayValue(r[c] ?? null))).join(','));
      return lines.join('\n');
    }
    case 'table': {
      const table = new Table({
        head: [...columns],
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const r of rows) table.push(columns.map((c) => truncate(displayValue(r[c] ?? null))));
      return table.toString();
    }
  }
}

function parseJsonOr(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Parses `name=value` query parameters. Values are read as JSON when they parse (numbers,
 * booleans, lists, quoted strings) and as plain strings otherwise.
 * @throws Error naming the bad parameter.
 */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--param "${pair}" must look like name=value`);
    const name = pair.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`--param name "${name}" is not a valid parameter name`);
    const raw = pair.slice(eq + 1);
    params[name] = parseJsonOr(raw);
  }
  return params;
}
