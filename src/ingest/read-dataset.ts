/**
 * Reads and validates the dataset folder (graph/ by default) as a whole. Nothing is returned
 * unless every file, every record and every cross-reference is valid: one bad record stops the
 * load, reported as `file:line: field: problem`. Text must be valid Unicode: files that are not
 * UTF-8, and strings holding a lone UTF-16 surrogate (a `\ud800` escape without its pair), are
 * refused with the line and field, since the engines would store or export them mangled.
 *
 * Over 400 lines: reading, validating and cross-checking the dataset is one pass over the same
 * buffers (the fast link scanner, the id index and the interner share their offsets); split, each
 * part would re-read or re-export its internals.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  LineCounter,
  parseDocument,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Node as YamlNode,
} from 'yaml';
import type { z } from 'zod';
import { type DataIssue, ValidationError } from '../model/errors';
import type { PhaseClock } from './phases';
import {
  type ConceptRecord,
  type ConceptRelation,
  type LinkRecord,
  type WorkRecord,
  CitationRecordSchema,
  ConceptFileSchema,
  ConceptRecordSchema,
  ConceptRelationSchema,
  RelatedRecordSchema,
  UnverifiedRelationSchema,
  WorkRecordSchema,
  ORCID,
  OPENALEX_WORK_ID,
  WORK_ID,
  WORK_TYPES,
} from '../model/records';

/** The files a dataset folder holds. */
export const DATASET_FILES = {
  works: 'works.jsonl',
  citations: 'citations.jsonl',
  related: 'related.jsonl',
  concepts: 'concepts.yaml',
} as const;

/** A record together with where it was read from. */
export interface Located<T> {
  value: T;
  file: string;
  line: number;
  /** For YAML entries: the line of each top-level field, for precise cross-reference errors. */
  fieldLines?: Record<string, number>;
}

/** A validated dataset. */
export interface Dataset {
  dir: string;
  works: Located<WorkRecord>[];
  citations: Located<LinkRecord>[];
  related: Located<LinkRecord>[];
  concepts: Located<ConceptRecord>[];
  relations: Located<ConceptRelation>[];
  /** Number of relations kept aside in `toVerify` (validated, never loaded). */
  unverifiedCount: number;
  /** SHA-256 over the dataset files (see {@link hashDatasetFiles}). */
  hash: string;
  /**
   * The ends of every citation and of every related link as work numbers (index in `works`), two
   * per link in the order of `citations` and `related`: later steps need not look ids up again.
   */
  ends: { citations: Int32Array; related: Int32Array };
  /**
   * The links as columns (what `citations` and `related` are made from, on first use): at millions
   * of links an object per record cost more in allocation and garbage collection than parsing.
   */
  links: { citations: LinkColumns; related: LinkColumns; sourceLists: readonly (readonly string[])[] };
}

/** The links of one file as columns, one entry per link in file order. */
export interface LinkColumns {
  file: string;
  kind: LinkRecord['kind'];
  /** Two work numbers (index in the works) per link, -1 for an unknown work. */
  ends: Int32Array;
  /** The number of each link's source list in `Dataset.links.sourceLists`. */
  sources: Int32Array;
  /** The line of each link in `file`. */
  lines: Int32Array;
  /** The id as written of each unknown end (-1 in `ends`), by its index in `ends`. */
  unknown: Map<number, string>;
}

/**
 * SHA-256 over the contents of the dataset files, in the order of {@link DATASET_FILES}; a missing
 * file (null) hashes as `(missing)`.
 */
export function hashDatasetFiles(contents: readonly (Buffer | null)[]): string {
  const h = createHash('sha256');
  Object.values(DATASET_FILES).forEach((name, i) => {
    h.update(`${name}\0`);
    h.update(contents[i] ?? '(missing)');
    h.update('\0');
  });
  return h.digest('hex');
}

const fieldPath = (p: readonly PropertyKey[]): string => (p.length ? p.map(String).join('.') : '(record)');

function zodIssues(err: z.ZodError, file: string, line: number, prefix = ''): DataIssue[] {
  return err.issues.map((i) => ({
    file,
    line,
    field: prefix + fieldPath(i.path),
    problem: i.message,
  }));
}

/**
 * A fast check of a link record (citations.jsonl, related.jsonl has millions of lines at scale):
 * returns the value the zod schema would return when the record is certainly valid, else null, and
 * the schema then runs to report the problems.
 */
function fastLink(kind: 'cites' | 'similar'): (json: unknown) => LinkRecord | null {
  const text = (v: unknown): string | null => {
    if (typeof v !== 'string') return null;
    const t = v.trim();
    return t.length > 0 ? t : null;
  };
  return (json) => {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    const o = json as Record<string, unknown>;
    let keys = 0;
    for (const k in o) {
      if (k !== 'from' && k !== 'to' && k !== 'kind' && k !== 'sources') return null;
      keys += 1;
    }
    if (keys !== 4 || o.kind !== kind || !Array.isArray(o.sources) || o.sources.length === 0) return null;
    const from = text(o.from);
    const to = text(o.to);
    if (from === null || to === null) return null;
    const sources: string[] = [];
    for (const s of o.sources as unknown[]) {
      const t = text(s);
      if (t === null) return null;
      sources.push(t);
    }
    return { from, to, kind, sources };
  };
}

/**
 * Calls `onLine` for every line of a UTF-8 file with the text holding it and the line's bounds in
 * that text (lines are split on "\n"). The file is decoded in chunks: it may exceed V8's string
 * limit, and no string is made per line.
 */
