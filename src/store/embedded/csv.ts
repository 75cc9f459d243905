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
import type { PropertyType, WorkLinkColumns } from '../../model/graph-schema';

/** Joins list elements in a CSV field (ASCII unit separator; never in bibliographic text). */
export const LIST_SEPARATOR = '\u001f';

/** Separates the fields of a line (ASCII record separator; never in bibliographic text). */
export const FIELD_SEPARATOR = '\u001e';

/**
 * CSV columns: [header name, row key, type]. The key may instead be a function of the row, for a
 * field the rows do not hold as it is written (a relationship's source-set code): a full copy of
 * every row without its `sources` cost 1.5 s of the main thread at 1.1M citations.
 */
export type CsvColumns = readonly (readonly [string, string | ((row: never) => unknown), PropertyType])[];

/** What a reader of a CSV file written by {@link writeCsv} must know. */
export interface CsvLayout {
  /** True when a field holds a line break: Kuzu reads such a file only with `PARALLEL=false`. */
  hasLineBreaks: boolean;
}

/** Blank at either end (JavaScript's `\s`: Unicode white space too). */
const BLANK_END = /^\s|\s$/;
/** Characters that must be quoted anywhere in a field (besides the field separator): a quote, a line break. */
const SPECIAL = /["\n\r]/;
const LINE_BREAK = /[\n\r]/;

/** True unless code unit `c` may be white space (printable ASCII other than a space never is). */
const mayBeBlank = (c: number): boolean => c <= 32 || c >= 127;

/**
 * Text that must be quoted: blank at either end, or holding a quote, a line break or the field
 * separator. The ends are checked by code unit first: the regular expressions on every field were
 * a tenth of the CSV time at 100k works.
 */
function needsQuotes(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if ((mayBeBlank(s.charCodeAt(0)) || mayBeBlank(s.charCodeAt(n - 1))) && BLANK_END.test(s)) return true;
  return SPECIAL.test(s) || s.includes(FIELD_SEPARATOR);
}

/** Quotes `s` (which {@link needsQuotes}), doubling its quotes. */
const quoted = (s: string): string => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`);

function text(s: string): string {
  return needsQuotes(s) ? quoted(s) : s;
}

/** Joins a list's elements into one field's text (before quoting). */
function joinList(list: readonly string[]): string {
  for (const s of list) {
    if (s.includes(LIST_SEPARATOR)) throw new TypeError(`list element contains U+001F: ${s}`);
  }
  return list.join(LIST_SEPARATOR);
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
      return text(joinList(list));
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
  /** A text field as written; a field that needs quotes is the only one that can hold a line break. */
  const textField = (s: string): string => {
    if (!needsQuotes(s)) return s;
    if (!hasLineBreaks && LINE_BREAK.test(s)) hasLineBreaks = true;
    return quoted(s);
  };
  // One formatter per column, chosen once (not a switch on the type per field).
  const formatters = columns.map(([, , type]): ((value: unknown) => string) => {
    switch (type) {
      case 'string':
        return (value) => {
          if (value === null || value === undefined) return '';
          if (typeof value !== 'string') throw new TypeError(`not a string: ${JSON.stringify(value)}`);
          return textField(value);
        };
      case 'string[]': {
        // A list shared by consecutive rows (the interned `sources` of links) is formatted once.
        let lastList: unknown = undefined;
        let lastField = '';
        return (value) => {
          if (value === null || value === undefined) return '';
          if (value === lastList) return lastField;
          const list = value as string[];
          const f = list.length === 0 ? '' : textField(joinList(list));
          lastList = value;
          lastField = f;
          return f;
        };
      }
      default:
        return (value) => csvField(value, type);
    }
  });
  const getters = columns.map(([, key]) =>
    typeof key === 'string'
      ? (row: Record<string, unknown>): unknown => row[key]
      : (key as (row: Record<string, unknown>) => unknown),
  );
  const width = columns.length;

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
      let line = formatters[0]!(getters[0]!(rec));
      for (let i = 1; i < width; i++) line += FIELD_SEPARATOR + formatters[i]!(getters[i]!(rec));
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

/** The columns {@link writeWorkLinkCsv} writes: those of a relationship type stored with source sets. */
const WORK_LINK_COLUMNS = [
  ['src', 'from', 'string'],
  ['dst', 'to', 'string'],
  ['sourceSet', 'sourceSet', 'int'],
] as const;

/**
 * Writes relationships between works from their columns, byte for byte as {@link writeCsv} writes
 * their records with `columns` and a `sourceSet` of `code(record.sources)`: each work's id is
 * formatted once and each source list's code asked once, in order of first use (so a code that
 * depends on the order of first sight, as a SourceSetInterner's, is the same), and no object is made
 * per row. At 4.5M citations the rows through writeCsv took ~7 s of the main thread.
 * @returns what the `COPY` that reads the file must know.
 * @throws TypeError when `columns` are not `src`, `dst`, `sourceSet` (see relColumns in
 *   schema.ts), or an end is not a work of `links.workIds`.
 */
export async function writeWorkLinkCsv(
  file: string,
  columns: CsvColumns,
  links: WorkLinkColumns,
  code: (sources: readonly string[]) => number,
): Promise<CsvLayout> {
  if (
    columns.length !== WORK_LINK_COLUMNS.length ||
    columns.some((c, i) => c.some((x, j) => x !== WORK_LINK_COLUMNS[i]![j]))
  ) {
    throw new TypeError(
      `not the columns of links between works: ${columns.map(([name]) => name).join(', ')}`,
    );
  }
  let hasLineBreaks = false;
  const { workIds, sourceLists, ends, sources } = links;
  const idFields = new Array<string | undefined>(workIds.length);
  const idField = (w: number): string => {
    const known = idFields[w];
    if (known !== undefined) return known;
    const id = workIds[w];
    if (typeof id !== 'string') throw new TypeError(`not a string: ${JSON.stringify(id)}`);
    let f = id;
    if (needsQuotes(id)) {
      if (LINE_BREAK.test(id)) hasLineBreaks = true;
      f = quoted(id);
    }
    idFields[w] = f;
    return f;
  };
  // What follows the ids on a line, by source list: the separator, the list's code, the line end.
  const tails = new Array<string | undefined>(sourceLists.length);
  const tail = (k: number): string =>
    (tails[k] ??= FIELD_SEPARATOR + csvField(code(sourceLists[k]!), 'int') + '\n');

  const out = createWriteStream(file, { encoding: 'utf8' });
  const closed = once(out, 'close');
  // Lines are joined into ~1 MB strings: one write (and one await) per chunk, not per row.
  let chunk = columns.map(([name]) => name).join(FIELD_SEPARATOR) + '\n';
  try {
    for (let i = 0; i < sources.length; i++) {
      chunk += idField(ends[2 * i]!) + FIELD_SEPARATOR + idField(ends[2 * i + 1]!) + tail(sources[i]!);
      if (chunk.length >= 1 << 20) {
        const text = chunk;
        chunk = '';
        if (!out.write(text)) await once(out, 'drain');
      }
    }
    if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
  } finally {
    out.end();
    await closed;
  }
  return { hasLineBreaks };
}
