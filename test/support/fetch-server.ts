/**
 * A real HTTP server whose fetch jobs ask the local OpenAlex/PubMed stand-in
 * (test/support/fixture-api.ts): the bundled dataset ingested into a fresh store, a user dataset
 * and a response cache in temp folders (graph/ is only read).
 */
import path from 'node:path';
import { ingest } from '../../src/ingest/ingest';
import type { FetchServerOptions } from '../../src/server/jobs/fetch-options';
import { serve, type RunningServer } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { FixtureApi } from './fixture-api';
import { BUNDLED, ROOT, tempDir } from './temp';

/** A running server with its folders. */
export interface FetchTestServer extends RunningServer {
  /** The server's address on loopback (also when it is bound to 0.0.0.0). */
  base: string;
  dbDir: string;
  userDir: string;
  cacheDir: string;
}

/** Starts it; `flags` are the --allow-fetch / --no-fetch of the CLI. */
export async function startFetchServer(
  api: FixtureApi | null,
  options: {
    host?: string;
    allowFetch?: boolean;
    noFetch?: boolean;
    uiDir?: string | null;
    pubmed?: boolean;
    cacheDir?: string;
  } = {},
): Promise<FetchTestServer> {
  const root = await tempDir();
  const dbDir = path.join(root, 'graph');
  const userDir = path.join(root, 'dataset');
  const cacheDir = options.cacheDir ?? path.join(root, 'cache');
  const loader = new EmbeddedStore(dbDir);
  await ingest(BUNDLED, loader);
  await loader.close();
  const fetch: FetchServerOptions = {
    allowFetch: options.allowFetch,
    noFetch: options.noFetch,
    locations: { bundled: BUNDLED, user: userDir, root: ROOT },
    settings: {
      openalexUrl: api?.openalexUrl ?? 'http://127.0.0.1:9/',
      pubmedUrl: api?.pubmedUrl ?? 'http://127.0.0.1:9/',
      cacheDir,
      timeoutMs: 10_000,
      max: 2000,
      pubmed: options.pubmed ?? true,
      product: 'crosstalk-kg/test',
      mailto: 'secret-mail@example.org',
      apiKey: 'SECRET-OPENALEX-KEY',
    },
  };
  const server = await serve({
    store: new EmbeddedStore(dbDir),
    host: options.host ?? '127.0.0.1',
    port: 0,
    uiDir: options.uiDir ?? null,
    queriesDir: path.join(BUNDLED, 'queries'),
    warm: false,
    fetch,
  });
  const base = new URL(server.url);
  base.hostname = '127.0.0.1';
  return { ...server, base: base.toString(), dbDir, userDir, cacheDir };
}