function forEachLine(buffer: Buffer, onLine: (text: string, start: number, end: number) => void): void {
  const CHUNK = 32 * 1024 * 1024;
  let start = 0;
  let carry = '';
  while (start < buffer.length) {
    let end = Math.min(buffer.length, start + CHUNK);
    if (end < buffer.length) {
      const nl = buffer.indexOf(10, end);
      end = nl === -1 ? buffer.length : nl + 1;
    }
    const text = carry + buffer.toString('utf8', start, end);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(text, from, nl);
      from = nl + 1;
    }
    carry = text.slice(from);
    start = end;
  }
  onLine(carry, 0, carry.length);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LONE_SURROGATE_PROBLEM =
  'holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which is not valid Unicode text';

/** The field path of the first key or string in `value` that `bad` matches, or null. */
function badStringField(
  value: unknown,
  bad: (s: string) => boolean,
  at: readonly string[] = [],
): string | null {
  if (typeof value === 'string') return bad(value) ? fieldPath(at) : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    if (bad(k)) return fieldPath([...at, k]);
    const inner = badStringField(v, bad, [...at, k]);
    if (inner !== null) return inner;
  }
  return null;
}

/** Most invalid UTF-8 lines reported per file (a binary file would have millions). */
const MAX_ENCODING_ISSUES = 20;

/**
 * The lines of a file that are not valid UTF-8 (`buffer` failed {@link isUtf8}), each with the
 * field it is in when the line can be read as JSON or as a YAML `key:` line.
 */
function encodingIssues(file: string, buffer: Buffer): DataIssue[] {
  const issues: DataIssue[] = [];
  let bad = 0;
  let line = 0;
  for (let start = 0; start <= buffer.length;) {
    let end = buffer.indexOf(10, start);
    if (end === -1) end = buffer.length;
    line += 1;
    const bytes = buffer.subarray(start, end);
    start = end + 1;
    if (isUtf8(bytes)) continue;
    bad += 1;
    if (issues.length >= MAX_ENCODING_ISSUES) continue;
    // Decoded with U+FFFD for each bad sequence, the line shows where the bad bytes are.
    const text = bytes.toString('utf8');
    let field: string | null;
    try {
      field = badStringField(JSON.parse(text), (x) => x.includes('\uFFFD'));
    } catch {
      field = /^\s*-?\s*([A-Za-z_][\w-]*)\s*:/.exec(text)?.[1] ?? null;
    }
    const column = text.indexOf('\uFFFD') + 1;
    issues.push({
      file,
      line,
      field: field ?? '(text)',
      problem: `is not valid UTF-8 (from column ${column}); save the file as UTF-8`,
    });
  }
  if (bad > MAX_ENCODING_ISSUES) {
    issues.push({
      file,
      line,
      field: '(text)',
      problem: `${bad - MAX_ENCODING_ISSUES} more lines are not valid UTF-8`,
    });
  }
  return issues;
}

/**
 * The contents of a regular file in one read of its whole size (readFile reads 512 KiB at a time,
 * ~0.1 s more for the 460 MB of citations at 4.5M links); anything else, or a file whose size
 * changed, through readFile.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file);
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > 0) {
      const buffer = Buffer.allocUnsafe(stat.size);
      let at = 0;
      while (at < stat.size) {
        const { bytesRead } = await handle.read(buffer, at, stat.size - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      const extra = Buffer.alloc(1);
      if (at === stat.size && (await handle.read(extra, 0, 1, at)).bytesRead === 0) return buffer;
    }
  } finally {
    await handle.close();
  }
  return readFile(file);
}

/** Reads a file, or says why it cannot be read. */
async function readInput(file: string): Promise<Buffer | DataIssue> {
  try {
    return await readWhole(file);
  } catch (e: unknown) {
    return { file, line: 0, field: '(file)', problem: `cannot be read: ${(e as Error).message}` };
  }
}

const WORK_TYPE_SET: ReadonlySet<unknown> = new Set(WORK_TYPES);
const WORK_REQUIRED = [
  'id',
  'doi',
  'pmid',
  'pmcid',
  'title',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'authors',
  'type',
  'keywords',
  'sources',
] as const;
const WORK_OPTIONAL = [
  'abstract',
  'abstractSource',
  'openalex',
  'orcids',
  'mesh',
  'openalexReferenceCount',
  'openalexCitedByCount',
] as const;
const WORK_KEYS: ReadonlySet<string> = new Set([...WORK_REQUIRED, ...WORK_OPTIONAL]);
/** The schema's field order (its output's key order): WorkRecordSchema's shape. */
const WORK_SHAPE = Object.keys(WorkRecordSchema.shape);

/**
 * A fast check of a work record (works.jsonl has 100k lines at scale; zod took ~0.9 s of their
 * 1.4 s): returns what WorkRecordSchema would return when the record is certainly valid, else null,
 * and the schema then runs to report the problems, so refusals and their messages are the schema's.
 * Mirrors every rule of the schema (src/model/records.ts); a test holds the two equal.
 */
