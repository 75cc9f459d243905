/**
 * The HTTP API over a GraphStore, and static hosting of the built UI.
 * Every bad request gets a 4xx JSON body `{error: {code, message}}`; no request can crash the server.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { existsSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  NETWORK_EDGE_KINDS,
  type ApiError,
  type CrosstalkPayload,
  type EdgeKind,
  type NetworkNodesPayload,
  type PathNodeRef,
  type PathsPayload,
  type SearchPayload,
  type StatsPayload,
} from '../model/api';
import { CrosstalkError } from '../model/errors';
import { DEFAULT_PATHS, DEFAULT_PATH_HOPS, MAX_PATHS, MAX_PATH_HOPS } from '../model/network-index';
import {
  DEFAULT_MAX_NETWORK_EDGES,
  DEFAULT_MAX_NETWORK_NODES,
  GraphReader,
  type LoadedNetwork,
} from './read-models/graph-reader';
import type { GraphStore } from '../store/graph-store';
import type { ExampleQuery } from '../model/example-queries';
import { registerCiteRoutes } from './cite';
import { readExampleQueries } from './example-queries';
import { sendCrosstalkError } from './http-errors';
import { DEFAULT_QUERY_TIME_LIMIT_MS, DEFAULT_QUERY_WORKERS, QueryPool } from './query-pool/pool';
import { register as registerCypherRoute } from './routes/cypher';
import { register as registerRelatedRoutes } from './routes/related';
import { register as registerDatasetRoute } from './routes/dataset';
import { register as registerFetchRoutes } from './routes/fetch';
import { FetchJobs } from './jobs/fetch-jobs';
import type { FetchServerOptions } from './jobs/fetch-options';
import { fetchPermission } from './jobs/fetch-permission';
import { registerHostGuard } from './host-guard';
import { SearchWorker } from './search-index';

const gzipAsync = promisify(gzip);

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

/** Most ids one POST /api/network/nodes may ask for. */
const MAX_NETWORK_NODE_IDS = 5_000;

/** Longest node id accepted in a URL. */
const MAX_ID_LENGTH = 500;

function apiError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: ApiError = { error: { code, message } };
  return reply.status(status).type('application/json').send(body);
}

/** The node id in a wildcard path (Fastify has already percent-decoded it). */
const nodeIdOf = (raw: string | undefined): string => (raw ?? '').trim();

/**
 * Relationship kinds from a query parameter: `any`, `cites`, or a comma-separated list of
 * network kinds (case-insensitive). Returns the error message when it is not one of those.
 */
function parseKinds(raw: string): EdgeKind[] | string {
  const v = raw.trim().toLowerCase();
  if (v === 'any') return [...NETWORK_EDGE_KINDS];
  if (v === 'cites') return ['CITES'];
  const parts = v
    .split(',')
    .map((k) => k.trim().toUpperCase())
    .filter(Boolean);
  const unknown = parts.filter((k) => !(NETWORK_EDGE_KINDS as readonly string[]).includes(k));
  if (parts.length === 0 || unknown.length > 0) {
    return `Unknown relationship kind(s): ${unknown.join(', ') || '(none given)'}. Use "any", "cites" or a list of ${NETWORK_EDGE_KINDS.join(', ')}.`;
  }
  return [...new Set(parts)] as EdgeKind[];
}

/**
 * The /api/graph answer, serialised and compressed once per loaded dataset (at 100k works it is
 * 1.9 MB of JSON; serialising and compressing it on every request cost ~100 ms).
 */
interface CachedNetwork {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Loads and caches what is expensive to compute once per loaded dataset. */
class DatasetCache {
  private key: string | null = null;
  private network: Promise<CachedNetwork> | null = null;
  private index: Promise<SearchWorker> | null = null;
  private crosstalk: Promise<CrosstalkPayload> | null = null;
  private loaded: Promise<LoadedNetwork> | null = null;
  private stats: Promise<StatsPayload> | null = null;
  private readonly building = new Set<Promise<unknown>>();

