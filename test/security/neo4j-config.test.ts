/**
 * Neo4j's own configuration as the last line behind the query guard: on the local Neo4j the test
 * suite starts (neo4j/neo4j.conf + neo4j/LocalNeo4j.java, the settings docker-compose.yml gives
 * users too), LOAD CSV reads no file and no URL and a memory-heavy transaction fails cleanly, even
 * when the guard is bypassed by calling the store directly. The guard and the plan check refuse the
 * same queries first. An external Neo4j (NEO4J_TEST_URI) has its owner's configuration, so the
 * configuration checks run only on the local one and say so otherwise.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { QueryError } from '../../src/model/errors';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { checkPlan } from '../../src/store/plan-guard';
import { guardUserQuery } from '../../src/store/query-guard';
import { waitForNeo4j } from '../support/neo4j';
import { ROOT } from '../support/temp';

const target = inject('neo4j');

/** The error a promise rejects with (a QueryError is expected). */
async function failure(p: Promise<unknown>): Promise<QueryError> {
  try {
    await p;
  } catch (e: unknown) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error('expected the query to fail');
}

describe('docker-compose.yml', () => {
  it('gives the users’ Neo4j the same LOAD CSV and memory settings as the local one', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: { neo4j: { environment: Record<string, string> } };
    };
    expect(compose.services.neo4j.environment).toMatchObject({
      NEO4J_dbms_security_allow__csv__import__from__file__urls: 'false',
      NEO4J_internal_dbms_cypher__ip__blocklist: '0.0.0.0/0,::/0',
      NEO4J_db_memory_transaction_max: '256m',
      NEO4J_db_memory_transaction_total_max: '512m',
      NEO4J_dbms_memory_transaction_total_max: '512m',
    });
  });
});

if (target.kind !== 'local') {
  const why =
    target.kind === 'skip'
      ? target.reason
      : 'an external Neo4j (NEO4J_TEST_URI) has its own configuration, not neo4j/neo4j.conf';
  console.warn(`SKIPPED: Neo4j configuration checks: ${why}`);
  describe.skip(`Neo4j configuration (skipped: ${why})`, () => undefined);
} else {
  describe('the local Neo4j’s configuration, guard bypassed', () => {
    let store: Neo4jStore;
    let http: Server;
    let httpUrl = '';
    let requests = 0;

    beforeAll(async () => {
      await waitForNeo4j(target);
      store = new Neo4jStore(target.config);
      http = createServer((_req, res) => {
        requests += 1;
        res.end('a,b\n1,2\n');
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const address = http.address();
      httpUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/rows.csv`;
    }, 320_000);
    afterAll(async () => {
      await store?.close();
      await new Promise((resolve) => http?.close(resolve));
    });

    it('refuses LOAD CSV of a file: the guard, the plan check, and Neo4j itself', async () => {
      const q = "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 1";
      expect(await failure(guardUserQuery(store, q, {}))).toMatchObject({ code: 'REFUSED' });
      expect(() =>
        checkPlan({ backend: 'neo4j', operators: ['ProduceResults', 'LoadCSV'], calls: [], text: '' }),
      ).toThrow(/LoadCSV/);
      const planned = await store.explain(q);
      expect(planned.operators).toContain('LoadCSV');
      const e = await failure(store.query(q));
      expect(e.code).toBe('QUERY');
      expect(e.message).toMatch(/allow_csv_import_from_file_urls/);
    });

    it.each([
      ['127.0.0.1', (url: string) => url],
      ['localhost', (url: string) => url.replace('127.0.0.1', 'localhost')],
      ['an IPv6 loopback', (url: string) => url.replace('127.0.0.1', '[::1]')],
    ])('refuses LOAD CSV of a URL (%s): the guard and Neo4j’s address blocklist', async (_n, url) => {
      const q = `LOAD CSV FROM '${url(httpUrl)}' AS l RETURN l`;
      expect(await failure(guardUserQuery(store, q, {}))).toMatchObject({ code: 'REFUSED' });
      const e = await failure(store.query(q));
      expect(e.message).toMatch(/cypher_ip_blocklist|Couldn't load/);
      expect(requests).toBe(0);
    });

    it('answers the glued forms of issue 13 with a syntax error (guard: refused)', async () => {
      for (const q of [
        `UNWIND [1] AS x WITH x LIMIT 1LOAD CSV FROM '${httpUrl}' AS l RETURN l`,
        `UNWIND [1] AS x WITH x LIMIT $1LOAD CSV FROM '${httpUrl}' AS l RETURN l`,
        'RETURN 1LOAD',
      ]) {
        expect(await failure(guardUserQuery(store, q, { '1': 1 }))).toMatchObject({ code: 'REFUSED' });
        const e = await failure(store.query(q, { params: q.includes('$1') ? { '1': 1 } : {} }));
        expect(e.code, e.message).toBe('QUERY');
        expect(e.message).toMatch(/Invalid input|invalid literal number/);
      }
      expect(requests).toBe(0);
    });

    it('refuses procedures off the allowlist in the plan', async () => {
      expect(() =>
        checkPlan({ backend: 'neo4j', operators: [], calls: ['dbms.components'], text: '' }),
      ).toThrow(/dbms\.components/);
      const plan = await store.explain('CALL dbms.components() YIELD name RETURN name');
      expect(plan.calls).toEqual(['dbms.components']);
      expect(() => checkPlan(plan)).toThrow(/Refused: the procedure dbms\.components/);
      const labels = await store.explain('CALL db.labels() YIELD label RETURN label');
      expect(() => checkPlan(labels)).not.toThrow();
    });

    it('stops a memory-heavy transaction at its cap, with a clear error, and keeps answering', async () => {
      // ~4M strings of ~40 characters: well past a quarter of the 1 GiB heap of the test Neo4j.
      const q =
        "UNWIND range(1, 6000000) AS i RETURN size(collect('padding-padding-padding-' + toString(i))) AS n";
      const e = await failure(store.query(q, { timeoutMs: 240_000 }));
      expect(e.code, e.message).toBe('QUERY_MEMORY');
      expect(e.message).toMatch(/db\.memory\.transaction\.(total\.)?max/);
      const after = await store.query('RETURN 1 AS ok');
      expect(after.rows).toEqual([{ ok: 1 }]);
    }, 300_000);
  });
}
