/**
 * One node and what surrounds it:
 * - GET /api/nodes/<id>: the node's details (properties, references, citing works, concepts);
 * - GET /api/neighborhood/<id>?hops=&kinds=: the nodes and edges within `hops` steps on the network index.
 */
import type { FastifyInstance } from 'fastify';
import type { DatasetCache } from '../dataset-cache';
import { sendApiError } from '../http-errors';
import type { GraphReader } from '../read-models/graph-reader';
import { badNodeId, nodeIdOf, parseKinds } from './params';

/** What the routes read. */
export interface NodesRouteDeps {
  cache: DatasetCache;
  reader: GraphReader;
}

/** Registers GET /api/nodes/* and GET /api/neighborhood/*. */
export function register(app: FastifyInstance, deps: NodesRouteDeps): void {
  app.get('/api/nodes/*', async (request, reply) => {
    const id = nodeIdOf((request.params as { '*': string })['*']);
    const bad = badNodeId(id);
    if (bad) return sendApiError(reply, 'BAD_REQUEST', bad);
    const detail = await deps.reader.node(await deps.cache.getLoaded(), id);
    if (!detail) return sendApiError(reply, 'NOT_FOUND', `No node with id "${id}".`);
    return detail;
  });

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
      const bad = badNodeId(id);
      if (bad) return sendApiError(reply, 'BAD_REQUEST', bad);
      const kindList = parseKinds(kinds ?? 'any');
      if (typeof kindList === 'string') return sendApiError(reply, 'BAD_REQUEST', kindList);
      const n = deps.reader.neighborhood(await deps.cache.getLoaded(), id, hops, kindList);
      if (!n) return sendApiError(reply, 'NOT_FOUND', `No work or concept with id "${id}".`);
      return n;
    },
  );
}