  constructor(
    private readonly store: GraphStore,
    private readonly reader: GraphReader,
    private readonly maxNodes: number,
    private readonly maxEdges: number,
  ) {}

  private async current(): Promise<string> {
    // The manifest, not stats(): this runs on every /api/graph and /api/search request.
    const manifest = await this.store.manifest();
    const key = `${manifest?.dataHash ?? ''}:${manifest?.loadedAt ?? ''}:${this.maxNodes}:${this.maxEdges}`;
    if (key !== this.key) {
      this.key = key;
      this.network = null;
      void this.index?.then((w) => w.close()).catch(() => undefined); // its worker thread
      this.index = null;
      this.loaded = null;
      this.crosstalk = null;
      this.stats = null;
    }
    return key;
  }

  /** The network payload of /api/graph; concurrent first requests share one build. */
  async getNetwork(): Promise<CachedNetwork> {
    const key = await this.current();
    return (this.network ??= this.settle(
      (async () => {
        const payload = await this.reader.network(await this.getLoaded(), this.maxNodes, this.maxEdges);
        const json = Buffer.from(JSON.stringify(payload));
        return {
          json,
          gzip: await gzipAsync(json),
          etag: `"${createHash('sha1').update(key).digest('hex').slice(0, 20)}"`,
        };
      })(),
      () => (this.network = null),
    ));
  }

  /** Counts and provenance (a count per label and type: 0.1–0.8 s at 100k works, so counted once). */
  async getStats(): Promise<StatsPayload> {
    await this.current();
    return (this.stats ??= this.settle(
      this.store.stats().then((s): StatsPayload => ({
        backend: s.backend,
        engineVersion: s.engineVersion,
        counts: s.counts,
        dataset: s.manifest
          ? {
              loadedAt: s.manifest.loadedAt,
              dataDir: path.basename(s.manifest.dataDir),
              dataHash: s.manifest.dataHash,
            }
          : null,
      })),
      () => (this.stats = null),
    ));
  }

  /** The crosstalk matrix (small, but several queries). */
  async getCrosstalk(): Promise<CrosstalkPayload> {
    await this.current();
    return (this.crosstalk ??= this.settle(this.reader.crosstalk(), () => (this.crosstalk = null)));
  }

  /** The network index (paths, neighbourhoods, overview links); concurrent first requests share one build. */
  async getLoaded(): Promise<LoadedNetwork> {
    await this.current();
    return (this.loaded ??= this.settle(this.reader.loadNetwork(), () => (this.loaded = null)));
  }

  /**
   * Starts counting the store and building the network, its index and the search index in the background, so the first
   * requests find them ready. Failures (no database yet) are left for the requests to report.
   */
  warm(): void {
    void this.getStats()
      .then(() => this.getNetwork())
      .then(() => this.getIndex())
      .catch(() => undefined);
  }

  /** A shared build that is forgotten when it fails, so the next request tries again. */
  private settle<T>(building: Promise<T>, forget: () => void): Promise<T> {
    const key = this.key;
    this.building.add(building);
    building
      .catch(() => {
        if (this.key === key) forget();
      })
      .finally(() => this.building.delete(building));
    return building;
  }

  /** Resolves when no build is running (the store must not close under a running query), then stops the search worker. */
  async idle(): Promise<void> {
    while (this.building.size > 0) await Promise.allSettled([...this.building]);
    await this.index?.then((w) => w.close()).catch(() => undefined);
  }

