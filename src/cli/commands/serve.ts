/** `crosstalk serve`: the explorer and the HTTP API, until SIGINT/SIGTERM. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { FetchServerOptions } from '../../server/jobs/fetch-options';
import { DATASET_LOCATIONS } from '../datasets';
import { PACKAGE_VERSION, serveFlags, storeFlags } from '../flags';
import { PROJECT_ROOT, UI_DIR, openStore } from '../open-store';
import { parseOptions, serveOptions, type FetchJobOptions, type ServeOptions } from '../options';
import { err, out } from '../output';

/** The server's fetch settings: the same flags, environment and defaults as `crosstalk fetch`. */
export function fetchServerOptions(opts: FetchJobOptions): FetchServerOptions {
  return {
    allowFetch: Boolean(opts.allowFetch),
    noFetch: opts.fetch === false,
    locations: DATASET_LOCATIONS,
    seed: 'crosstalk-kg',
    settings: {
      openalexUrl: opts.openalexUrl,
      pubmedUrl: opts.pubmedUrl,
      mailto: opts.mailto || process.env.CROSSTALK_MAILTO || undefined,
      apiKey: opts.apiKey || process.env.OPENALEX_API_KEY || undefined,
      ncbiApiKey: opts.ncbiApiKey || process.env.NCBI_API_KEY || undefined,
      cacheDir: opts.fetchCache === false ? null : path.resolve(opts.fetchCache),
      timeoutMs: 30_000,
      max: opts.fetchMax,
      pubmed: opts.fetchPubmed !== false,
      product: `crosstalk-kg/${PACKAGE_VERSION}`,
    },
  };
}

/** Runs the server until SIGINT/SIGTERM. */
export async function runServer(opts: ServeOptions): Promise<void> {
  const store = await openStore(opts);
  await store.stats(); // fail fast, with the store's own message, when there is no database
  const uiDir = opts.ui ? UI_DIR : null;
  if (uiDir && !existsSync(path.join(uiDir, 'index.html'))) {
    err('The web UI is not built (run npm run build); serving the API only.');
  }
  // Loaded when serving, not when the CLI starts (fastify and the routes: see flags.ts).
  const { serve } = await import('../../server/serve');
  const server = await serve({
    store,
    host: opts.host,
    port: opts.port,
    uiDir,
    queriesDir: path.join(PROJECT_ROOT, 'graph', 'queries'),
    maxNetworkNodes: opts.maxNodes,
    maxNetworkEdges: opts.maxEdges,
    logger: opts.log,
    queryTimeoutMs: opts.queryTimeout,
    queryWorkers: opts.queryWorkers,
    queryMemoryBytes: opts.queryMemory * 1024 * 1024,
    queryQueue: opts.queryQueue,
    allowedHosts: opts.allowedHost,
    fetch: fetchServerOptions(opts),
  });
  out(`crosstalk-kg is serving the ${store.backend} graph at ${server.url}`);
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    err(`warning: bound to ${opts.host}; anyone who can reach this machine can read the graph.`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Registers `serve` on the program. */
export function register(program: Command): void {
  serveFlags(
    storeFlags(
      program.command('serve').description('serve the explorer and the HTTP API (127.0.0.1 by default)'),
    ),
  ).action(async (raw: unknown) => {
    await runServer(parseOptions(serveOptions, raw));
  });
}