export function fastWork(json: unknown): WorkRecord | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  for (const k in o) if (!WORK_KEYS.has(k)) return null;
  for (const k of WORK_REQUIRED) if (!(k in o)) return null;
  const text = (v: unknown): string | null | undefined =>
    v === null || typeof v === 'string' ? v : undefined;
  const nonEmpty = (v: unknown): string | null => {
    if (typeof v !== 'string') return null;
    const t = v.trim();
    return t.length > 0 ? t : null;
  };
  const list = (v: unknown, min: number): string[] | null => {
    if (!Array.isArray(v) || v.length < min) return null;
    const out: string[] = [];
    for (const x of v as unknown[]) {
      const t = nonEmpty(x);
      if (t === null) return null;
      out.push(t);
    }
    return out;
  };
  const count = (v: unknown, min: number, max: number): boolean =>
    v === null || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
  const matches = (v: unknown, re: RegExp): boolean => v === null || (typeof v === 'string' && re.test(v));

  const { id, doi, pmid, pmcid, year, type } = o;
  if (typeof id !== 'string' || !WORK_ID.test(id)) return null;
  if (!matches(doi, /^10\.\S+$/) || (doi !== null && doi !== (doi as string).toLowerCase())) return null;
  if (!matches(pmid, /^\d+$/) || !matches(pmcid, /^PMC\d+$/)) return null;
  if (!count(year, 1800, 2100) || (type !== null && !WORK_TYPE_SET.has(type))) return null;
  for (const k of ['title', 'journal', 'volume', 'issue', 'pages'] as const) {
    if (text(o[k]) === undefined) return null;
  }
  const authors = list(o.authors, 0);
  const keywords = list(o.keywords, 0);
  const sources = list(o.sources, 1);
  if (authors === null || keywords === null || sources === null) return null;
  const out: Record<string, unknown> = {};
  for (const k of WORK_SHAPE) {
    if (!(k in o)) continue;
    const v = o[k];
    switch (k) {
      case 'authors':
        out[k] = authors;
        break;
      case 'keywords':
        out[k] = keywords;
        break;
      case 'sources':
        out[k] = sources;
        break;
      case 'abstract':
      case 'abstractSource':
        if (text(v) === undefined) return null;
        out[k] = v;
        break;
      case 'openalex':
        if (!matches(v, OPENALEX_WORK_ID)) return null;
        out[k] = v;
        break;
      case 'openalexReferenceCount':
      case 'openalexCitedByCount':
        if (!count(v, 0, Number.MAX_SAFE_INTEGER)) return null;
        out[k] = v;
        break;
      case 'orcids': {
        if (!Array.isArray(v)) return null;
        for (const x of v as unknown[]) if (!matches(x, ORCID)) return null;
        out[k] = [...(v as unknown[])];
        break;
      }
      case 'mesh': {
        if (!Array.isArray(v)) return null;
        const headings: unknown[] = [];
        for (const m of v as unknown[]) {
          if (typeof m !== 'object' || m === null || Array.isArray(m)) return null;
          const h = m as Record<string, unknown>;
          let keys = 0;
          for (const hk in h) {
            if (hk !== 'id' && hk !== 'name' && hk !== 'isMajor') return null;
            keys += 1;
          }
          const name = nonEmpty(h.name);
          if (keys !== 3 || typeof h.id !== 'string' || !/^D\d+$/.test(h.id)) return null;
          if (name === null || typeof h.isMajor !== 'boolean') return null;
          headings.push({ id: h.id, name, isMajor: h.isMajor });
        }
        out[k] = headings;
        break;
      }
      default:
        out[k] = v;
    }
  }
  // The schema's cross-field rules (its superRefine).
  if (id.startsWith('openalex:') && out.openalex !== id.slice(9)) return null;
  if (out.orcids !== undefined && (out.orcids as unknown[]).length !== authors.length) return null;
  if (id.startsWith('doi:') && doi !== id.slice(4)) return null;
  if (id.startsWith('pmid:') && pmid !== id.slice(5)) return null;
  return out as WorkRecord;
}

/** Validates one JSON line with `schema` (or `fast` first); returns the value or records the issues. */
function parseJsonLine<T>(
  raw: string,
  file: string,
  line: number,
  schema: z.ZodType<T>,
  issues: DataIssue[],
  fast?: (json: unknown) => T | null,
): T | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e: unknown) {
    issues.push({ file, line, field: '(json)', problem: `not valid JSON: ${(e as Error).message}` });
    return null;
  }
  // Valid UTF-8 has no surrogates; only a \u escape can make one (checked for lines that have one).
  if (raw.includes('\\u')) {
    const field = badStringField(json, (s) => LONE_SURROGATE.test(s));
    if (field !== null) {
      issues.push({ file, line, field, problem: LONE_SURROGATE_PROBLEM });
      return null;
    }
  }
  const quick = fast?.(json) ?? null;
  if (quick !== null) return quick;
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  issues.push(...zodIssues(parsed.error, file, line));
  return null;
}

/** Reads a JSON-lines file, validating each non-blank line with `schema`. */
function readJsonl<T>(
  file: string,
  buffer: Buffer,
  schema: z.ZodType<T>,
  issues: DataIssue[],
  fast?: (json: unknown) => T | null,
): Located<T>[] {
  const out: Located<T>[] = [];
  let line = 0;
  forEachLine(buffer, (text, start, end) => {
    line += 1;
    const raw = text.slice(start, end);
    if (raw.trim() === '') return;
    const value = parseJsonLine(raw, file, line, schema, issues, fast);
    if (value !== null) out.push({ value, file, line });
  });
  return out;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The 32-bit FNV-1a hash of `bytes` between `start` and `end`. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h;
}

/**
 * The work ids, found from their UTF-8 bytes inside a file's buffer without decoding a string
 * (decoding the lines, then hashing and comparing strings per link end, cost ~4 s at 4.5M links):
 * an open-addressing table of id numbers by {@link hashBytes}, in one typed array, over the bytes
 * of the ids laid end to end.
 */
