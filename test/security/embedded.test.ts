/**
 * The hostile-query corpus against the real HTTP server over the embedded store, with the engine
 * CROSSTALK_ENGINE names (Kuzu when unset; CI runs this file once more with CROSSTALK_ENGINE=ladybug).
 */
import path from 'node:path';
import { ingest } from '../../src/ingest/ingest';
import type { StatsPayload } from '../../src/model/api';
import { serve } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { engineFromEnv } from '../../src/store/embedded/engine';
import { BUNDLED, tempDir } from '../support/temp';
import { CORPUS_TIMEOUT_MS, describeHostileCorpus } from './hostile-corpus';

const engine = engineFromEnv();

describeHostileCorpus('embedded', async () => {
  const dbDir = path.join(await tempDir(), 'graph');
  const loader = new EmbeddedStore(dbDir, { engine });
  await ingest(BUNDLED, loader);
  await loader.close();
  const server = await serve({
    store: new EmbeddedStore(dbDir, { engine }),
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    queryTimeoutMs: CORPUS_TIMEOUT_MS,
  });
  // The corpus must run on the engine asked for, not silently on the default.
  const stats = (await (await fetch(new URL('api/stats', server.url))).json()) as StatsPayload;
  if (!stats.engineVersion.startsWith(`${engine} `)) {
    await server.close();
    throw new Error(`the server runs ${stats.engineVersion}, not ${engine}`);
  }
  return server;
});
