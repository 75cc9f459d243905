/** Starts the real HTTP server over a real embedded store loaded with a dataset. */
import path from 'node:path';
import { ingest } from '../../src/ingest/ingest';
import { serve, type RunningServer } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { BUNDLED, tempDir } from './temp';

/** Ingests `data` into a fresh store and serves it on 127.0.0.1 with a free port. */
export async function startTestServer(
  options: { data?: string; uiDir?: string | null; maxNetworkNodes?: number; maxNetworkEdges?: number } = {},
): Promise<RunningServer & { dbDir: string }> {
  const dbDir = path.join(await tempDir(), 'graph');
  const loader = new EmbeddedStore(dbDir);
  await ingest(options.data ?? BUNDLED, loader);
  await loader.close();
  const server = await serve({
    store: new EmbeddedStore(dbDir),
    host: '127.0.0.1',
    port: 0,
    uiDir: options.uiDir ?? null,
    queriesDir: path.join(BUNDLED, 'queries'),
    maxNetworkNodes: options.maxNetworkNodes,
    maxNetworkEdges: options.maxNetworkEdges,
  });
  return { ...server, dbDir };
}