  /** The search index (in a worker thread); concurrent first requests share one build. */
  async getIndex(): Promise<SearchWorker> {
    await this.current();
    return (this.index ??= this.settle(
      this.reader.searchRecords().then((records) => SearchWorker.start(records)),
      () => (this.index = null),
    ));
  }
}

/** Builds the Fastify app (not listening yet). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: MAX_ID_LENGTH * 3 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    // Malformed URLs and headers get the same JSON error shape as everything else.
    frameworkErrors: (error, _request, reply) => {
      void apiError(reply, 400, 'BAD_REQUEST', error.message);
    },
  });
  registerHostGuard(app, { host: options.host, allowedHosts: options.allowedHosts });
  const reader = new GraphReader(options.store);
  const cache = new DatasetCache(
    options.store,
    reader,
    options.maxNetworkNodes ?? DEFAULT_MAX_NETWORK_NODES,
    options.maxNetworkEdges ?? DEFAULT_MAX_NETWORK_EDGES,
  );

  if (options.warm) cache.warm();
  app.addHook('onClose', () => cache.idle());

  await app.register(compress, { global: true, threshold: 1024 });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return apiError(reply, 400, 'BAD_REQUEST', error.message);
    if (error instanceof CrosstalkError) {
      if (error.code === 'STORE') app.log.error(error);
      return sendCrosstalkError(reply, error);
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) app.log.error(error);
    return apiError(reply, status, status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', error.message);
  });

  const examples = options.queriesDir ? await readExampleQueries(options.queriesDir) : [];
  app.get('/api/queries', (_request, reply) => {
    void reply.send(examples satisfies ExampleQuery[]);
  });

  app.get('/api/stats', async (): Promise<StatsPayload> => cache.getStats());

  // Sent from the cached bytes, so this route does its own compression.
  app.get('/api/graph', { compress: false }, async (request, reply) => {
    const { json, gzip, etag } = await cache.getNetwork();
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(gzip);
    }
    return reply.send(json);
  });

  app.get('/api/nodes/*', async (request, reply) => {
    const id = nodeIdOf((request.params as { '*': string })['*']);
    if (id === '' || id.length > MAX_ID_LENGTH) {
      return apiError(reply, 400, 'BAD_REQUEST', `A node id of 1–${MAX_ID_LENGTH} characters is required.`);
    }
    const detail = await reader.node(id);
    if (!detail) return apiError(reply, 404, 'NOT_FOUND', `No node with id "${id}".`);
    return detail;
  });

  app.get(
    '/api/search',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
          },
        },
      },
    },
    async (request, reply) => {
      const { q, limit } = request.query as { q: string; limit: number };
      const index = await cache.getIndex();
      const result = await index.run(q, limit);
      if ('refused' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        const status = result.refused === 'TOO_MANY_SEARCHES' ? 429 : 503;
        return apiError(reply, status, result.refused, result.message);
      }
      const body: SearchPayload = {
        query: q,
        hits: result.hits,
        ...(result.notice ? { notice: result.notice } : {}),
      };
      return body;
    },
  );

  app.get(
    '/api/neighborhood/*',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            hops: { type: 'integer', minimum: 1, maximum: 3, default: 1 },
            kinds: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      const id = nodeIdOf((request.params as { '*': string })['*']);
      const { hops, kinds } = request.query as { hops: number; kinds?: string };
      if (id === '' || id.length > MAX_ID_LENGTH) {
        return apiError(reply, 400, 'BAD_REQUEST', `A node id of 1–${MAX_ID_LENGTH} characters is required.`);
      }
      const kindList = parseKinds(kinds ?? 'any');
      if (typeof kindList === 'string') return apiError(reply, 400, 'BAD_REQUEST', kindList);
      const n = reader.neighborhood(await cache.getLoaded(), id, hops, kindList);
      if (!n) return apiError(reply, 404, 'NOT_FOUND', `No work or concept with id "${id}".`);
      return n;
    },
  );

  app.post(
    '/api/network/nodes',
    {
      schema: {
        body: {
          type: 'object',
          required: ['ids'],
          additionalProperties: false,
          properties: {
            ids: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_NETWORK_NODE_IDS,
              items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
            },
          },
        },
      },
    },
    async (request): Promise<NetworkNodesPayload> => {
      const { ids } = request.body as { ids: string[] };
      return { nodes: await reader.networkNodes([...new Set(ids.map((id) => id.trim()))]) };
    },
  );

  app.get('/api/crosstalk', async () => cache.getCrosstalk());

  app.get(
    '/api/paths',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
            to: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
            via: { type: 'string', maxLength: 200, default: 'any' },
            directed: { type: 'boolean', default: false },
            max: { type: 'integer', minimum: 1, maximum: MAX_PATH_HOPS, default: DEFAULT_PATH_HOPS },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PATHS, default: DEFAULT_PATHS },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        from: string;
        to: string;
        via: string;
        directed: boolean;
        max: number;
        limit: number;
      };
      const [from, to] = [q.from.trim(), q.to.trim()];
      const via = parseKinds(q.via);
      if (typeof via === 'string') return apiError(reply, 400, 'BAD_REQUEST', via);
      if (from === to) return apiError(reply, 400, 'BAD_REQUEST', '"from" and "to" are the same node.');
      const { index, nodes } = await cache.getLoaded();
      for (const id of [from, to]) {
        if (!index.has(id)) return apiError(reply, 404, 'NOT_FOUND', `No work or concept with id "${id}".`);
      }
      const options = { kinds: via, directed: q.directed, maxHops: q.max, limit: q.limit };
      const result = index.shortestPaths(from, to, options);
      const onPath: Record<string, PathNodeRef> = {};
      for (const id of [from, to, ...result.paths.flatMap((p) => p.nodes)]) onPath[id] = nodes.get(id)!;
      const following =
        via.length === 1 && via[0] === 'CITES'
          ? 'citations'
          : via.length === NETWORK_EDGE_KINDS.length
            ? 'any relationship'
            : `${via.join(', ')} relationships`;
      const direction = q.directed ? 'in their direction' : 'in either direction';
      let message: string;
      if (result.length === null) {
        message = `No path of at most ${q.max} steps from “${nodes.get(from)!.label}” to “${nodes.get(to)!.label}” following ${following} ${direction}.`;
        if (
          q.directed &&
          index.shortestPaths(from, to, { ...options, directed: false, limit: 1 }).length !== null
        ) {
          message += ' There is one if direction is ignored.';
        }
      } else {
        const n = result.paths.length;
        message = `${result.truncated ? `The first ${n}` : n} shortest path${n === 1 ? '' : 's'} of ${result.length} step${result.length === 1 ? '' : 's'}, following ${following} ${direction}.`;
      }
      const body: PathsPayload = {
        from,
        to,
        via,
        directed: q.directed,
        maxHops: q.max,
        length: result.length,
        paths: result.paths,
        truncated: result.truncated,
        nodes: onPath,
        message,
      };
      return body;
    },
  );

  // User Cypher runs in worker processes that open the same store (see query-pool/pool.ts).
  const pool = new QueryPool({
    spec: options.store.spec(),
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
  registerRelatedRoutes(app, { store: options.store, loaded: () => cache.getLoaded() });

  registerCiteRoutes(app, options.store);
  const permission = options.fetch
    ? fetchPermission(options.host, options.fetch)
    : { enabled: false, reason: 'Fetching is not set up on this server.' };
  registerDatasetRoute(app, {
    store: options.store,
    locations: options.fetch?.locations ?? null,
    permission,
  });
  const fetchJobs =
    options.fetch && permission.enabled ? new FetchJobs(options.store, options.fetch, permission) : null;
  if (fetchJobs) app.addHook('onClose', () => fetchJobs.close());
  registerFetchRoutes(app, { jobs: fetchJobs, permission });

  app.all('/api/*', async (request, reply) =>
    apiError(reply, 404, 'NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}.`),
  );

  const uiDir = options.uiDir ?? null;
  if (uiDir && existsSync(path.join(uiDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: uiDir, index: 'index.html' });
    // Client-side routes fall back to the app shell.
    app.setNotFoundHandler(async (request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/assets/')) {
        return apiError(reply, 404, 'NOT_FOUND', 'Not found.');
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler(async (_request, reply) =>
      apiError(reply, 404, 'NOT_FOUND', 'Not found. The web UI is not built; run npm run build.'),
    );
  }
  return app;
}
