/**
 * The HTTP API over a GraphStore, and static hosting of the built UI: only wiring. Each resource's
 * routes are a module under routes/ (`register(app, deps)`); what they show is read by
 * read-models/ and cached per dataset by dataset-cache.ts; every error answer gets its status from
 * the one table in http-errors.ts. Every bad request gets a 4xx JSON body `{error: {code, message}}`;
 * no request can crash the server.
 */
import compress from '@fastify/compress';
import { constants as zlibConstants } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphStore } from '../store/graph-store';
import { DatasetCache } from './dataset-cache';
import { frameworkErrors, registerErrorHandler } from './http-errors';
import { registerHostGuard } from './host-guard';
import { registerFiniteNumbers } from './finite-numbers';
import { FetchJobs } from './jobs/fetch-jobs';
import type { FetchServerOptions } from './jobs/fetch-options';
import { fetchPermission } from './jobs/fetch-permission';
import { DEFAULT_QUERY_TIME_LIMIT_MS, DEFAULT_QUERY_WORKERS, QueryPool } from './query-pool/pool';
import {
  DEFAULT_MAX_NETWORK_EDGES,
  DEFAULT_MAX_NETWORK_NODES,
  GraphReader,
} from './read-models/graph-reader';
import { register as registerCiteRoute } from './routes/cite';
import { register as registerCrosstalkRoute } from './routes/crosstalk';
import { register as registerCypherRoute } from './routes/cypher';
import { register as registerDatasetRoute } from './routes/dataset';
import { register as registerFetchRoutes } from './routes/fetch';
import { register as registerNetworkRoutes } from './routes/network';
import { register as registerNodeRoutes } from './routes/nodes';
import { MAX_ID_LENGTH } from './routes/params';
import { register as registerPathsRoute } from './routes/paths';
import { register as registerQueriesRoute } from './routes/queries';
import { register as registerConceptMapRoute } from './routes/concept-map';
import { register as registerLitMapRoutes } from './routes/litmap';
import { register as registerRelatedRoutes } from './routes/related';
import { register as registerSearchRoute } from './routes/search';
import { register as registerStaticUi } from './routes/static-ui';
import { register as registerStatsRoute } from './routes/stats';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  store: GraphStore;
  /** Folder of the built UI (index.html + assets); null serves the API only. */
  uiDir?: string | null;
  /** Folder of the example query library (graph/queries); null or missing: no examples. */
  queriesDir?: string | null;
  /** Above this many nodes /api/graph sends an overview. */
  maxNetworkNodes?: number;
  /** Above this many edges /api/graph sends only the best-connected ones. */
  maxNetworkEdges?: number;
  /** The address the server listens on: requests must be addressed to it or to a loopback name (see host-guard.ts). */
  host?: string;
  /** More names (`name` or `name:port`) requests may be addressed by and pages may come from (`--allowed-host`). */
  allowedHosts?: readonly string[];
  /** Log requests (pino) to stdout. */
  logger?: boolean;
  /** Build the network, its index and the search index in the background at start. */
  warm?: boolean;
  /**
   * Wall-clock limit of a POST /api/cypher query in milliseconds, from parse to converted result
   * (default {@link DEFAULT_CYPHER_TIMEOUT_MS}); its worker is killed 1 s later.
   */
  queryTimeoutMs?: number;
  /** Row cap of a POST /api/cypher query (default 10,000). */
  queryMaxRows?: number;
  /** Cap of the JSON size of a POST /api/cypher result's rows, in bytes (default 32 MiB). */
  queryMaxResultBytes?: number;
  /** Worker processes for POST /api/cypher: how many queries run at once (default {@link DEFAULT_MAX_CONCURRENT_QUERIES}). */
  queryWorkers?: number;
  /** Memory cap of one query worker (its resident set), in bytes (default 1 GiB). */
  queryMemoryBytes?: number;
  /** Queries that may wait for a free worker (default 256; fewer while queries are slow); more get 429 with Retry-After. */
  queryQueue?: number;
  /** Longest wait of a query for a free worker, in milliseconds (default 5,000). */
  queryQueueWaitMs?: number;
  /** Datasets and fetch jobs (routes/dataset.ts, routes/fetch.ts); absent: the server never fetches. */
  fetch?: FetchServerOptions;
}