class IdIndex {
  /**
   * Three numbers per slot: id number + 1 (0: empty slot), where its bytes start in `bytes`, how
   * many there are (one read finds all three); slots are a power of two at least twice the ids.
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The UTF-8 bytes of every id, one after the other. */
  private readonly bytes: Buffer;
  /** Id numbers by id (for the records that took the slow path), made on first use. */
  private byId: Map<string, number> | null = null;

  constructor(readonly ids: readonly string[]) {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.slots = new Int32Array(3 * size);
    this.mask = size - 1;
    let total = 0;
    for (const id of ids) total += Buffer.byteLength(id);
    this.bytes = Buffer.allocUnsafe(total);
    let at = 0;
    ids.forEach((id, i) => {
      const length = this.bytes.write(id, at);
      let slot = hashBytes(this.bytes, at, at + length) & this.mask;
      while (this.slots[3 * slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[3 * slot] = i + 1;
      this.slots[3 * slot + 1] = at;
      this.slots[3 * slot + 2] = length;
      at += length;
    });
  }

  /** The number (index in `ids`) of the first id equal to `id`, or -1. */
  find(id: string): number {
    if (this.byId === null) {
      this.byId = new Map();
      for (let i = this.ids.length - 1; i >= 0; i--) this.byId.set(this.ids[i]!, i);
    }
    return this.byId.get(id) ?? -1;
  }

  /**
   * The number of the first id whose UTF-8 bytes are `bytes` between `start` and `end`, whose
   * {@link hashBytes} is `hash`; -1 when none is.
   */
  findBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const n = this.slots[3 * slot]!;
      if (n === 0) return -1;
      if (this.slots[3 * slot + 2] !== length) continue;
      const at = this.slots[3 * slot + 1]!;
      let i = 0;
      while (i < length && bytes[start + i] === this.bytes[at + i]) i++;
      if (i === length) return n - 1;
    }
  }
}

/** Shares equal strings and equal `sources` lists between the link records of a dataset. */
export interface LinkInterner {
  /** The work ids: a link's ends become the work's own id string. */
  readonly ids: IdIndex;
  /** Source list numbers (index in `lists`) by their JSON text. */
  readonly sources: Map<string, number>;
  /** The distinct source lists; each list is frozen, since many records hold it. */
  readonly lists: string[][];
  /**
   * The list read last and a copy of its bytes in the file (consecutive lines mostly have the
   * same sources: the same bytes are the same list, with no need to read them again).
   */
  last: { bytes: Uint8Array; list: number } | null;
}

/** A new {@link LinkInterner} over the work ids `ids`. */
export function linkInterner(ids: readonly string[] = []): LinkInterner {
  return { ids: new IdIndex(ids), sources: new Map(), lists: [], last: null };
}

/**
 * The number of the shared list for the JSON text `json` of a source list, made by `list` when
 * new. Lists are keyed by their JSON.stringify text: `json` may be spaced differently.
 */
