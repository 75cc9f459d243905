/**
 * The process boundary of user Cypher over Neo4j: the same suite as the embedded store's
 * (process-boundary-suite.ts), through the real HTTP server and its query workers, each with its
 * own driver. Like test/security/neo4j.test.ts it starts its own throwaway local Neo4j on a free
 * port (the contract suite replaces the shared one's data while other files run, and "counts
 * unchanged" must not race with that); it is skipped, saying why, without a JDK and Maven.
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
import { BOUNDARY_LIMIT_MS, describeProcessBoundary } from './process-boundary-suite';

const target = inject('neo4j');
const tools = target.kind === 'local' ? { ok: true, missing: [] } : localNeo4jTools();
const skipReason =
  target.kind === 'skip'
    ? target.reason
    : tools.ok
      ? null
      : `process boundary on Neo4j skipped: its own throwaway Neo4j needs ${tools.missing.join(' and ')}`;

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
  describe.skip(`user Cypher behind the process boundary (neo4j): ${skipReason}`, () => undefined);
} else {
  describeProcessBoundary('neo4j', async () => {
    if (target.kind === 'local') await waitForNeo4j(target).catch(() => undefined);
    const password = randomBytes(12).toString('hex');
    const neo4j: RunningNeo4j = await startLocalNeo4j({
      dir: path.join(await tempDir('crosstalk-neo4j-boundary-'), 'data'),
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
      queryTimeoutMs: BOUNDARY_LIMIT_MS,
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
