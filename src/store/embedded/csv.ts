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
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
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
    chunk.push(columns.map(([name]) => name).join(',') + '\n');
    for (const row of rows) {
      const rec = row as Record<string, unknown>;
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const [, key, type] = columns[i]!;
        line += (i === 0 ? '' : ',') + csvField(rec[key], type);
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
}