function internSources(interner: LinkInterner, json: string, list: () => string[]): number {
  const known = interner.sources.get(json);
  if (known !== undefined) return known;
  const fresh = list();
  const key = JSON.stringify(fresh);
  let shared = interner.sources.get(key);
  if (shared === undefined) {
    shared = interner.lists.length;
    interner.lists.push(Object.freeze(fresh) as string[]);
    interner.sources.set(key, shared);
  }
  return shared;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/**
 * The end (index of the closing quote) of a JSON string starting at `p` in UTF-8 `bytes`, before
 * `end`, whose value needs no unescaping and no trimming: no backslash or control character, and
 * printable ASCII other than white space at either end; -1 for any other string. (Every byte of
 * a character outside ASCII is ≥ 0x80, so none is taken for a quote, a backslash or a control
 * character.) The {@link hashBytes} of the string's bytes goes to `out.hash`.
 */
function plainStringEnd(bytes: Uint8Array, p: number, end: number, out: { hash: number }): number {
  if (p >= end) return -1;
  const first = bytes[p]!;
  if (first <= SPACE || first >= 0x7f || first === QUOTE || first === BACKSLASH) return -1;
  let h = Math.imul(FNV_BASIS ^ first, FNV_PRIME);
  for (let i = p + 1; i < end; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const last = bytes[i - 1]!;
      out.hash = h;
      return last > SPACE && last < 0x7f ? i : -1;
    }
    if (c < SPACE || c === BACKSLASH) return -1;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return -1;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const FROM = ascii('{"from":');
const TO = ascii('"to":');
const KIND = ascii('"kind":');
const CITES = ascii('"cites",');
const SIMILAR = ascii('"similar",');
const SOURCES = ascii('"sources":');

/**
 * `p` moved past the bytes `literal`, and past one space after a closing `:` or `,` (the spacing
 * of the bundled files); -1 when `literal` is not at `p` before `end` (or `p` is -1).
 */
function skip(bytes: Uint8Array, p: number, end: number, literal: Uint8Array): number {
  if (p < 0 || p + literal.length > end) return -1;
  for (let i = 0; i < literal.length; i++) if (bytes[p + i] !== literal[i]) return -1;
  const next = p + literal.length;
  const last = literal[literal.length - 1];
  return (last === COLON || last === COMMA) && next < end && bytes[next] === SPACE ? next + 1 : next;
}

/** `p` moved past the byte `c` at `p` before `end`, and past one space after a `,`; else -1. */
function skipByte(bytes: Uint8Array, p: number, end: number, c: number): number {
  if (p < 0 || p >= end || bytes[p] !== c) return -1;
  return c === COMMA && p + 1 < end && bytes[p + 1] === SPACE ? p + 2 : p + 1;
}

/** Where {@link scanLinkLine} puts the numbers of the works a link joins (-1: not a known work). */
export interface LinkEnds {
  from: number;
  to: number;
}

/** What {@link scanLink} read: work numbers, where the ids are in the bytes, the source list. */
interface ScannedLink extends LinkEnds {
  fromStart: number;
  fromEnd: number;
  toStart: number;
  toEnd: number;
  /** Number of the interned source list. */
  list: number;
  /** The hash of the string read last (see {@link plainStringEnd}), and of `from`. */
  hash: number;
  fromHash: number;
}

/**
 * Reads a link line in the form the dataset writers produce,
 * `{"from":"…","to":"…","kind":"<kind>","sources":["…",…]}` (with or without one space after each
 * `:` and `,`) with plain strings (see `plainStringEnd`) and nothing else, from the UTF-8 `bytes`
 * between `start` and `end`. Returns exactly what JSON.parse and the zod schema would return, or
 * null for any other line (which then takes that path, with its error messages). Ends and source
 * lists are shared through `interner`; the numbers of the works joined go to `ends`.
 */
export function scanLinkLine(
  bytes: Buffer,
  start: number,
  end: number,
  kind: LinkRecord['kind'],
  interner: LinkInterner,
  ends: LinkEnds = { from: -1, to: -1 },
): LinkRecord | null {
  const out = scanned();
  if (scanLink(bytes, start, end, kind, interner, out) !== end) return null;
  ends.from = out.from;
  ends.to = out.to;
  const ids = interner.ids.ids;
  const from = out.from >= 0 ? ids[out.from]! : bytes.toString('utf8', out.fromStart, out.fromEnd);
  const to = out.to >= 0 ? ids[out.to]! : bytes.toString('utf8', out.toStart, out.toEnd);
  return { from, to, kind, sources: interner.lists[out.list]! };
}

const scanned = (): ScannedLink => ({
  from: -1,
  to: -1,
  fromStart: 0,
  fromEnd: 0,
  toStart: 0,
  toEnd: 0,
  list: -1,
  hash: 0,
  fromHash: 0,
});

/**
 * {@link scanLinkLine} without making a record, on the bytes from `start` (a line's start) up to
 * `end` at most: when the line from `start` (up to the next "\n" or `end`) is canonical, the
 * index of its end, with what it holds in `out`; else -1.
 */
function scanLink(
  bytes: Buffer,
  start: number,
  end: number,
  kind: LinkRecord['kind'],
  interner: LinkInterner,
  out: ScannedLink,
): number {
  const fromStart = skipByte(bytes, skip(bytes, start, end, FROM), end, QUOTE);
  const fromEnd = fromStart < 0 ? -1 : plainStringEnd(bytes, fromStart, end, out);
  const fromHash = out.hash;
  const toStart = skipByte(bytes, skip(bytes, skipByte(bytes, fromEnd + 1, end, COMMA), end, TO), end, QUOTE);
  if (fromEnd < 0 || toStart < 0) return -1;
  const toEnd = plainStringEnd(bytes, toStart, end, out);
  const toHash = out.hash;
  if (toEnd < 0) return -1;
  let p = skip(bytes, skipByte(bytes, toEnd + 1, end, COMMA), end, KIND);
  p = skip(bytes, skip(bytes, p, end, kind === 'cites' ? CITES : SIMILAR), end, SOURCES);
  if (p < 0 || p >= end || bytes[p] !== 0x5b /* [ */) return -1;
  const listStart = p;
  const last = interner.last;
  const isLast = last !== null && p + last.bytes.length <= end && sameBytes(bytes, p, last.bytes);
  if (isLast) {
    // The same text as the list before, read (and found canonical) then.
    p += last.bytes.length;
  } else {
    p += 1;
    for (;;) {
      if (p >= end || bytes[p] !== QUOTE) return -1;
      const e = plainStringEnd(bytes, p + 1, end, out);
      if (e < 0) return -1;
      p = e + 1;
      const c = p < end ? bytes[p] : -1;
      if (c === COMMA) p = p + 1 < end && bytes[p + 1] === SPACE ? p + 2 : p + 1;
      else if (c === 0x5d /* ] */) break;
      else return -1;
    }
    p += 1;
  }
  const listEnd = p;
  if (p >= end || bytes[p] !== 0x7d /* } */) return -1;
  const lineEnd = p + 1;
  if (lineEnd < end && bytes[lineEnd] !== NEWLINE) return -1;
  // The line is canonical: nothing is interned for a line the slow path reads.
  if (isLast) out.list = last.list;
  else {
    const json = bytes.toString('utf8', listStart, listEnd);
    out.list = internSources(interner, json, () => JSON.parse(json) as string[]);
    interner.last = { bytes: Uint8Array.prototype.slice.call(bytes, listStart, listEnd), list: out.list };
  }
  const ids = interner.ids;
  // A work's references are mostly written together: the citing work is often the one before
  // (`out` holds the previous line's ends), which saves a lookup.
  if (out.from < 0 || fromHash !== out.fromHash || !sameId(bytes, fromStart, fromEnd, out))
    out.from = ids.findBytes(bytes, fromStart, fromEnd, fromHash);
  out.to = ids.findBytes(bytes, toStart, toEnd, toHash);
  out.fromHash = fromHash;
  out.fromStart = fromStart;
  out.fromEnd = fromEnd;
  out.toStart = toStart;
  out.toEnd = toEnd;
  return lineEnd;
}

/** True when `bytes` hold between `start` and `end` what they held as the previous line's `from`. */
function sameId(bytes: Uint8Array, start: number, end: number, previous: ScannedLink): boolean {
  const at = previous.fromStart;
  if (previous.fromEnd - at !== end - start) return false;
  for (let i = 0; i < end - start; i++) if (bytes[start + i] !== bytes[at + i]) return false;
  return true;
}

/** True when `bytes` from `at` begin with `prefix` (which fits before their end). */
function sameBytes(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** A growing Int32Array. */
class IntColumn {
  private data: Int32Array;
  length = 0;
  /** `capacity`: how many values are expected (a column of millions grown by doubling copies them). */
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  /** The values pushed; a column three quarters full or more keeps its array, unused tail and all. */
  done(): Int32Array {
    const { data, length } = this;
    return length >= 0.75 * data.length ? data.subarray(0, length) : data.slice(0, length);
  }
}

/** About how many lines `buffer` holds, judged from its first 64 KiB (for the size of columns). */
function lineEstimate(buffer: Buffer): number {
  const sample = Math.min(buffer.length, 1 << 16);
  let lines = 1;
  for (let nl = buffer.indexOf(NEWLINE); nl !== -1 && nl < sample; nl = buffer.indexOf(NEWLINE, nl + 1))
    lines++;
  return Math.ceil(((lines * buffer.length) / Math.max(1, sample)) * 1.05);
}

/**
 * Reads citations.jsonl or related.jsonl (millions of lines at scale) into columns: canonical
 * lines through {@link scanLink} on the file's bytes, any other line decoded and read through
 * JSON.parse, a quick check and the zod schema. Lines are split on "\n", as
 * {@link forEachLine} splits them. No string and no object is made per canonical line.
 */
function readLinks(
  file: string,
  buffer: Buffer,
  kind: LinkRecord['kind'],
  interner: LinkInterner,
  issues: DataIssue[],
): LinkColumns {
  const schema = (kind === 'cites' ? CitationRecordSchema : RelatedRecordSchema) as z.ZodType<LinkRecord>;
  const fast = fastLink(kind);
  const expected = lineEstimate(buffer);
  const ends = new IntColumn(2 * expected);
  const sources = new IntColumn(expected);
  const lines = new IntColumn(expected);
  const unknown = new Map<number, string>();
  const found = scanned();
  const size = buffer.length;
  let line = 0;
  for (let start = 0; ;) {
    line += 1;
    let end = scanLink(buffer, start, size, kind, interner, found);
    if (end >= 0) {
      if (found.from < 0) unknown.set(ends.length, buffer.toString('utf8', found.fromStart, found.fromEnd));
      ends.push(found.from);
      if (found.to < 0) unknown.set(ends.length, buffer.toString('utf8', found.toStart, found.toEnd));
      ends.push(found.to);
      sources.push(found.list);
      lines.push(line);
    } else {
      end = buffer.indexOf(NEWLINE, start);
      if (end === -1) end = size;
      const raw = buffer.toString('utf8', start, end);
      const value = raw.trim() === '' ? null : parseJsonLine(raw, file, line, schema, issues, fast);
      if (value !== null) {
        sources.push(internSources(interner, JSON.stringify(value.sources), () => value.sources));
        for (const id of [value.from, value.to]) {
          const n = interner.ids.find(id);
          if (n < 0) unknown.set(ends.length, id);
          ends.push(n);
        }
        lines.push(line);
      }
    }
    if (end === size) break;
    start = end + 1;
  }
  return { file, kind, ends: ends.done(), sources: sources.done(), lines: lines.done(), unknown };
}

/** The records of links read into columns (for the checks that report, and for callers that want records). */
function linkRecords(
  cols: LinkColumns,
  ids: readonly string[],
  lists: readonly (readonly string[])[],
): Located<LinkRecord>[] {
  const { file, kind, ends, sources, lines, unknown } = cols;
  const out: Located<LinkRecord>[] = new Array<Located<LinkRecord>>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const a = ends[2 * i]!;
    const b = ends[2 * i + 1]!;
    const from = a >= 0 ? ids[a]! : unknown.get(2 * i)!;
    const to = b >= 0 ? ids[b]! : unknown.get(2 * i + 1)!;
    out[i] = { value: { from, to, kind, sources: lists[sources[i]!] as string[] }, file, line: lines[i]! };
  }
  return out;
}

/** The path of a YAML node, as the schema's messages name fields: `concepts[3].synonyms[1]`. */
function yamlPath(node: unknown, ancestors: readonly unknown[]): string {
  let out = '';
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent)) {
      const key = isScalar(parent.key) ? String(parent.key.value) : '?';
      if (child !== parent.key) out += out === '' ? key : `.${key}`;
    } else if (isSeq(parent)) out += `[${parent.items.indexOf(child)}]`;
  }
  return out || '(record)';
}

