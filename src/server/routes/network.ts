/**
 * The network the explorer draws:
 * - GET /api/graph: nodes and edges of the loaded dataset (an overview above the node and edge
 *   caps), sent from bytes serialised and gzipped once per dataset, with an ETag;
 * - POST /api/network/nodes `{ids}`: the network form of nodes the overview left out.
 */
import type { FastifyInstance } from 'fastify';
import type { NetworkNodesPayload } from '../../model/api';
import type { DatasetCache } from '../dataset-cache';
import type { GraphReader } from '../read-models/graph-reader';
import { idListSchema } from './params';

/** Most ids one POST /api/network/nodes may ask for. */
const MAX_NETWORK_NODE_IDS = 5_000;

/** What the routes read. */
export interface NetworkRouteDeps {
  cache: DatasetCache;
  reader: GraphReader;
}

/** Registers GET /api/graph and POST /api/network/nodes. */
export function register(app: FastifyInstance, deps: NetworkRouteDeps): void {
  // Sent from the cached bytes, so this route does its own compression.
  app.get('/api/graph', { compress: false }, async (request, reply) => {
    const { json, gzip, etag } = await deps.cache.getNetwork();
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(gzip);
    }
    return reply.send(json);
  });

  app.post(
    '/api/network/nodes',
    {
      schema: {
        body: {
          type: 'object',
          required: ['ids'],
          additionalProperties: false,
          properties: {
            ids: idListSchema(MAX_NETWORK_NODE_IDS),
          },
        },
      },
    },
    async (request): Promise<NetworkNodesPayload> => {
      const { ids } = request.body as { ids: string[] };
      return { nodes: await deps.reader.networkNodes([...new Set(ids.map((id) => id.trim()))]) };
    },
  );
}
