/**
 * The GraphStore contract against a real Neo4j (which one: test/support/neo4j-setup.ts), then the
 * same queries on Neo4j and on the embedded store over the bundled dataset with identical answers,
 * connection failures, and the CLI with --store neo4j. Neo4j Community has a single user database,
 * so everything that uses it lives in this one file and runs in order.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareGraph, type PreparedGraph } from '../../src/ingest/ingest';
import { StoreError } from '../../src/model/errors';
import { NODE_LABELS, REL_TYPES } from '../../src/model/graph-schema';
import { isNodeValue } from '../../src/model/values';
import { GraphReader } from '../../src/server/read-models/graph-reader';
import { NodeDetails } from '../../src/server/read-models/node-details';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { GraphStore } from '../../src/store/graph-store';
import type { Neo4jConfig } from '../../src/store/neo4j/config';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { waitForNeo4j } from '../support/neo4j';
import { exampleQueries } from '../support/example-queries';
import { canonical, readmeQueries } from '../support/readme-queries';
import { BUNDLED, ROOT, TINY, tempDir } from '../support/temp';
import { describeGraphStoreContract } from './graph-store-contract';

const target = inject('neo4j');
const config: Neo4jConfig =
  target.kind === 'skip' ? { uri: 'bolt://127.0.0.1:1', user: '', password: '' } : target.config;

async function neo4jStore(overrides: Partial<Neo4jConfig> = {}): Promise<Neo4jStore> {
  await waitForNeo4j(target);
  return new Neo4jStore({ ...config, ...overrides });
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
    });
  });
}

/** Queries both dialects accept, over every kind of value: nodes, relationships, paths, scalars. */
const SAME_ANSWER: { name: string; cypher: string; params?: Record<string, unknown> }[] = [
  ...readmeQueries()
    // A LIMIT after ORDER BY with ties may keep different rows; graph-store-contract checks those.
    .filter((q) => !/\bLIMIT\b/.test(q.cypher))
    .map((q) => ({ name: `README: ${q.title}`, cypher: q.cypher })),
  ...exampleQueries().map((q) => ({ name: `example ${q.id}: ${q.title}`, cypher: q.cypher })),
  { name: 'every work node', cypher: 'MATCH (w:Work) RETURN w' },
  { name: 'every concept node', cypher: 'MATCH (c:Concept) RETURN c' },
  { name: 'every author node', cypher: 'MATCH (a:Author) RETURN a' },
  { name: 'every journal node', cypher: 'MATCH (j:Journal) RETURN j' },
  ...REL_TYPES.map((t) => ({
    name: `every ${t} relationship alone`,
    cypher: `MATCH ()-[r:${t}]->() RETURN r`,
  })),
  {
    name: 'two-step citation paths',
    cypher: 'MATCH p = (:Work)-[:CITES]->(:Work)-[:CITES]->(:Work) RETURN p',
  },
  { name: 'concept hierarchy paths', cypher: 'MATCH p = (:Concept)-[:IS_A]->(:Concept) RETURN p' },
  {
    name: 'nodes and relationships in one row',
    cypher:
      "MATCH (f:Concept)-[a:ACTS_ON]->(t:Concept {id: 'concept:bone'}) RETURN f, a, t.id AS target, a.evidence AS evidence",
  },
  { name: 'works by year', cypher: 'MATCH (w:Work) RETURN w.year AS year, count(*) AS n' },
  {
    name: 'mentions per concept',
    cypher: 'MATCH (w:Work)-[:MENTIONS]->(c:Concept) RETURN c.id AS concept, count(w) AS works',
  },
  {
    name: 'integer and list parameters',
    cypher: 'MATCH (w:Work) WHERE w.year >= $from AND w.id IN $ids RETURN w.id AS id, $n / 2 AS half',
    params: {
      from: 2015,
      n: 5,
      ids: ['doi:10.1038/s41574-025-01088-x', 'doi:10.1007/s11914-020-00599-y', 'doi:10.4235/agmr.22.0054'],
    },
  },
  {
    name: 'nulls',
    cypher: 'MATCH (w:Work) WHERE w.doi IS NULL RETURN w.id AS id, w.doi AS doi, w.year AS year',
  },
  {
    name: 'a map',
    cypher: "MATCH (c:Concept {id: 'concept:irisin'}) RETURN {name: c.name, n: c.mentionCount} AS m",
  },
  { name: 'a date', cypher: "RETURN date('2020-01-02') AS d" },
];

