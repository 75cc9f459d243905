/**
 * Vitest globalSetup: finds a Neo4j for the Neo4j contract suite (test/contract/neo4j.test.ts).
 *
 * - NEO4J_TEST_URI set: use that Neo4j (NEO4J_TEST_USER / NEO4J_TEST_PASSWORD / NEO4J_TEST_DATABASE,
 *   else NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE). The suite REPLACES its graph, which is why
 *   the tests never pick up NEO4J_URI (the database `crosstalk` commands use) on their own.
 * - else, with Java 17+ and Maven: start a throwaway local Neo4j (neo4j/LocalNeo4j.java) on a free
 *   127.0.0.1 port with a temporary data folder and a random password, in the background while
 *   other test files run, and stop it after the run.
 * - else: with CI=true, fail the run; otherwise skip the Neo4j tests with one line saying how to
 *   enable them (they are reported as skipped, never as passed).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { localNeo4jTools, startLocalNeo4j, type RunningNeo4j } from '../../neo4j/local-neo4j';
import { neo4jConfigFromEnv } from '../../src/store/neo4j/config';
import type { Neo4jTestTarget, Neo4jTestStatus } from './neo4j';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = process.env;
  const ci = env.CI === 'true' || env.CI === '1';
  const provide = (target: Neo4jTestTarget): void => project.provide('neo4j', target);

  if (env.NEO4J_TEST_URI) {
    const fallback = neo4jConfigFromEnv(env);
    provide({
      kind: 'external',
      config: {
        uri: env.NEO4J_TEST_URI,
        user: env.NEO4J_TEST_USER || fallback.user,
        password: env.NEO4J_TEST_PASSWORD || fallback.password,
        database: env.NEO4J_TEST_DATABASE || fallback.database,
      },
      statusFile: null,
    });
    return () => Promise.resolve();
  }

  // `vitest run some/file.test.ts …` naming no file that uses Neo4j: do not start one (it costs a
  // core for a minute). A run of the whole suite, as CI does it, names no file and always starts it.
  const named = process.argv.slice(3).filter((a) => !a.startsWith('-') && /[/.]/.test(a));
  if (named.length > 0 && !named.some((f) => /neo4j|security|contract|compose/i.test(f))) {
    const reason = 'Neo4j tests skipped: the files named on the command line do not use Neo4j.';
    process.stdout.write(`\n${reason}\n\n`);
    provide({ kind: 'skip', reason });
    return () => Promise.resolve();
  }

  const tools = localNeo4jTools();
  if (!tools.ok) {
    const why = `a throwaway Neo4j needs ${tools.missing.join(' and ')}`;
    const how =
      'install them (Debian: apt-get install openjdk-17-jdk-headless maven), ' +
      'or set NEO4J_TEST_URI to a Neo4j whose graph the tests may replace';
    if (ci) throw new Error(`CI=true, but the Neo4j contract suite cannot run: ${why}; ${how}.`);
    const reason = `Neo4j tests skipped: ${why}; to run them, ${how}.`;
    process.stdout.write(`\n${reason}\n\n`);
    provide({ kind: 'skip', reason });
    return () => Promise.resolve();
  }

  const root = mkdtempSync(path.join(os.tmpdir(), 'crosstalk-neo4j-'));
  const statusFile = path.join(root, 'status.json');
  // Written whole and renamed into place, so a test polling it never reads a half-written file.
  const status = (s: Neo4jTestStatus): void => {
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(s));
    renameSync(`${statusFile}.tmp`, statusFile);
  };
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  status({ state: 'starting' });
  const started = Date.now();
  const running: Promise<RunningNeo4j | null> = startLocalNeo4j({
    dir: path.join(root, 'data'),
    port,
    password,
    readyTimeoutMs: 300_000,
  }).then(
    (n) => {
      status({ state: 'ready', version: n.version, startMs: Date.now() - started });
      return n;
    },
    (e: unknown) => {
      status({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
      return null;
    },
  );
  provide({
    kind: 'local',
    config: { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password },
    statusFile,
  });
  return async () => {
    const n = await running;
    if (n) await n.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
