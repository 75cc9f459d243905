/**
 * The hostile-query corpus against the real HTTP server over Neo4j. Neo4j Community has a single
 * user database, which test/contract/neo4j.test.ts replaces while other test files run, so this
 * file starts its own throwaway local Neo4j (neo4j/local-neo4j.ts) on a free 127.0.0.1 port: the
 * "counts unchanged" check must not race with another suite's loads. It needs what the contract
 * suite's local Neo4j needs (a Java 17+ JDK and Maven) and is skipped, saying why, without them.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, inject } from 'vitest';
import { localNeo4jTools, startLocalNeo4j, type RunningNeo4j } from '../../neo4j/local-neo4j';
import { ingest } from '../../src/ingest/ingest';
import { serve } from '../../src/server/serve';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { waitForNeo4j } from '../support/neo4j';
import { BUNDLED, tempDir } from '../support/temp';
import { CORPUS_TIMEOUT_MS, describeHostileCorpus } from './hostile-corpus';

const target = inject('neo4j');
const tools = target.kind === 'local' ? { ok: true, missing: [] } : localNeo4jTools();
const skipReason =
  target.kind === 'skip'
    ? target.reason
    : tools.ok
      ? null
      : `hostile corpus on Neo4j skipped: its own throwaway Neo4j needs ${tools.missing.join(' and ')}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

if (skipReason) {
  describe.skip(`hostile queries over HTTP (neo4j): ${skipReason}`, () => undefined);
} else {
  describeHostileCorpus('neo4j', async () => {
    // Let the contract suite's Neo4j finish starting first: it resolves the classpath both use,
    // and two JVMs starting at once on a small machine only slow each other down.
    if (target.kind === 'local') await waitForNeo4j(target).catch(() => undefined);
    const password = randomBytes(12).toString('hex');
    const neo4j: RunningNeo4j = await startLocalNeo4j({
      dir: path.join(await tempDir('crosstalk-neo4j-hostile-'), 'data'),
      port: await freePort(),
      password,
      heap: '512m',
      readyTimeoutMs: 170_000,
    });
    const config = { uri: neo4j.uri, user: 'neo4j', password };
    const loader = new Neo4jStore(config);
    try {
      await ingest(BUNDLED, loader);
    } finally {
      await loader.close();
    }
    const server = await serve({
      store: new Neo4jStore(config),
      host: '127.0.0.1',
      port: 0,
      uiDir: null,
      queryTimeoutMs: CORPUS_TIMEOUT_MS,
    });
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await neo4j.stop();
      },
    };
  });
}