interface ConceptFileContent {
  concepts: Located<ConceptRecord>[];
  relations: Located<ConceptRelation>[];
  unverifiedCount: number;
}

/** Reads graph/concepts.yaml (`buffer`, null when it could not be read), keeping the line of every entry. */
function readConcepts(file: string, buffer: Buffer | null, issues: DataIssue[]): ConceptFileContent {
  const empty: ConceptFileContent = { concepts: [], relations: [], unverifiedCount: 0 };
  if (!buffer) return empty;
  const text = buffer.toString('utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lines.linePos(node.range[0]).line : 1;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = lines.linePos(err.pos[0]).line;
      issues.push({ file, line, field: '(yaml)', problem: err.message.split('\n')[0] ?? err.message });
    }
    return empty;
  }
  const before = issues.length;
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !LONE_SURROGATE.test(node.value)) return;
      issues.push({
        file,
        line: lineOf(node),
        field: yamlPath(node, ancestors),
        problem: LONE_SURROGATE_PROBLEM,
      });
    },
  });
  if (issues.length > before) return empty;
  const top = ConceptFileSchema.safeParse(doc.toJS());
  if (!top.success) {
    issues.push(...zodIssues(top.error, file, 1));
    return empty;
  }
  const items = (key: string): { node: YamlNode | null; js: unknown }[] => {
    const seq = doc.get(key, true);
    if (!isSeq(seq)) return [];
    return seq.items.map((n) => {
      const node = isMap(n) ? n : null;
      return { node, js: (n as { toJSON?: () => unknown }).toJSON?.() ?? n };
    });
  };
  const parseSection = <T>(key: string, schema: z.ZodType<T>): Located<T>[] => {
    const out: Located<T>[] = [];
    items(key).forEach(({ node, js }, i) => {
      const line = lineOf(node);
      const parsed = schema.safeParse(js);
      if (!parsed.success) {
        // Point at the line of the offending field when the YAML node for it is known.
        for (const zi of parsed.error.issues) {
          let fieldLine = line;
          if (node && isMap(node) && zi.path.length > 0) {
            const child = node.getIn(zi.path as unknown[], true) as YamlNode | undefined;
            const parentPath = zi.path.slice(0, 1) as unknown[];
            fieldLine = child?.range ? lineOf(child) : lineOf(node.getIn(parentPath, true) as YamlNode);
          }
          issues.push({
            file,
            line: fieldLine,
            field: `${key}[${i}].${fieldPath(zi.path)}`,
            problem: zi.message,
          });
        }
        return;
      }
      const fieldLines: Record<string, number> = {};
      if (node && isMap(node)) {
        for (const pair of node.items) {
          const key = (pair.key as { value?: unknown } | null)?.value;
          if (typeof key === 'string') fieldLines[key] = lineOf((pair.value ?? pair.key) as YamlNode);
        }
      }
      out.push({ value: parsed.data, file, line, fieldLines });
    });
    return out;
  };
  const concepts = parseSection('concepts', ConceptRecordSchema);
  const relations = parseSection('relations', ConceptRelationSchema);
  const unverified = parseSection('toVerify', UnverifiedRelationSchema);
  return { concepts, relations, unverifiedCount: unverified.length };
}

