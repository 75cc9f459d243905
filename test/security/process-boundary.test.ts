/**
 * The process boundary of user Cypher over the embedded (Kuzu) store: the real HTTP server, its
 * query workers, a real database (see process-boundary-suite.ts). Also: the workers end with the
 * server, and a crash of one is replaced.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest';
import { serve } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { BUNDLED, tempDir } from '../support/temp';
import { BOUNDARY_LIMIT_MS, describeProcessBoundary, poolReady, workerPids } from './process-boundary-suite';

async function loadedDb(): Promise<string> {
  const dbDir = path.join(await tempDir(), 'graph');
  const loader = new EmbeddedStore(dbDir);
  await ingest(BUNDLED, loader);
  await loader.close();
  return dbDir;
}

describeProcessBoundary('embedded', async () =>
  serve({
    store: new EmbeddedStore(await loadedDb()),
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    queryTimeoutMs: BOUNDARY_LIMIT_MS,
  }),
);

describe('query worker lifecycle (embedded)', () => {
  it('starts workers with the server, replaces a crashed one, and stops them all when the server closes', async () => {
    const before = workerPids();
    const server = await serve({
      store: new EmbeddedStore(await loadedDb()),
      host: '127.0.0.1',
      port: 0,
      uiDir: null,
      queryTimeoutMs: BOUNDARY_LIMIT_MS,
    });
    const post = (query: string): Promise<Response> =>
      fetch(new URL('api/cypher', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    try {
      expect((await post('RETURN 1 AS one')).status).toBe(200);
      await poolReady(3);
      const started = workerPids().filter((p) => !before.includes(p));
      // Two that run queries and one spare.
      expect(started.length).toBe(3);
      const crashed = await post('RETURN keys(null) AS k');
      expect(crashed.status).toBe(422);
      expect(await crashed.json()).toMatchObject({ error: { code: 'QUERY_CRASHED' } });
      // The spare takes over at once.
      const t = performance.now();
      expect((await post('RETURN 1 AS one')).status).toBe(200);
      expect(performance.now() - t).toBeLessThan(1_000);
      // The crashed worker is gone and a replacement starts at once.
      await expect
        .poll(() => workerPids().filter((p) => !before.includes(p)).length, { timeout: 5_000 })
        .toBe(3);
      const now = workerPids().filter((p) => !before.includes(p));
      expect(now.filter((p) => !started.includes(p)).length).toBe(1);
    } finally {
      await server.close();
    }
    expect(workerPids().filter((p) => !before.includes(p))).toEqual([]);
  });
});
