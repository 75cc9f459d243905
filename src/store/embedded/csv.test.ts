import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeRecord, RelRecord } from '../../model/graph-schema';
import { FIELD_SEPARATOR, csvField, writeCsv } from './csv';
import { engineFromEnv, loadEngine, type EngineConnection } from './engine';

/** One engine per process (see ./engine.ts): CI runs this file once more with CROSSTALK_ENGINE=ladybug. */
const ENGINE = engineFromEnv();
import {
  copyNodes,
  copyRels,
  copySourceSets,
  createNodeTable,
  createRelTable,
  createSourceSetTable,
  nodeColumns,
  relColumns,
  sourceSetColumns,
} from './schema';
import { SourceSetInterner, storedRels } from '../source-sets';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function rows(conn: EngineConnection, cypher: string): Promise<Record<string, unknown>[]> {
  const r = await conn.query(cypher);
  const result = Array.isArray(r) ? r[0]! : r;
  const all = await result.getAll();
  result.close();
  return all;
}

/** Texts Kuzu's CSV reader and list parsing could change. */
const TRICKY = [
  'plain',
  'a, b',
  'say "hi"',
  '"quoted"',
  ' leading and trailing ',
  '\ttab',
  'line\nbreak',
  'carriage\r\nreturn',
  'back\\slash \\N',
  "it's [x] {y}",
  'NULL',
  'unicode: é ü ß 日本語 😀 \u00a0nbsp\u00a0',
  `record${FIELD_SEPARATOR}separator`,
  'semi;colon|pipe',
];

function work(id: string, over: Partial<NodeRecord<'Work'>> = {}): NodeRecord<'Work'> {
  return {
    id,
    doi: null,
    pmid: null,
    pmcid: null,
    title: null,
    year: null,
    journal: null,
    volume: null,
    issue: null,
    pages: null,
    type: null,
    authors: [],
    keywords: [],
    abstract: null,
    abstractSource: null,
    openalex: null,
    mesh: [],
    meshIds: [],
    sources: ['s'],
    isReview: false,
    citedByCount: 0,
    referenceCount: 0,
    openalexReferenceCount: null,
    openalexCitedByCount: null,
    x: null,
    y: null,
    community: null,
    ...over,
  };
}

describe('csvField', () => {
  it('quotes only what must be quoted', () => {
    expect(csvField('plain text', 'string')).toBe('plain text');
    // Empty text is an empty, unquoted field: NULL on both engines (a quoted "" differs by engine).
    expect(csvField('', 'string')).toBe('');
    expect(csvField(' x', 'string')).toBe('" x"');
    expect(csvField('a "b"', 'string')).toBe('"a ""b"""');
    expect(csvField('a\nb', 'string')).toBe('"a\nb"');
    expect(csvField(null, 'string')).toBe('');
    expect(csvField(['a', 'b'], 'string[]')).toBe('a\u001fb');
    expect(csvField([], 'string[]')).toBe('');
    expect(csvField([''], 'string[]')).toBe('');
  });
});

describe(`CSV files through a real COPY (${ENGINE})`, () => {
  it('round-trips strings and string lists exactly, in parallel when no field breaks a line', async () => {
    const { Database, Connection } = loadEngine(ENGINE);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-csv-'));
    dirs.push(dir);
    const works = [
      ...TRICKY.map((t, i) =>
        work(`ref:t#${i}`, {
          title: t,
          abstract: t,
          authors: [t, 'Kirk B'],
          keywords: [t],
          sources: [t, 'https://x.org/a?b=1,2'],
          x: -1.5,
          year: 2000 + i,
        }),
      ),
      work('ref:t#empty', { title: '', abstract: '', authors: [], keywords: [''] }),
      work('ref:t#nulls', { keywords: null as unknown as string[] }),
    ];
    // CITES stores a source-set code per row; its lists go once into the SourceSet table.
    const shared = [' c ', ...TRICKY];
    const cites: RelRecord<'CITES'>[] = [
      { from: 'ref:t#0', to: 'ref:t#1', sources: shared },
      { from: 'ref:t#1', to: 'ref:t#0', sources: [...shared] },
      { from: 'ref:t#2', to: 'ref:t#0', sources: [] },
    ];
    const db = new Database(path.join(dir, 'graph.kuzu'));
    const conn = new Connection(db);
    try {
      for (const q of [createNodeTable('Work'), createRelTable('CITES'), createSourceSetTable()])
        await rows(conn, q);
      const workFile = path.join(dir, 'Work.csv');
      const workLayout = await writeCsv(workFile, nodeColumns('Work'), works);
      expect(workLayout.hasLineBreaks).toBe(true);
      expect(copyNodes('Work', workFile, workLayout)).toContain('PARALLEL=false');
      await rows(conn, copyNodes('Work', workFile, workLayout));
      const interner = new SourceSetInterner();
      const citesFile = path.join(dir, 'CITES.csv');
      const citesLayout = await writeCsv(
        citesFile,
        relColumns('CITES'),
        storedRels('CITES', cites, interner),
      );
      expect(citesLayout.hasLineBreaks).toBe(false);
      expect(copyRels('CITES', citesFile, citesLayout)).toContain('PARALLEL=true');
      await rows(conn, copyRels('CITES', citesFile, citesLayout));
      // Equal lists share one code, whether or not they are the same array.
      expect(interner.records()).toEqual([
        { code: 0, sources: shared },
        { code: 1, sources: [] },
      ]);
      const setsFile = path.join(dir, 'SourceSet.csv');
      const setsLayout = await writeCsv(setsFile, sourceSetColumns(), interner.records());
      await rows(conn, copySourceSets(setsFile, setsLayout));
      expect((await readFile(citesFile, 'utf8')).includes('a, b')).toBe(false);
      expect((await readFile(setsFile, 'utf8')).split('a, b').length - 1).toBe(1);

      const got = await rows(
        conn,
        'MATCH (w:Work) RETURN w.id AS id, w.title AS title, w.abstract AS abstract, w.authors AS authors, w.keywords AS keywords, w.sources AS sources, w.x AS x, w.year AS year',
      );
      const byId = new Map(got.map((r) => [r.id as string, r]));
      for (const w of works) {
        const r = byId.get(w.id)!;
        expect(r, w.id).toEqual({
          id: w.id,
          // Both engines store an empty string as null and a list of one empty string as [].
          title: w.title === '' ? null : w.title,
          abstract: w.abstract === '' ? null : w.abstract,
          authors: w.authors,
          keywords: (w.keywords ?? []).join('') === '' ? [] : w.keywords,
          sources: w.sources,
          x: w.x,
          year: w.year,
        });
      }
      const citations = await rows(
        conn,
        'MATCH (a:Work)-[c:CITES]->(b:Work) MATCH (s:SourceSet) WHERE s.code = c.sourceSet RETURN a.id AS a, b.id AS b, s.sources AS s',
      );
      expect(citations.sort((p, q) => String(p.a).localeCompare(String(q.a)))).toEqual([
        { a: 'ref:t#0', b: 'ref:t#1', s: shared },
        { a: 'ref:t#1', b: 'ref:t#0', s: shared },
        { a: 'ref:t#2', b: 'ref:t#0', s: [] },
      ]);
    } finally {
      await conn.close();
      await db.close();
    }
  });
});