/**
 * True when no link has an unknown end, links a work to itself, or repeats an earlier link of its
 * kind. Linear: the links of each kind are grouped by citing work (a counting sort into typed
 * arrays), and a work's targets are checked against a stamp per work. A Set of millions of string
 * keys took 13 s at 4.5M links, and sorting numeric keys of the pairs 1.5 s.
 */
function linksAreClean(ends: Dataset['ends'], workCount: number): boolean {
  const n = workCount;
  const offsets = new Int32Array(n + 1);
  const stamp = new Int32Array(n);
  for (const pairs of [ends.citations, ends.related]) {
    const m = pairs.length / 2;
    offsets.fill(0);
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i]!;
      const b = pairs[i + 1]!;
      if (a < 0 || b < 0 || a === b) return false;
      offsets[a + 1]! += 1;
    }
    for (let a = 0; a < n; a++) offsets[a + 1]! += offsets[a]!;
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(m);
    for (let i = 0; i < pairs.length; i += 2) targets[fill[pairs[i]!]!++] = pairs[i + 1]!;
    // stamp[b] = a + 1 when work a already links to b (0 before any).
    stamp.fill(0);
    for (let a = 0; a < n; a++) {
      for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
        const b = targets[k]!;
        if (stamp[b] === a + 1) return false;
        stamp[b] = a + 1;
      }
    }
  }
  return true;
}

/** Reports every link with an unknown end, to itself, or repeating an earlier link, in file order. */
function checkLinks(
  ds: Pick<Dataset, 'citations' | 'related'>,
  workIds: ReadonlyMap<string, unknown>,
  issues: DataIssue[],
): void {
  const seenLinks = new Set<string>();
  for (const link of [...ds.citations, ...ds.related]) {
    for (const end of ['from', 'to'] as const) {
      if (!workIds.has(link.value[end])) {
        issues.push({
          file: link.file,
          line: link.line,
          field: end,
          problem: `unknown work ${link.value[end]} (not in works.jsonl)`,
        });
      }
    }
    if (link.value.from === link.value.to) {
      issues.push({ file: link.file, line: link.line, field: 'to', problem: 'a work cannot link to itself' });
    }
    const key = `${link.value.kind} ${link.value.from} ${link.value.to}`;
    if (seenLinks.has(key))
      issues.push({
        file: link.file,
        line: link.line,
        field: '(record)',
        problem: `duplicate ${link.value.kind} edge`,
      });
    seenLinks.add(key);
  }
}

