/**
 * The hostile-query corpus for POST /api/cypher, run against every backend through the real HTTP
 * server (test/security/*.test.ts). Each case says what must happen:
 *
 * - `refused`: the query guard (src/store/query-guard.ts) answers 400 REFUSED before the engine runs;
 * - `bad-params`: the parameter check (validateParams in src/store/query-guard.ts) answers 400
 *   BAD_PARAMS before any engine sees the parameters;
 * - `rejected`: a 4xx from the guard or the engine (writes: the read-only engine, READ_ONLY/QUERY);
 * - `bounded`: a resource bomb, stopped by the time limit (504 QUERY_TIMEOUT), by the engine's memory
 *   limit (400 QUERY, "memory" in the message: Kuzu's buffer pool), by the query worker's memory cap
 *   (422 QUERY_MEMORY) or cut by the row cap (200, `truncated: true`), within a bounded wall time;
 * - `ok`: a legitimate read that must pass.
 *
 * `{tmp}` in a query is replaced by an empty temporary folder; every case checks that nothing was
 * written there. After the corpus the graph's counts (/api/stats) must be unchanged.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CypherResponse, StatsPayload } from '../../src/model/api';
import type { BackendName } from '../../src/store/graph-store';
import { tempDir } from '../support/temp';

/** What a hostile case must produce. */
export type Expectation = 'refused' | 'bad-params' | 'rejected' | 'bounded' | 'ok';

/** One case of the corpus. */
export interface HostileCase {
  name: string;
  query: string;
  params?: Record<string, unknown>;
  expect: Expectation;
  /** Files (relative to `{tmp}`) that must not exist afterwards. */
  files?: string[];
  /** Only on these backends (dialect-specific legitimate queries). */
  only?: BackendName;
  /** Extra check of a successful answer. */
  check?: (body: CypherResponse) => void;
}

const IRISIN = 'concept:irisin';

