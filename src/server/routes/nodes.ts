/**
 * One node and what surrounds it:
 * - GET /api/nodes/<id>?limit=: the node's details (properties, references, citing works,
 *   concepts), each long list cut to its first `limit` entries (default 25) beside its total;
 * - GET /api/nodes/<id>?list=<name>&offset=&limit=: one page of one of those lists, same order
 *   (a query parameter, not a path segment: ids such as DOIs hold slashes);
 * - GET /api/neighborhood/<id>?hops=&kinds=: the nodes and edges within `hops` steps on the network index.
 */
import type { FastifyInstance } from 'fastify';
import {
  DETAIL_LIST_LIMIT,
  MAX_DETAIL_LIST_LIMIT,
  NODE_LISTS,
  NODE_LISTS_OF_KIND,
  type NodeDetail,
  type NodeListName,
} from '../../model/api';
import { labelOfId } from '../../model/ids';
import type { DatasetCache } from '../dataset-cache';
import { sendApiError } from '../http-errors';
import type { GraphReader } from '../read-models/graph-reader';
import { badNodeId, nodeIdOf, parseKinds } from './params';

/** What the routes read. */
export interface NodesRouteDeps {
  cache: DatasetCache;
  reader: GraphReader;
}

/** Past any list's length (a work cited by every other one at 4.5M citations): a typo, not a page. */
const MAX_OFFSET = 100_000_000;

/** Registers GET /api/nodes/* and GET /api/neighborhood/*. */
export function register(app: FastifyInstance, deps: NodesRouteDeps): void {
  app.get(
    '/api/nodes/*',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            list: { type: 'string', enum: [...NODE_LISTS] },
            offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET },
            limit: {
              type: 'integer',
              minimum: 0,
              maximum: MAX_DETAIL_LIST_LIMIT,
              default: DETAIL_LIST_LIMIT,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const id = nodeIdOf((request.params as { '*': string })['*']);
      const { list, offset, limit } = request.query as {
        list?: NodeListName;
        offset?: number;
        limit: number;
      };
      const bad = badNodeId(id);
      if (bad) return sendApiError(reply, 'BAD_REQUEST', bad);
      const loaded = await deps.cache.getLoaded();
      if (list === undefined) {
        if (offset !== undefined)
          return sendApiError(reply, 'BAD_REQUEST', 'An offset pages one list: give `list` too.');
        const detail = await deps.reader.node(loaded, id, limit);
        if (!detail) return sendApiError(reply, 'NOT_FOUND', `No node with id "${id}".`);
        return detail;
      }
      const page = await deps.reader.nodeList(loaded, id, list, { offset: offset ?? 0, limit });
      if (page === null) return sendApiError(reply, 'NOT_FOUND', `No node with id "${id}".`);
      if (page === undefined) {
        const kind = (labelOfId(id) ?? '').toLowerCase();
        const has = (NODE_LISTS_OF_KIND[kind as NodeDetail['kind']] ?? []).join(', ');
        return sendApiError(reply, 'BAD_REQUEST', `A ${kind} has no list "${list}"; its lists: ${has}.`);
      }
      return page;
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
