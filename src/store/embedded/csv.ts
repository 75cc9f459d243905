/**
 * CSV files for Kuzu's bulk `COPY … FROM (LOAD FROM …)` path. Kuzu's CSV reader keeps quotes inside
 * list literals, so string lists are written as one field joined by {@link LIST_SEPARATOR} and split
 * back by `string_split` inside the COPY subquery.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PropertyType } from '../../model/graph-schema';

/** Joins list elements in a CSV field (ASCII unit separator; never in bibliographic text). */
export const LIST_SEPARATOR = '\u001f';

/** Formats one value as a CSV field. Null becomes an empty, unquoted field. */
export function csvField(value: unknown, type: PropertyType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'string[]': {
      const list = value as string[];
      if (list.length === 0) return '';
      for (const s of list) {
        if (s.includes(LIST_SEPARATOR)) throw new TypeError(`list element contains U+001F: ${s}`);
      }
      return quote(list.join(LIST_SEPARATOR));
    }
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`not a string: ${JSON.stringify(value)}`);
      return quote(value);
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

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * Writes rows to a CSV file with a header, streaming (large graphs do not build one big string).
 * `columns` are [header name, row key, type] triples.
 */
export async function writeCsv(
  file: string,
  columns: readonly (readonly [string, string, PropertyType])[],
  rows: Iterable<object>,
): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const closed = once(out, 'close');
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    await write(columns.map(([name]) => name).join(',') + '\n');
    for (const row of rows) {
      const rec = row as Record<string, unknown>;
      await write(columns.map(([, key, type]) => csvField(rec[key], type)).join(',') + '\n');
    }
  } finally {
    out.end();
    await closed;
  }
}