/** `{a: {a: … 1}}`, `depth` maps deep. */
function nestedMap(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** `[[… [1]]]`, `depth` lists deep. */
function nestedList(depth: number): unknown {
  let v: unknown = [1];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

/** `CASE WHEN … THEN <CASE …> ELSE 0 END`, `depth` deep (0 as the value: no WHEN holds). */
function nestedCase(depth: number): string {
  let e = '1';
  for (let i = 0; i < depth; i++) e = `CASE WHEN ${i + 2} = 1 THEN ${e} ELSE 0 END`;
  return e;
}

/** 1,359³ rows that each need a comparison: far beyond any time limit, on both engines. */
const BOMB =
  'MATCH (a:Author), (b:Author), (c:Author) WHERE a.name + b.name < c.name + a.name RETURN count(*) AS n';

/** The corpus. */
export const HOSTILE_CASES: HostileCase[] = [
  // Writes: the read-only engine rejects them.
  { name: 'CREATE a node', query: "CREATE (:Concept {id: 'concept:hostile'})", expect: 'rejected' },
  {
    name: 'CREATE a pattern',
    query: "CREATE (:Work {id: 'hostile:a'})-[:CITES]->(:Work {id: 'hostile:b'})",
    expect: 'rejected',
  },
  { name: 'MERGE', query: "MERGE (c:Concept {id: 'concept:hostile'}) RETURN c", expect: 'rejected' },
  {
    name: 'MERGE … ON MATCH SET',
    query: "MERGE (w:Work {id: 'doi:10.1038/s41574-025-01088-x'}) ON MATCH SET w.title = 'pwned'",
    expect: 'rejected',
  },
  { name: 'SET a property', query: "MATCH (w:Work) SET w.title = 'pwned'", expect: 'rejected' },
  { name: 'SET a label', query: 'MATCH (w:Work) SET w:Hostile', expect: 'rejected' },
  { name: 'SET +=', query: "MATCH (w:Work) SET w += {title: 'pwned'}", expect: 'rejected' },
  { name: 'DELETE nodes', query: 'MATCH (w:Work) DELETE w', expect: 'rejected' },
  { name: 'DETACH DELETE', query: 'MATCH (w:Work) DETACH DELETE w', expect: 'rejected' },
  { name: 'DELETE relationships', query: 'MATCH ()-[r:CITES]->() DELETE r', expect: 'rejected' },
  { name: 'REMOVE a property', query: 'MATCH (w:Work) REMOVE w.title', expect: 'rejected' },
  { name: 'case trick cReAtE', query: "cReAtE (:Concept {id: 'concept:case'})", expect: 'rejected' },
  { name: 'comment trick /**/CREATE', query: "/**/CREATE (:Concept {id: 'concept:c'})", expect: 'rejected' },
  {
    name: 'UNWIND … CREATE',
    query: "UNWIND range(1, 10) AS i CREATE (:Concept {id: 'concept:' + toString(i)})",
    expect: 'rejected',
  },
  {
    name: 'CREATE a path',
    query: "CREATE p = (:Concept {id: 'concept:p'})-[:IS_A]->(:Concept {id: 'concept:q'}) RETURN p",
    expect: 'rejected',
  },
  { name: 'CREATE a self-citation', query: 'MATCH (w:Work) CREATE (w)-[:CITES]->(w)', expect: 'rejected' },
  {
    name: 'write inside CALL { }',
    query: 'MATCH (w:Work) CALL { WITH w DETACH DELETE w } RETURN 1 AS x',
    expect: 'rejected',
  },
  { name: 'FOREACH … SET', query: 'MATCH (w:Work) FOREACH (x IN [1] | SET w.year = 0)', expect: 'rejected' },
  // Schema (DDL) and administration: refused by the guard.
  { name: 'CREATE INDEX', query: 'CREATE INDEX hostile FOR (w:Work) ON (w.year)', expect: 'refused' },
  {
    name: 'CREATE CONSTRAINT',
    query: 'CREATE CONSTRAINT hostile FOR (w:Work) REQUIRE w.title IS UNIQUE',
    expect: 'refused',
  },
  {
    name: 'CREATE FULLTEXT INDEX',
    query: 'CREATE FULLTEXT INDEX hostile FOR (w:Work) ON EACH [w.title]',
    expect: 'refused',
  },
  { name: 'DROP INDEX', query: 'DROP INDEX crosstalk_search', expect: 'refused' },
  { name: 'DROP CONSTRAINT', query: 'DROP CONSTRAINT work_id IF EXISTS', expect: 'refused' },
  {
    name: 'CREATE NODE TABLE',
    query: 'CREATE NODE TABLE Hostile(id STRING, PRIMARY KEY(id))',
    expect: 'refused',
  },
  { name: 'CREATE REL TABLE', query: 'CREATE REL TABLE HOSTILE(FROM Work TO Work)', expect: 'refused' },
  { name: 'DROP TABLE', query: 'DROP TABLE Work', expect: 'refused' },
  { name: 'ALTER TABLE ADD', query: 'ALTER TABLE Work ADD hostile STRING', expect: 'refused' },
  { name: 'ALTER TABLE RENAME', query: 'ALTER TABLE Work RENAME TO Works', expect: 'refused' },
  { name: 'CREATE MACRO', query: 'CREATE MACRO hostile(x) AS x + 1', expect: 'refused' },
  { name: 'CREATE USER', query: "CREATE USER mallory SET PASSWORD 'secret-secret'", expect: 'refused' },
  {
    name: 'ALTER CURRENT USER',
    query: "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'bbbbbbbb'",
    expect: 'refused',
  },
  { name: 'CREATE DATABASE', query: 'CREATE DATABASE hostile', expect: 'refused' },
  { name: 'DROP DATABASE', query: 'DROP DATABASE neo4j', expect: 'refused' },
  { name: 'GRANT', query: 'GRANT ALL ON DATABASE * TO PUBLIC', expect: 'refused' },
  { name: 'START DATABASE', query: 'START DATABASE neo4j', expect: 'refused' },
  // Files, URLs, extensions, other databases.
  {
    name: 'LOAD CSV of /etc/passwd',
    query: "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    expect: 'refused',
  },
  {
    name: 'LOAD CSV of a URL',
    query: "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    expect: 'refused',
  },
  {
    name: 'USING PERIODIC COMMIT LOAD CSV',
    query: "USING PERIODIC COMMIT LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    expect: 'refused',
  },
  {
    name: 'LOAD CSV inside CALL { }',
    query: "MATCH (w:Work) CALL { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l",
    expect: 'refused',
  },
  {
    name: 'Kuzu LOAD FROM /etc/passwd',
    query: "LOAD FROM '/etc/passwd' (header=false) RETURN *",
    expect: 'refused',
  },
  {
    name: 'Kuzu LOAD WITH HEADERS',
    query: "LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *",
    expect: 'refused',
  },
  { name: 'COPY FROM a file', query: "COPY Work FROM '{tmp}/works.csv'", expect: 'refused' },
  {
    name: 'COPY TO a file',
    query: "COPY Work TO '{tmp}/works-out.csv'",
    expect: 'refused',
    files: ['works-out.csv'],
  },
  {
    name: 'COPY (query) TO a file',
    query: "COPY (MATCH (w:Work) RETURN w.id) TO '{tmp}/ids.csv'",
    expect: 'refused',
    files: ['ids.csv'],
  },
  { name: 'EXPORT DATABASE', query: "EXPORT DATABASE '{tmp}/export'", expect: 'refused', files: ['export'] },
  { name: 'IMPORT DATABASE', query: "IMPORT DATABASE '{tmp}/export'", expect: 'refused' },
  { name: 'INSTALL an extension', query: 'INSTALL httpfs', expect: 'refused' },
  { name: 'LOAD EXTENSION by name', query: 'LOAD EXTENSION httpfs', expect: 'refused' },
  { name: 'LOAD EXTENSION from a path', query: "LOAD EXTENSION '{tmp}/libhostile.so'", expect: 'refused' },
  { name: 'UNINSTALL an extension', query: 'UNINSTALL json', expect: 'refused' },
  {
    name: 'ATTACH a database',
    query: "ATTACH '{tmp}/other.kuzu' AS other (dbtype kuzu)",
    expect: 'refused',
    files: ['other.kuzu'],
  },
  { name: 'DETACH a database', query: 'DETACH other', expect: 'refused' },
  { name: 'USE system', query: 'USE system MATCH (n) RETURN n', expect: 'refused' },
  { name: 'USE system SHOW USERS', query: 'USE system SHOW USERS', expect: 'refused' },
  { name: 'SHOW USERS', query: 'SHOW USERS', expect: 'refused' },
  { name: 'SHOW SETTINGS', query: 'SHOW SETTINGS YIELD *', expect: 'refused' },
  {
    name: 'TERMINATE TRANSACTIONS',
    query: "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    expect: 'refused',
  },
  { name: 'BEGIN TRANSACTION', query: 'BEGIN TRANSACTION', expect: 'refused' },
  { name: 'CHECKPOINT', query: 'CHECKPOINT', expect: 'refused' },
  // Procedures and settings.
  { name: 'CALL dbms.shutdown', query: 'CALL dbms.shutdown()', expect: 'refused' },
  { name: 'CALL dbms.components', query: 'CALL dbms.components() YIELD name RETURN name', expect: 'refused' },
  {
    name: 'CALL dbms.security.createUser',
    query: "CALL dbms.security.createUser('m', 'pppppppp', false)",
    expect: 'refused',
  },
  {
    name: 'CALL dbms.setConfigValue',
    query: "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    expect: 'refused',
  },
  { name: 'backticked `dbms`.`shutdown`', query: 'CALL `dbms`.`shutdown`()', expect: 'refused' },
  { name: 'spaced CALL dbms . shutdown', query: 'CALL dbms /* x */ . shutdown ()', expect: 'refused' },
  { name: 'APOC load.json', query: "CALL apoc.load.json('file:///etc/passwd')", expect: 'refused' },
  { name: 'APOC runWrite', query: "CALL apoc.cypher.runWrite('CREATE (:X)', {})", expect: 'refused' },
  { name: 'APOC function', query: 'RETURN apoc.version() AS v', expect: 'refused' },
  { name: 'CALL db.createLabel', query: "CALL db.createLabel('Hostile')", expect: 'refused' },
  { name: 'CALL db.clearQueryCaches', query: 'CALL db.clearQueryCaches()', expect: 'refused' },
  { name: 'Kuzu CALL threads=1', query: 'CALL threads=1', expect: 'refused' },
  { name: 'Kuzu CALL timeout=…', query: 'CALL timeout=99999999', expect: 'refused' },
  {
    name: 'Kuzu CALL project_graph',
    query: "CALL project_graph('g', ['Work'], ['CITES'])",
    expect: 'refused',
  },
  // Unicode, comments and case.
  {
    name: '\\u0043REATE INDEX (escaped keyword)',
    query: '\\u0043REATE INDEX hostile FOR (w:Work) ON (w.year)',
    expect: 'refused',
  },
  {
    name: '\\u004cOAD CSV (escaped keyword)',
    query: "\\u004cOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    expect: 'refused',
  },
  { name: 'LoAd/**/CsV', query: "LoAd/**/CsV FROM 'file:///etc/passwd' AS l RETURN l", expect: 'refused' },
  { name: 'unterminated comment', query: 'MATCH (n) RETURN n /* DROP TABLE Work', expect: 'refused' },
  // Multiple statements.
  {
    name: 'two statements',
    query: 'MATCH (w:Work) RETURN count(w); MATCH (w:Work) DETACH DELETE w',
    expect: 'refused',
  },
  { name: 'statement after a comment', query: 'RETURN 1 /* ; */ ; DROP TABLE Work', expect: 'refused' },
  {
    name: 'statement after a string with ;',
    query: "RETURN ';' AS s; CALL dbms.shutdown()",
    expect: 'refused',
  },
  // Parameters.
  {
    name: 'a query passed as a parameter stays a string',
    query: 'RETURN $q AS q',
    params: { q: 'MATCH (w:Work) DETACH DELETE w' },
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ q: 'MATCH (w:Work) DETACH DELETE w' }]),
  },
  {
    name: 'a write in a parameter used as a property value',
    query: 'MATCH (w:Work) WHERE w.title = $t RETURN count(w) AS n',
    params: { t: "x' }) DETACH DELETE w //" },
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ n: 0 }]),
  },
  {
    name: 'a huge parameter',
    query: 'RETURN size($p) AS n',
    params: { p: 'x'.repeat(150_000) },
    expect: 'bad-params',
  },
  {
    name: 'a huge list parameter',
    query: 'RETURN size($p) AS n',
    params: { p: Array.from({ length: 40_000 }, (_, i) => i) },
    expect: 'bad-params',
  },
  // Parameter bombs (issue 13): a nested map parameter 400 deep froze the server for 11 s, 1,000
  // deep for good. Refused before any engine converts them.
  {
    name: 'a map parameter 400 deep',
    query: 'RETURN $p AS p',
    params: { p: nestedMap(400) },
    expect: 'bad-params',
  },
  {
    name: 'a map parameter 1,000 deep',
    query: 'RETURN $p AS p',
    params: { p: nestedMap(1_000) },
    expect: 'bad-params',
  },
  {
    name: 'a list parameter 850 deep',
    query: 'RETURN size($p) AS n',
    params: { p: nestedList(850) },
    expect: 'bad-params',
  },
  {
    name: 'a parameter of 20,000 small values',
    query: 'RETURN size($p) AS n',
    params: { p: Array.from({ length: 200 }, () => Array.from({ length: 100 }, () => 0)) },
    expect: 'bad-params',
  },
  {
    name: 'a parameter with a lone surrogate',
    query: 'RETURN $p AS p',
    params: { p: 'a\ud800b' },
    expect: 'bad-params',
  },
  {
    name: 'a parameter name that is not a name',
    query: 'RETURN 1 AS x',
    params: { 'a b': 1 },
    expect: 'bad-params',
  },
  {
    name: 'a parameter 8 deep still runs',
    query: 'RETURN $p.a.a.a.a.a.a.a.a AS v',
    params: { p: nestedMap(8) },
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ v: 1 }]),
  },
  {
    name: 'a parameter as a label',
    query: 'MATCH (n:$l) RETURN n',
    params: { l: 'Work' },
    expect: 'rejected',
  },
  // Glued numbers and parameters (issue 13): Kuzu reads `1LOAD` as `1` then `LOAD`, which the old
  // lexer read as one number; Neo4j answers a syntax error. Refused by the guard on both.
  {
    name: 'LIMIT 1LOAD FROM a CSV file',
    query: "UNWIND [1] AS x WITH x LIMIT 1LOAD FROM '/etc/passwd' (file_format='csv', header=false) RETURN *",
    expect: 'refused',
  },
  {
    name: 'LIMIT 1LOAD FROM a JSON file',
    query: "UNWIND [1] AS x WITH x LIMIT 1LOAD FROM '{tmp}/x.json' RETURN *",
    expect: 'refused',
  },
  {
    name: 'LIMIT 1CALL current_setting',
    query: "UNWIND [1] AS x WITH x LIMIT 1CALL current_setting('home_directory') RETURN *",
    expect: 'refused',
  },
  {
    name: 'LIMIT $1LOAD FROM a file, with $1 given',
    query:
      "UNWIND [1] AS x WITH x LIMIT $1LOAD FROM '/etc/passwd' (file_format='csv', header=false) RETURN *",
    params: { '1': 1 },
    expect: 'refused',
  },
  {
    name: 'LIMIT 1LOAD CSV (Neo4j form)',
    query: "UNWIND [1] AS x WITH x LIMIT 1LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    expect: 'refused',
  },
  {
    name: 'LIMIT 1e0COPY … TO a file',
    query: "UNWIND [1] AS x WITH x LIMIT 1e0COPY (MATCH (w:Work) RETURN w.id) TO '{tmp}/ids.csv'",
    expect: 'refused',
    files: ['ids.csv'],
  },
  {
    name: 'LIMIT 1\\u004cOAD (escaped, glued)',
    query: "UNWIND [1] AS x WITH x LIMIT 1\\u004cOAD FROM '/etc/passwd' (file_format='csv') RETURN *",
    expect: 'refused',
  },
  // Parse bombs (issue 13): 20 nested CASE took Kuzu's parser 15 s; 3,000 nested maps and 400-deep
  // lists ran 35-45 s. Refused by the guard's structural limits before any parser runs.
  { name: '20 nested CASE', query: `RETURN ${nestedCase(20)} AS x`, expect: 'refused' },
  {
    name: '3,000 nested maps',
    query: `RETURN ${'{a:'.repeat(3_000)}1${'}'.repeat(3_000)} AS x`,
    expect: 'refused',
  },
  {
    name: 'a list literal 400 deep',
    query: `RETURN ${'['.repeat(400)}1${']'.repeat(400)} AS x`,
    expect: 'refused',
  },
  {
    name: 'a list literal 850 deep',
    query: `RETURN ${'['.repeat(850)}1${']'.repeat(850)} AS x`,
    expect: 'refused',
  },
  {
    name: 'a sum of 3,000 terms',
    query: `RETURN ${Array.from({ length: 3_000 }, () => '1').join('+')} AS x`,
    expect: 'refused',
  },
  {
    name: 'CASE 8 deep and a list 40 deep still run',
    query: `RETURN ${nestedCase(8)} AS x, size(${'['.repeat(40)}1${']'.repeat(40)}) AS n`,
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ x: 0, n: 1 }]),
  },
  // Resource bombs.
  {
    name: 'Author × Author × Author',
    query: 'MATCH (a:Author), (b:Author), (c:Author) RETURN a.id, b.id, c.id',
    expect: 'bounded',
  },
  {
    name: 'filtered Author × Author × Author count',
    query: BOMB,
    expect: 'bounded',
  },
  {
    name: 'unbounded variable-length paths',
    query: 'MATCH p = (a)-[*]-(b) RETURN count(p) AS n',
    expect: 'bounded',
  },
  { name: 'variable-length rows', query: 'MATCH (a:Work)-[*]-(b) RETURN a.id, b.id', expect: 'bounded' },
  {
    name: 'nested UNWIND with a filter',
    query:
      'UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y WHERE (x * y) % 7 = 3 RETURN count(*) AS n',
    expect: 'bounded',
  },
  // Legitimate reads that must pass.
  {
    name: 'a keyword inside a string',
    query: "RETURN 'CREATE' AS s",
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ s: 'CREATE' }]),
  },
  {
    name: 'hostile text inside a string',
    query: `RETURN "LOAD CSV FROM 'file:///etc/passwd'; CALL dbms.shutdown()" AS s`,
    expect: 'ok',
    check: (b) => expect(b.rows[0]?.s).toBe("LOAD CSV FROM 'file:///etc/passwd'; CALL dbms.shutdown()"),
  },
  {
    name: 'keywords in comments',
    query: '/* CREATE */ MATCH (w:Work) // DETACH DELETE w\nRETURN count(w) AS n',
    expect: 'ok',
    check: (b) => expect(b.rows[0]?.n).toBeGreaterThan(0),
  },
  {
    name: 'a variable and an alias named like keywords',
    query: 'MATCH (copy:Work {isReview: true}) RETURN copy.id AS load',
    expect: 'ok',
    check: (b) => expect(b.rows).toEqual([{ load: 'doi:10.1038/s41574-025-01088-x' }]),
  },
  {
    name: 'the review as a graph node',
    query: 'MATCH (w:Work {isReview: true}) RETURN w',
    expect: 'ok',
    check: (b) => expect(b.graph.nodes).toMatchObject([{ kind: 'work', isReview: true }]),
  },
  {
    name: 'works mentioning irisin as graph',
    query: 'MATCH (w:Work)-[m:MENTIONS]->(c:Concept {id: $c}) RETURN w, m, c',
    params: { c: IRISIN },
    expect: 'ok',
    check: (b) => {
      expect(b.graph.nodes.some((n) => n.id === IRISIN && n.kind === 'concept')).toBe(true);
      expect(b.graph.edges.length).toBe(b.summary.rowCount);
      expect(b.graph.edges.every((e) => e.kind === 'MENTIONS' && e.target === IRISIN)).toBe(true);
    },
  },
  {
    name: 'a big integer keeps its precision',
    query: 'RETURN 9007199254740993 AS big',
    expect: 'ok',
    // Kuzu's Node binding hands this INT64 over as a JS number (2^53 + 1 is lost before the store
    // sees it), so the check is Neo4j's.
    only: 'neo4j',
    check: (b) => expect(b.rows).toEqual([{ big: '9007199254740993' }]),
  },
  {
    name: 'Kuzu show_tables',
    query: 'CALL show_tables() RETURN name',
    expect: 'ok',
    only: 'embedded',
    check: (b) => expect(b.rows).toContainEqual({ name: 'Work' }),
  },
  {
    name: 'Neo4j db.labels',
    query: 'CALL db.labels() YIELD label RETURN label',
    expect: 'ok',
    only: 'neo4j',
    check: (b) => expect(b.rows).toContainEqual({ label: 'Work' }),
  },
  {
    name: 'Neo4j full-text search',
    query: "CALL db.index.fulltext.queryNodes('crosstalk_search', 'irisin') YIELD node RETURN node LIMIT 3",
    expect: 'ok',
    only: 'neo4j',
    check: (b) => expect(b.graph.nodes.length).toBeGreaterThan(0),
  },
];