const describeNeo4j = target.kind === 'skip' ? describe.skip : describe;

describeNeo4j(`Neo4j (${target.kind === 'skip' ? target.reason : `${target.kind}, ${config.uri}`})`, () => {
  describeGraphStoreContract('neo4j', () => neo4jStore());

  describe('Neo4j and the embedded store give identical answers on the bundled dataset', () => {
    let prepared: PreparedGraph;
    let embedded: GraphStore;
    let neo4j: GraphStore;

    beforeAll(async () => {
      prepared = await prepareGraph(BUNDLED);
      embedded = new EmbeddedStore(path.join(await tempDir(), 'graph'));
      neo4j = await neo4jStore();
      const info = { dataDir: BUNDLED, dataHash: prepared.dataHash };
      const t0 = performance.now();
      await embedded.load(prepared.graph, info);
      const t1 = performance.now();
      await neo4j.load(prepared.graph, info);
      const t2 = performance.now();
      process.stdout.write(
        `Loading graph/ (${prepared.counts.nodes.Work} works) in this run: embedded ${((t1 - t0) / 1000).toFixed(2)} s, ` +
          `neo4j ${((t2 - t1) / 1000).toFixed(2)} s\n`,
      );
    });
    afterAll(async () => {
      await embedded.close();
      await neo4j.close();
    });

    for (const q of SAME_ANSWER) {
      it(`same answer: ${q.name}`, async () => {
        const options = { params: q.params, maxRows: 100_000 };
        const a = await embedded.query(q.cypher, options);
        const b = await neo4j.query(q.cypher, options);
        expect(a.rows.length).toBeGreaterThan(0);
        expect(b.columns).toEqual(a.columns);
        expect(canonical(b.rows)).toEqual(canonical(a.rows));
      });
    }

    it('gives the same node details on both stores, from memory and read by primary key, for every node', async () => {
      const details = async (store: GraphStore, recordsInMemory: boolean): Promise<NodeDetails> =>
        NodeDetails.build(store, await new GraphReader(store).loadNetwork(), { recordsInMemory });
      const [a, b, c] = [
        await details(embedded, true),
        await details(neo4j, true),
        await details(neo4j, false),
      ];
      let compared = 0;
      for (const label of NODE_LABELS) {
        for (const [i, node] of prepared.graph.nodes[label].entries()) {
          const id = String(node.id);
          const expected = JSON.stringify(await a.node(id));
          expect(JSON.stringify(await b.node(id)), id).toBe(expected);
          if (i % 4 === 0) expect(JSON.stringify(await c.node(id)), id).toBe(expected);
          // The panel's first pages and a later page: the same cut of the same order.
          if (i % 4 === 0) {
            expect(JSON.stringify(await b.node(id, 3)), id).toBe(JSON.stringify(await a.node(id, 3)));
            const list = label === 'Work' ? 'citedBy' : 'works';
            const page = { offset: 2, limit: 5 };
            expect(JSON.stringify(await c.list(id, list, page)), id).toBe(
              JSON.stringify(await a.list(id, list, page)),
            );
          }
          compared += 1;
        }
      }
      expect(compared).toBe(Object.values(prepared.counts.nodes).reduce((x, y) => x + y, 0));
    });

    it('fills properties Neo4j does not store (nulls) so nodes are identical objects', async () => {
      const q = 'MATCH (w:Work) WHERE w.pmid IS NULL AND w.year IS NULL RETURN w ORDER BY w.id LIMIT 1';
      const [a, b] = [await embedded.query(q), await neo4j.query(q)];
      const w = b.rows[0]?.w ?? null;
      expect(isNodeValue(w) && w.properties.pmid === null && w.properties.year === null).toBe(true);
      expect(JSON.stringify(b.rows)).toBe(JSON.stringify(a.rows));
    });
  });

  describe('Neo4j connection problems give one clear line', () => {
    it('says to check NEO4J_USER/NEO4J_PASSWORD for a wrong password', async () => {
      const store = await neo4jStore({ password: 'not-the-password' });
      const e = await failure(store.stats());
      await store.close();
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).message).toMatch(/rejected user ".*": check NEO4J_USER\/NEO4J_PASSWORD/);
      expect((e as StoreError).message).not.toContain('\n');
      expect((e as StoreError).retryable).toBe(false);
    });

    it('asks whether Neo4j is running when the connection is refused, after a bounded retry', async () => {
      const port = await closedPort();
      const store = new Neo4jStore({ ...config, uri: `bolt://127.0.0.1:${port}` }, { refusedRetryMs: 1_000 });
      const started = Date.now();
      const e = await failure(store.query('RETURN 1'));
      await store.close();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).message).toBe(
        `Cannot connect to Neo4j (connection refused): is Neo4j running at bolt://127.0.0.1:${port}? ` +
          'Start one with npm run neo4j:local, or set NEO4J_URI.',
      );
      expect((e as StoreError).retryable).toBe(true);
    });

    it('names the database when it does not exist', async () => {
      const store = await neo4jStore({ database: 'nosuchdb' });
      const e = await failure(store.stats());
      await store.close();
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).message).toMatch(/has no database "nosuchdb": check NEO4J_DATABASE/);
    });
  });

  describe('crosstalk CLI with --store neo4j', () => {
    const run = promisify(execFile);
    const env = {
      ...process.env,
      NEO4J_URI: config.uri,
      NEO4J_USER: config.user,
      NEO4J_PASSWORD: config.password,
      NEO4J_DATABASE: config.database ?? '',
    };
    async function crosstalk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      try {
        const { stdout, stderr } = await run(
          process.execPath,
          [path.join(ROOT, 'bin/crosstalk.js'), ...args],
          {
            cwd: ROOT,
            env,
          },
        );
        return { code: 0, stdout, stderr };
      } catch (e: unknown) {
        const x = e as { code?: number; stdout?: string; stderr?: string };
        return {
          code: typeof x.code === 'number' ? x.code : -1,
          stdout: x.stdout ?? '',
          stderr: x.stderr ?? '',
        };
      }
    }

    beforeAll(async () => {
      await waitForNeo4j(target);
    });

    it('ingests twice with identical counts, then answers a JSON query', async () => {
      const first = await crosstalk('ingest', '--store', 'neo4j', '--data', TINY);
      expect(first.stderr).toMatch(new RegExp(`into the neo4j store at ${config.uri.replace(/\./g, '\\.')}`));
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Work\s+│ 9/);
      const second = await crosstalk('ingest', '--store', 'neo4j', '--data', TINY);
      expect(second.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      const q = await crosstalk(
        'query',
        '--store',
        'neo4j',
        '--format',
        'json',
        'MATCH (w:Work) RETURN count(w) AS n',
      );
      expect(q).toMatchObject({ code: 0, stdout: '[{"n":9}]\n' });
      const stats = await crosstalk('stats', '--store', 'neo4j', '--format', 'json');
      expect(JSON.parse(stats.stdout)).toMatchObject({
        backend: 'neo4j',
        location: config.database ? `${config.uri} (database ${config.database})` : config.uri,
        counts: { nodes: { Work: 9 } },
        manifest: { backend: 'neo4j', dataDir: TINY },
      });
    });

    it('takes the connection from flags over the environment', async () => {
      const r = await crosstalk(
        'query',
        '--store',
        'neo4j',
        '--neo4j-password',
        'not-the-password',
        'RETURN 1 AS one',
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        `error: Neo4j at ${config.uri} rejected user "${config.user}": check NEO4J_USER/NEO4J_PASSWORD (or --neo4j-user/--neo4j-password).`,
      ]);
    });

    it('refuses a write with exit code 2 and Neo4j’s message', async () => {
      const r = await crosstalk('query', '--store', 'neo4j', "CREATE (:Concept {id: 'concept:x'})");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: Writing in read access mode not allowed/);
    });
  });
});
