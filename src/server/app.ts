/**
 * The HTTP API over a GraphStore, and static hosting of the built UI.
 * Every bad request gets a 4xx JSON body `{error: {code, message}}`; no request can crash the server.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  NETWORK_EDGE_KINDS,
  type ApiError,
  type CypherResponse,
  type EdgeKind,
  type NetworkPayload,
  type StatsPayload,
} from '../model/api';
import { CrosstalkError } from '../model/errors';
import { graphOfRows } from '../model/query-graph';
import { DEFAULT_MAX_NETWORK_NODES, GraphReader } from '../store/graph-reader';
import { DEFAULT_MAX_ROWS, type GraphStore } from '../store/graph-store';
import { MAX_QUERY_LENGTH, checkReadQuery } from '../store/query-guard';
import type { ExampleQuery } from '../model/example-queries';
import { readExampleQueries } from './example-queries';
import { SearchIndex } from './search-index';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  store: GraphStore;
  /** Folder of the built UI (index.html + assets); null serves the API only. */
  uiDir?: string | null;
  /** Folder of the example query library (graph/queries); null or missing: no examples. */
  queriesDir?: string | null;
  /** Above this many nodes /api/graph sends an overview. */
  maxNetworkNodes?: number;
  /** Log requests (pino) to stdout. */
  logger?: boolean;
  /** Time limit of a POST /api/cypher query in milliseconds (default {@link DEFAULT_CYPHER_TIMEOUT_MS}). */
  queryTimeoutMs?: number;
  /** Row cap of a POST /api/cypher query (default 10,000). */
  queryMaxRows?: number;
  /** How many POST /api/cypher queries may run at once; more get 429 (default {@link DEFAULT_MAX_CONCURRENT_QUERIES}). */
  maxConcurrentQueries?: number;
}

/** Default time limit of a POST /api/cypher query, in milliseconds. */
export const DEFAULT_CYPHER_TIMEOUT_MS = 5_000;

/** Default number of POST /api/cypher queries that may run at once. */
export const DEFAULT_MAX_CONCURRENT_QUERIES = 4;

/** Longest node id accepted in a URL. */
const MAX_ID_LENGTH = 500;

function apiError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: ApiError = { error: { code, message } };
  return reply.status(status).type('application/json').send(body);
}

/** The node id in a wildcard path (Fastify has already percent-decoded it). */
const nodeIdOf = (raw: string | undefined): string => (raw ?? '').trim();

/** Loads and caches what is expensive to compute once per loaded dataset. */
class DatasetCache {
  private key: string | null = null;
  private network: { payload: NetworkPayload; etag: string } | null = null;
  private index: SearchIndex | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly reader: GraphReader,
    private readonly maxNodes: number,
  ) {}

  private async current(): Promise<string> {
    // The manifest, not stats(): this runs on every /api/graph and /api/search request.
    const manifest = await this.store.manifest();
    const key = `${manifest?.dataHash ?? ''}:${manifest?.loadedAt ?? ''}:${this.maxNodes}`;
    if (key !== this.key) {
      this.key = key;
      this.network = null;
      this.index = null;
    }
    return key;
  }

  async getNetwork(): Promise<{ payload: NetworkPayload; etag: string }> {
    const key = await this.current();
    if (!this.network) {
      const payload = await this.reader.network(this.maxNodes);
      const etag = `"${createHash('sha1').update(key).digest('hex').slice(0, 20)}"`;
      this.network = { payload, etag };
    }
    return this.network;
  }

  async getIndex(): Promise<SearchIndex> {
    await this.current();
    if (!this.index) this.index = new SearchIndex(await this.reader.searchRecords());
    return this.index;
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
  const reader = new GraphReader(options.store);
  const cache = new DatasetCache(options.store, reader, options.maxNetworkNodes ?? DEFAULT_MAX_NETWORK_NODES);

  await app.register(compress, { global: true, threshold: 1024 });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return apiError(reply, 400, 'BAD_REQUEST', error.message);
    if (error instanceof CrosstalkError) {
      if (error.code === 'STORE_MISSING') return apiError(reply, 503, error.code, error.message);
      if (error.code === 'QUERY' || error.code === 'READ_ONLY' || error.code === 'REFUSED')
        return apiError(reply, 400, error.code, error.message);
      if (error.code === 'QUERY_TIMEOUT') return apiError(reply, 504, error.code, error.message);
      return apiError(reply, 500, error.code, error.message);
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) app.log.error(error);
    return apiError(reply, status, status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', error.message);
  });

  const examples = options.queriesDir ? await readExampleQueries(options.queriesDir) : [];
  app.get('/api/queries', (_request, reply) => {
    void reply.send(examples satisfies ExampleQuery[]);
  });

  app.get('/api/stats', async (): Promise<StatsPayload> => {
    const s = await options.store.stats();
    return {
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
    };
  });

  app.get('/api/graph', async (request, reply) => {
    const { payload, etag } = await cache.getNetwork();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return payload;
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
    async (request) => {
      const { q, limit } = request.query as { q: string; limit: number };
      const index = await cache.getIndex();
      return { query: q, hits: index.search(q, limit) };
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
      let kindList: EdgeKind[] = [...NETWORK_EDGE_KINDS];
      if (kinds !== undefined) {
        const parts = kinds
          .split(',')
          .map((k) => k.trim().toUpperCase())
          .filter(Boolean);
        const unknown = parts.filter((k) => !(NETWORK_EDGE_KINDS as readonly string[]).includes(k));
        if (parts.length === 0 || unknown.length > 0) {
          return apiError(
            reply,
            400,
            'BAD_REQUEST',
            `Unknown relationship kind(s): ${unknown.join(', ') || '(none given)'}. Use any of ${NETWORK_EDGE_KINDS.join(', ')}.`,
          );
        }
        kindList = parts as EdgeKind[];
      }
      const n = await reader.neighborhood(id, hops, kindList);
      if (!n) return apiError(reply, 404, 'NOT_FOUND', `No work or concept with id "${id}".`);
      return n;
    },
  );

  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_CYPHER_TIMEOUT_MS;
  const queryMaxRows = options.queryMaxRows ?? DEFAULT_MAX_ROWS;
  const maxConcurrent = options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES;
  let running = 0;

  app.post(
    '/api/cypher',
    {
      schema: {
        body: {
          type: 'object',
          required: ['query'],
          additionalProperties: false,
          properties: {
            query: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH },
            params: { type: 'object' },
          },
        },
      },
    },
    async (request, reply) => {
      const { query, params = {} } = request.body as { query: string; params?: Record<string, unknown> };
      // Refused before it takes a slot: the guard never touches the engine.
      checkReadQuery(query, params);
      if (running >= maxConcurrent) {
        return apiError(
          reply,
          429,
          'TOO_MANY_QUERIES',
          `${maxConcurrent} queries are already running; wait for one to finish and try again.`,
        );
      }
      running++;
      try {
        const result = await options.store.query(query, {
          params,
          timeoutMs: queryTimeoutMs,
          maxRows: queryMaxRows,
        });
        const body: CypherResponse = {
          columns: result.columns,
          rows: result.rows,
          graph: graphOfRows(result.rows),
          summary: {
            backend: options.store.backend,
            timeMs: Math.round(result.timeMs),
            rowCount: result.rows.length,
            truncated: result.truncated,
          },
        };
        return body;
      } catch (e: unknown) {
        if (e instanceof CrosstalkError && e.code === 'QUERY_TIMEOUT') {
          return apiError(reply, 408, e.code, e.message);
        }
        throw e;
      } finally {
        running--;
      }
    },
  );

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
