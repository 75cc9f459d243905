/**
 * The plan check on the real embedded engine (CROSSTALK_ENGINE, Kuzu by default): the store's
 * `explain` reads the engine's own plan, and `checkPlan` refuses what reads outside the graph even
 * when the token check is bypassed (queries handed to the store directly). Then `guardUserQuery`,
 * the whole chain the query workers run. Data: the tiny fixture (test/fixtures/tiny).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest';
import { QueryError } from '../../src/model/errors';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { engineFromEnv } from '../../src/store/embedded/engine';
import { checkPlan, parseKuzuPlan } from '../../src/store/plan-guard';
import { guardUserQuery } from '../../src/store/query-guard';
import { TINY, tempDir } from '../support/temp';

let store: EmbeddedStore;
let files: string;

beforeAll(async () => {
  const dir = path.join(await tempDir('crosstalk-plan-'), 'graph');
  const loader = new EmbeddedStore(dir, { engine: engineFromEnv() });
  await ingest(TINY, loader);
  await loader.close();
  store = new EmbeddedStore(dir, { engine: engineFromEnv() });
  files = await tempDir('crosstalk-plan-files-');
  writeFileSync(path.join(files, 'rows.csv'), 'a,b\n1,2\n');
  writeFileSync(path.join(files, 'rows.json'), '[{"a": 1}]\n');
});
afterAll(async () => {
  await store?.close();
});

/** The plan check's verdict on a query handed to the store directly (no token check). */
async function planVerdict(cypher: string, params: Record<string, unknown> = {}): Promise<string> {
  try {
    checkPlan(await store.explain(cypher, params));
    return 'ok';
  } catch (e: unknown) {
    if (!(e instanceof QueryError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('the embedded plan', () => {
  it('names the operators of a read', async () => {
    const plan = await store.explain('MATCH (w:Work) WHERE w.year > 2000 RETURN w.id ORDER BY w.id LIMIT 3');
    expect(plan.backend).toBe('embedded');
    expect(plan.operators).toEqual(expect.arrayContaining(['SCAN_NODE_TABLE', 'FILTER', 'RESULT_COLLECTOR']));
    expect(plan.calls).toEqual([]);
  });

  it('is read from whole box lines: text in an expression adds entries, never hides one', () => {
    const text = [
      '┌──────────────────────────────┐ ┌──────────────────────────────┐',
      '│     RESULT_COLLECTOR[1]      │ │    TABLE_FUNCTION_CALL[0]    │',
      '│   Expressions: Function: X   │ │   Function: READ_CSV_SERIAL  │',
      '└──────────────────────────────┘ └──────────────────────────────┘',
    ].join('\n');
    expect(parseKuzuPlan(text)).toEqual({
      operators: ['RESULT_COLLECTOR', 'TABLE_FUNCTION_CALL'],
      calls: ['READ_CSV_SERIAL'],
    });
  });

  it.each([
    ['a node scan', 'MATCH (w:Work) RETURN count(w) AS n'],
    [
      'a variable-length path (READ_FTABLE inside)',
      'MATCH p = (a:Work)-[:CITES*1..2]->(b) RETURN count(p) AS n',
    ],
    ['a subquery', 'MATCH (w:Work) WHERE EXISTS { MATCH (w)-[:CITES]->() } RETURN count(w) AS n'],
    ['show_tables', 'CALL show_tables() RETURN name'],
    ['table_info', "CALL table_info('Work') RETURN *"],
    ['UNWIND of a parameter', 'UNWIND $ids AS i RETURN i'],
    ['a leading EXPLAIN', 'EXPLAIN MATCH (w:Work) RETURN w.id'],
  ])('lets through %s', async (_name, q) => {
    // Kuzu rejects a parameter the query does not use, so only the query that uses $ids gets it.
    expect(await planVerdict(q, q.includes('$ids') ? { ids: ['a'] } : {})).toBe('ok');
  });

  it.each([
    ['LOAD FROM a CSV file', "LOAD FROM '{files}/rows.csv' (header=true) RETURN *", /READ_CSV/],
    ['LOAD FROM a JSON file', "LOAD FROM '{files}/rows.json' RETURN *", /JSON_SCAN/],
    [
      'the glued form of issue 13',
      "UNWIND [1] AS x WITH x LIMIT 1LOAD FROM '{files}/rows.csv' (header=true) RETURN *",
      /READ_CSV/,
    ],
    ['current_setting', "CALL current_setting('home_directory') RETURN *", /CURRENT_SETTING/],
    [
      'current_setting, glued',
      "UNWIND [1] AS x WITH x LIMIT 1CALL current_setting('home_directory') RETURN *",
      /CURRENT_SETTING/,
    ],
    ['storage_info', "CALL storage_info('Work') RETURN *", /STORAGE_INFO/],
    ['show_functions', 'CALL show_functions() RETURN *', /SHOW_FUNCTIONS/],
    ['COPY … TO a file', "COPY (MATCH (w:Work) RETURN w.id) TO '{files}/out.csv'", /COPY_TO/],
    ['a setting', 'CALL threads=1', /STANDALONE_CALL/],
  ])('refuses %s (token check bypassed)', async (_name, q, why) => {
    const verdict = await planVerdict(q.replaceAll('{files}', files));
    expect(verdict).toMatch(/^REFUSED: Refused: /);
    expect(verdict).toMatch(why);
    expect(existsSync(path.join(files, 'out.csv'))).toBe(false);
  });

  it('leaves writes to the read-only engine, which rejects them at EXPLAIN', async () => {
    await expect(store.explain("CREATE (:Concept {id: 'concept:x'})")).rejects.toMatchObject({
      code: 'READ_ONLY',
    });
  });
});

describe('guardUserQuery on the embedded store', () => {
  it('lets a read through', async () => {
    await expect(
      guardUserQuery(store, 'MATCH (w:Work) WHERE w.id IN $ids RETURN w.id', { ids: ['x'] }),
    ).resolves.toBeUndefined();
  });

  it('refuses with the token check first, so the engine never binds the statement', async () => {
    // Kuzu's binder creates the target folder of EXPORT DATABASE even at EXPLAIN on a read-only
    // database: the token check must refuse before any plan is asked for.
    const target = path.join(files, 'export');
    await expect(guardUserQuery(store, `EXPORT DATABASE '${target}'`, {})).rejects.toMatchObject({
      code: 'REFUSED',
    });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses bad parameters before the engine sees them', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i++) deep = { a: deep };
    await expect(guardUserQuery(store, 'RETURN $p AS p', { p: deep })).rejects.toMatchObject({
      code: 'BAD_PARAMS',
    });
  });

  it('passes the engine’s own error through for a query it cannot plan', async () => {
    await expect(guardUserQuery(store, 'MATCH (n:NoSuchLabel) RETURN n', {})).rejects.toMatchObject({
      code: 'QUERY',
    });
  });
});
