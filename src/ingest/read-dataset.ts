/**
 * Reads and validates the dataset folder (graph/ by default) as a whole. Nothing is returned
 * unless every file, every record and every cross-reference is valid: one bad record stops the
 * load, reported as `file:line: field: problem`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { type DataIssue, ValidationError } from '../model/errors';
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

/** Yields the lines of a UTF-8 file, decoding it in chunks (a file may exceed V8's string limit). */
function* linesOf(buffer: Buffer): Generator<string> {
  const CHUNK = 32 * 1024 * 1024;
  let start = 0;
  let carry = '';
  while (start < buffer.length) {
    let end = Math.min(buffer.length, start + CHUNK);
    if (end < buffer.length) {
      const nl = buffer.indexOf(10, end);
      end = nl === -1 ? buffer.length : nl + 1;
    }
    const lines = (carry + buffer.toString('utf8', start, end)).split('\n');
    carry = lines.pop() ?? '';
    yield* lines;
    start = end;
  }
  yield carry;
}

/** Reads a JSON-lines file, validating each non-blank line with `schema` (or `fast` first). */
async function readJsonl<T>(
  dir: string,
  name: string,
  schema: z.ZodType<T>,
  issues: DataIssue[],
  fast?: (json: unknown) => T | null,
): Promise<Located<T>[]> {
  const file = path.join(dir, name);
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (e: unknown) {
    issues.push({ file, line: 0, field: '(file)', problem: `cannot be read: ${(e as Error).message}` });
    return [];
  }
  const out: Located<T>[] = [];
  let line = 0;
  for (const raw of linesOf(buffer)) {
    line += 1;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e: unknown) {
      issues.push({ file, line, field: '(json)', problem: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    const quick = fast?.(json) ?? null;
    if (quick !== null) {
      out.push({ value: quick, file, line });
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) out.push({ value: parsed.data, file, line });
    else issues.push(...zodIssues(parsed.error, file, line));
  }
  return out;
}

interface ConceptFileContent {
  concepts: Located<ConceptRecord>[];
  relations: Located<ConceptRelation>[];
  unverifiedCount: number;
}

/** Reads graph/concepts.yaml, keeping the line of every entry for error messages. */
async function readConcepts(dir: string, issues: DataIssue[]): Promise<ConceptFileContent> {
  const file = path.join(dir, DATASET_FILES.concepts);
  const empty: ConceptFileContent = { concepts: [], relations: [], unverifiedCount: 0 };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e: unknown) {
    issues.push({ file, line: 0, field: '(file)', problem: `cannot be read: ${(e as Error).message}` });
    return empty;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = lines.linePos(err.pos[0]).line;
      issues.push({ file, line, field: '(yaml)', problem: err.message.split('\n')[0] ?? err.message });
    }
    return empty;
  }
  const top = ConceptFileSchema.safeParse(doc.toJS());
  if (!top.success) {
    issues.push(...zodIssues(top.error, file, 1));
    return empty;
  }
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lines.linePos(node.range[0]).line : 1;
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

/** Checks ids, references and evidence across files. */
function crossCheck(ds: Omit<Dataset, 'dir'>, issues: DataIssue[]): void {
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
 * Reads and validates a dataset folder.
 * @throws ValidationError listing every problem found, the first one in its message.
 */
export async function readDataset(dir: string): Promise<Dataset> {
  const issues: DataIssue[] = [];
  const works = await readJsonl(dir, DATASET_FILES.works, WorkRecordSchema, issues);
  const citations = await readJsonl(
    dir,
    DATASET_FILES.citations,
    CitationRecordSchema as z.ZodType<LinkRecord>,
    issues,
    fastLink('cites'),
  );
  const related = await readJsonl(
    dir,
    DATASET_FILES.related,
    RelatedRecordSchema as z.ZodType<LinkRecord>,
    issues,
    fastLink('similar'),
  );
  const { concepts, relations, unverifiedCount } = await readConcepts(dir, issues);
  const ds = { works, citations, related, concepts, relations, unverifiedCount };
  if (issues.length === 0) crossCheck(ds, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  return { dir, ...ds };
}