/** Checks ids, references and evidence across files. */
function crossCheck(ds: Dataset, issues: DataIssue[]): void {
  const workIds = new Map<string, Located<WorkRecord>>();
  const byDoi = new Map<string, string>();
  const byPmid = new Map<string, string>();
  for (const w of ds.works) {
    const prev = workIds.get(w.value.id);
    if (prev) {
      issues.push({
        file: w.file,
        line: w.line,
        field: 'id',
        problem: `duplicate id ${w.value.id} (first at line ${prev.line})`,
      });
      continue;
    }
    workIds.set(w.value.id, w);
    for (const [key, map, name] of [
      [w.value.doi, byDoi, 'doi'],
      [w.value.pmid, byPmid, 'pmid'],
    ] as const) {
      if (!key) continue;
      const other = map.get(key);
      if (other)
        issues.push({
          file: w.file,
          line: w.line,
          field: name,
          problem: `${name} ${key} is already used by ${other}`,
        });
      else map.set(key, w.value.id);
    }
  }
  if (!linksAreClean(ds.ends, ds.works.length)) checkLinks(ds, workIds, issues);
  const conceptIds = new Map<string, Located<ConceptRecord>>();
  for (const c of ds.concepts) {
    const prev = conceptIds.get(c.value.id);
    if (prev)
      issues.push({
        file: c.file,
        line: c.fieldLines?.id ?? c.line,
        field: 'id',
        problem: `duplicate concept id ${c.value.id} (first at line ${prev.line})`,
      });
    else conceptIds.set(c.value.id, c);
  }
  for (const c of ds.concepts) {
    for (const p of c.value.parents) {
      if (!conceptIds.has(p))
        issues.push({
          file: c.file,
          line: c.fieldLines?.parents ?? c.line,
          field: 'parents',
          problem: `unknown concept ${p}`,
        });
      if (p === c.value.id)
        issues.push({
          file: c.file,
          line: c.line,
          field: 'parents',
          problem: 'a concept cannot be its own parent',
        });
    }
  }
  const seenRel = new Set<string>();
  for (const r of ds.relations) {
    for (const end of ['from', 'to'] as const) {
      if (!conceptIds.has(r.value[end]))
        issues.push({
          file: r.file,
          line: r.fieldLines?.[end] ?? r.line,
          field: end,
          problem: `unknown concept ${r.value[end]}`,
        });
    }
    for (const ev of r.value.evidence) {
      if (!workIds.has(ev))
        issues.push({
          file: r.file,
          line: r.fieldLines?.evidence ?? r.line,
          field: 'evidence',
          problem: `unknown work ${ev} (not in works.jsonl)`,
        });
    }
    const key = `${r.value.type} ${r.value.from} ${r.value.to}`;
    if (seenRel.has(key))
      issues.push({ file: r.file, line: r.line, field: '(record)', problem: `duplicate relation ${key}` });
    seenRel.add(key);
  }
}

/**
 * Reads and validates a dataset folder; `clock`, when given, gets a lap per phase.
 * @throws ValidationError listing every problem found, the first one in its message.
 */
export async function readDataset(dir: string, clock?: PhaseClock): Promise<Dataset> {
  const issues: DataIssue[] = [];
  const files = Object.values(DATASET_FILES).map((name) => path.join(dir, name));
  const reads = await Promise.all(files.map(readInput));
  clock?.lap('read files');
  // Files are checked in order; one that cannot be read is reported when its turn comes.
  const input = (i: number): [string, Buffer | null] => {
    const r = reads[i]!;
    if (!Buffer.isBuffer(r)) {
      issues.push(r);
      return [files[i]!, null];
    }
    // Decoding would turn bad bytes into U+FFFD silently: a file that is not UTF-8 is refused.
    if (!isUtf8(r)) {
      issues.push(...encodingIssues(files[i]!, r));
      return [files[i]!, null];
    }
    return [files[i]!, r];
  };
  const [worksFile, worksData] = input(0);
  const works = worksData ? readJsonl(worksFile, worksData, WorkRecordSchema, issues, fastWork) : [];
  const interner = linkInterner(works.map((w) => w.value.id));
  clock?.lap('parse + validate works');
  const [citationsFile, citationsData] = input(1);
  const none = (file: string, kind: LinkRecord['kind']): LinkColumns => ({
    file,
    kind,
    ends: new Int32Array(0),
    sources: new Int32Array(0),
    lines: new Int32Array(0),
    unknown: new Map(),
  });
  const citations = citationsData
    ? readLinks(citationsFile, citationsData, 'cites', interner, issues)
    : none(citationsFile, 'cites');
  const [relatedFile, relatedData] = input(2);
  const related = relatedData
    ? readLinks(relatedFile, relatedData, 'similar', interner, issues)
    : none(relatedFile, 'similar');
  clock?.lap('parse + validate citations');
  const { concepts, relations, unverifiedCount } = readConcepts(...input(3), issues);
  clock?.lap('parse + validate concepts');
  const ds = datasetOf(dir, works, interner, citations, related, concepts, relations, unverifiedCount);
  if (issues.length === 0) crossCheck(ds, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  ds.hash = hashDatasetFiles(reads.map((r) => (Buffer.isBuffer(r) ? r : null)));
  clock?.lap('cross-check + hash');
  return ds;
}

/** The dataset object, whose `citations` and `related` records are made from the columns on first use. */
function datasetOf(
  dir: string,
  works: Located<WorkRecord>[],
  interner: LinkInterner,
  citations: LinkColumns,
  related: LinkColumns,
  concepts: Located<ConceptRecord>[],
  relations: Located<ConceptRelation>[],
  unverifiedCount: number,
): Dataset {
  const made: { citations?: Located<LinkRecord>[]; related?: Located<LinkRecord>[] } = {};
  const records = (cols: LinkColumns): Located<LinkRecord>[] =>
    linkRecords(cols, interner.ids.ids, interner.lists);
  return {
    dir,
    works,
    get citations() {
      return (made.citations ??= records(citations));
    },
    set citations(v: Located<LinkRecord>[]) {
      made.citations = v;
    },
    get related() {
      return (made.related ??= records(related));
    },
    set related(v: Located<LinkRecord>[]) {
      made.related = v;
    },
    concepts,
    relations,
    unverifiedCount,
    hash: '',
    ends: { citations: citations.ends, related: related.ends },
    links: { citations, related, sourceLists: interner.lists },
  };
}