/** A running server the corpus talks to. */
export interface CorpusServer {
  url: string;
  close: () => Promise<void>;
}

/** Time limit the corpus servers are started with, in milliseconds. */
export const CORPUS_TIMEOUT_MS = 2_000;

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const r = await fetch(new URL('api/cypher', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
    retryAfter: r.headers.get('retry-after'),
  };
}

const errorCode = (b: Record<string, unknown>): string =>
  (b.error as { code?: string } | undefined)?.code ?? '';

/**
 * Runs the corpus against the server `start` returns (started with queryTimeoutMs
 * {@link CORPUS_TIMEOUT_MS}), then checks the counts are unchanged and the server still answers.
 */
export function describeHostileCorpus(backend: BackendName, start: () => Promise<CorpusServer>): void {
  describe(`hostile queries over HTTP (${backend})`, () => {
    let server: CorpusServer;
    let tmp: string;
    let before: StatsPayload;

    beforeAll(async () => {
      server = await start();
      tmp = await tempDir('crosstalk-hostile-');
      before = (await (await fetch(new URL('api/stats', server.url))).json()) as StatsPayload;
      expect(before.counts.nodes.Work).toBeGreaterThan(0);
    });
    afterAll(async () => {
      await server?.close();
    });

    for (const c of HOSTILE_CASES.filter((x) => !x.only || x.only === backend)) {
      it(`${c.expect}: ${c.name}`, async () => {
        const query = c.query.replaceAll('{tmp}', tmp);
        const started = Date.now();
        const r = await post(server.url, c.params ? { query, params: c.params } : { query });
        const took = Date.now() - started;
        const detail = `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
        switch (c.expect) {
          case 'refused':
            expect(r.status, detail).toBe(400);
            expect(errorCode(r.body), detail).toBe('REFUSED');
            expect((r.body.error as { message: string }).message).toMatch(/^Refused: /);
            break;
          case 'bad-params':
            expect(r.status, detail).toBe(400);
            expect(errorCode(r.body), detail).toBe('BAD_PARAMS');
            expect((r.body.error as { message: string }).message).toMatch(/^Bad parameters: /);
            break;
          case 'rejected':
            expect(r.status, detail).toBe(400);
            expect(['REFUSED', 'READ_ONLY', 'QUERY'], detail).toContain(errorCode(r.body));
            break;
          case 'bounded': {
            const stopped = r.status === 504 && errorCode(r.body) === 'QUERY_TIMEOUT';
            const cut = r.status === 200 && (r.body as unknown as CypherResponse).summary.truncated;
            const outOfMemory =
              (r.status === 400 &&
                /memory/i.test((r.body.error as { message?: string } | undefined)?.message ?? '')) ||
              (r.status === 422 && errorCode(r.body) === 'QUERY_MEMORY');
            expect(stopped || cut || outOfMemory, detail).toBe(true);
            expect(took).toBeLessThan(CORPUS_TIMEOUT_MS + 8_000);
            break;
          }
          case 'ok':
            expect(r.status, detail).toBe(200);
            c.check?.(r.body as unknown as CypherResponse);
            break;
        }
        for (const f of c.files ?? []) expect(existsSync(path.join(tmp, f)), f).toBe(false);
        expect(readdirSync(tmp)).toEqual([]);
      });
    }

    it('queues queries beyond the workers, answers 429 with Retry-After past the wait, and stops every other in time', async () => {
      // Two workers, 2 s per bomb, a 5 s queue wait: the first ones are stopped (504), the last
      // one waits in the queue longer than 5 s and gets 429.
      const bomb = { query: BOMB };
      const answers = await Promise.all(Array.from({ length: 7 }, () => post(server.url, bomb)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 504).length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 429 || s === 504)).toBe(true);
      expect(Number(answers.find((a) => a.status === 429)?.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(answers.find((a) => a.status === 429)?.body).toMatchObject({
        error: { code: 'TOO_MANY_QUERIES' },
      });
    });

    it('rejects malformed requests: empty, too long, params not an object', async () => {
      for (const body of [
        {},
        { query: '' },
        { query: 'RETURN 1 '.padEnd(20_001, ' ') },
        { query: 'RETURN 1', params: [1] },
      ]) {
        const r = await post(server.url, body);
        expect(r.status).toBe(400);
        expect(errorCode(r.body)).toBe('BAD_REQUEST');
      }
      const big = await post(server.url, { query: 'RETURN 1', params: { p: 'x'.repeat(300_000) } });
      expect(big.status).toBe(413);
    });

    it('leaves the graph unchanged and keeps answering', async () => {
      const after = (await (await fetch(new URL('api/stats', server.url))).json()) as StatsPayload;
      expect(after.counts).toEqual(before.counts);
      expect(after.dataset).toEqual(before.dataset);
      const r = await post(server.url, { query: 'MATCH (w:Work) RETURN count(w) AS n' });
      expect(r.status).toBe(200);
      expect((r.body as unknown as CypherResponse).rows).toEqual([{ n: before.counts.nodes.Work }]);
      expect(readdirSync(tmp)).toEqual([]);
    });
  });
}