/** Default time limit of a POST /api/cypher query, in milliseconds. */
export const DEFAULT_CYPHER_TIMEOUT_MS = DEFAULT_QUERY_TIME_LIMIT_MS;

/** Default number of POST /api/cypher queries that may run at once (one worker process each). */
export const DEFAULT_MAX_CONCURRENT_QUERIES = DEFAULT_QUERY_WORKERS;

/** Builds the Fastify app (not listening yet). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: MAX_ID_LENGTH * 3 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    frameworkErrors,
  });
  registerHostGuard(app, { host: options.host, allowedHosts: options.allowedHosts });
  const reader = new GraphReader(store);
  const cache = new DatasetCache(
    store,
    reader,
    options.maxNetworkNodes ?? DEFAULT_MAX_NETWORK_NODES,
    options.maxNetworkEdges ?? DEFAULT_MAX_NETWORK_EDGES,
  );
  if (options.warm) cache.warm();
  // The details panel's cache (read-models/node-details.ts) after the network: else the first
  // node clicked on a big dataset waits for its build (seconds at 100k works). Awaited on close,
  // so the store never closes under its reads.
  const detailsWarm = options.warm
    ? cache
        .getNetwork()
        .then(async () => reader.warmDetails(await cache.getLoaded()))
        .catch(() => undefined)
    : null;
  app.addHook('onClose', async () => {
    await detailsWarm;
    await cache.idle();
  });

  // Brotli at quality 4, not zlib's default 11: at 11 a 2.6 MB answer (a 300-work literature map's
  // 20k links at 10k works) took 6.3 s to compress, at 4 it takes ~50 ms for 1.7× the bytes of 11.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  registerErrorHandler(app);
  registerFiniteNumbers(app);

  await registerQueriesRoute(app, { queriesDir: options.queriesDir });
  registerStatsRoute(app, { cache });
  registerNetworkRoutes(app, { cache, reader });
  registerNodeRoutes(app, { cache, reader });
  registerSearchRoute(app, { cache });
  registerCrosstalkRoute(app, { cache });
  registerPathsRoute(app, { cache });

  // User Cypher runs in worker processes that open the same store (see query-pool/pool.ts).
  const pool = new QueryPool({
    spec: store.spec(),
    size: options.queryWorkers,
    timeLimitMs: options.queryTimeoutMs,
    memoryLimitBytes: options.queryMemoryBytes,
    maxRows: options.queryMaxRows,
    maxResultBytes: options.queryMaxResultBytes,
    maxQueued: options.queryQueue,
    queueWaitMs: options.queryQueueWaitMs,
    onEvent: (e) => app.log.warn({ pid: e.pid, event: e.kind }, e.message),
  });
  app.addHook('onClose', () => pool.close());
  registerCypherRoute(app, { pool });
  registerRelatedRoutes(app, { store, loaded: () => cache.getLoaded() });
  registerConceptMapRoute(app, { store, loaded: () => cache.getLoaded() });
  registerLitMapRoutes(app, { store, loaded: () => cache.getLoaded() });
  registerCiteRoute(app, { store });

  const permission = options.fetch
    ? fetchPermission(options.host, options.fetch)
    : { enabled: false, reason: 'Fetching is not set up on this server.' };
  registerDatasetRoute(app, { store, locations: options.fetch?.locations ?? null, permission });
  const fetchJobs =
    options.fetch && permission.enabled ? new FetchJobs(store, options.fetch, permission) : null;
  if (fetchJobs) app.addHook('onClose', () => fetchJobs.close());
  registerFetchRoutes(app, { jobs: fetchJobs, permission });

  await registerStaticUi(app, { uiDir: options.uiDir ?? null });
  return app;
}
