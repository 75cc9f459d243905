/**
 * CSV files for Kuzu's bulk `COPY … FROM (LOAD FROM …)` path.
 *
 * - Kuzu's CSV reader keeps quotes inside list literals, so string lists are written as one field
 *   joined by {@link LIST_SEPARATOR} and split back by `string_split` inside the COPY subquery.
 * - Fields are separated by {@link FIELD_SEPARATOR}, which bibliographic text does not contain, and
 *   quoted only when they must be: Kuzu reads quoted fields several times slower (at 1M citations
 *   the COPY took 7.5 s with every field quoted, 3.3 s with none).
 * - An empty string is written as an empty, unquoted field, which both engines load as NULL. A
 *   quoted empty field (`""`) would not do: Kuzu loads it as NULL, LadybugDB as `""`, so the same
 *   data would answer differently per engine. Kuzu cannot store `""` through CSV at all, so the
 *   embedded store holds an empty string as NULL on both engines.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PropertyType } from '../../model/graph-schema';

/** Joins list elements in a CSV field (ASCII unit separator; never in bibliographic text). */
export const LIST_SEPARATOR = '\u001f';

/** Separates the fields of a line (ASCII record separator; never in bibliographic text). */
export const FIELD_SEPARATOR = '\u001e';

/** CSV columns: [header name, row key, type]. */
export type CsvColumns = readonly (readonly [string, string, PropertyType])[];

/** What a reader of a CSV file written by {@link writeCsv} must know. */
export interface CsvLayout {
  /** True when a field holds a line break: Kuzu reads such a file only with `PARALLEL=false`. */
  hasLineBreaks: boolean;
}

/** Text that must be quoted: blank at either end, or holding a quote, a line break or the field separator. */
const NEEDS_QUOTES = /^\s|\s$|["\n\r]/;

function text(s: string): string {
  if (!NEEDS_QUOTES.test(s) && !s.includes(FIELD_SEPARATOR)) return s;
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

/**
 * Formats one value as a CSV field. Null, an empty string, an empty list and a list whose elements
 * join to an empty string become an empty, unquoted field (NULL, or an empty list, once loaded).
 * @throws TypeError when the value does not fit `type`, or a list element contains U+001F.
 */
export function csvField(value: unknown, type: PropertyType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'string[]': {
      const list = value as string[];
      if (list.length === 0) return '';
      for (const s of list) {
        if (s.includes(LIST_SEPARATOR)) throw new TypeError(`list element contains U+001F: ${s}`);
      }
      return text(list.join(LIST_SEPARATOR));
    }
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`not a string: ${JSON.stringify(value)}`);
      return text(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'int':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`not a number: ${JSON.stringify(value)}`);
      }
      return String(value);
  }
}

const LINE_BREAK = /[\n\r]/;

/**
 * Writes rows to a CSV file with a header, streaming (large graphs do not build one big string).
 * @returns what the `COPY` that reads the file must know.
 */
export async function writeCsv(
  file: string,
  columns: CsvColumns,
  rows: Iterable<object>,
): Promise<CsvLayout> {
  let hasLineBreaks = false;
  // A list shared by consecutive rows (the interned `sources` of links) is formatted once.
  const lastList: unknown[] = columns.map(() => undefined);
  const lastField: string[] = columns.map(() => '');
  const field = (value: unknown, type: PropertyType, i: number): string => {
    if (type === 'string[]' && value !== null && value !== undefined && value === lastList[i]) {
      return lastField[i]!;
    }
    const f = csvField(value, type);
    if (!hasLineBreaks && (type === 'string' || type === 'string[]') && LINE_BREAK.test(f))
      hasLineBreaks = true;
    if (type === 'string[]') {
      lastList[i] = value;
      lastField[i] = f;
    }
    return f;
  };

  const out = createWriteStream(file, { encoding: 'utf8' });
  const closed = once(out, 'close');
  // Lines are gathered into ~1 MB chunks: one write (and one await) per chunk, not per row.
  let chunk: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const text = chunk.join('');
    chunk = [];
    size = 0;
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    chunk.push(columns.map(([name]) => name).join(FIELD_SEPARATOR) + '\n');
    for (const row of rows) {
      const rec = row as Record<string, unknown>;
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const [, key, type] = columns[i]!;
        line += (i === 0 ? '' : FIELD_SEPARATOR) + field(rec[key], type, i);
      }
      chunk.push(line + '\n');
      size += line.length + 1;
      if (size >= 1 << 20) await flush();
    }
    await flush();
  } finally {
    out.end();
    await closed;
  }
  return { hasLineBreaks };
}
