/**
 * GET /api/paths?from=&to=&via=&directed=&max=&limit=: the shortest paths between two nodes on
 * the network index, following the given relationship kinds, with a sentence that says what was
 * found (or that nothing was, and whether ignoring direction would find one).
 */
import type { FastifyInstance } from 'fastify';
import { NETWORK_EDGE_KINDS, type PathNodeRef, type PathsPayload } from '../../model/api';
import { DEFAULT_PATHS, DEFAULT_PATH_HOPS, MAX_PATHS, MAX_PATH_HOPS } from '../../model/network-index';
import type { DatasetCache } from '../dataset-cache';
import { sendApiError } from '../http-errors';
import { MAX_ID_LENGTH, parseKinds } from './params';

/** What the route reads. */
export interface PathsRouteDeps {
  cache: DatasetCache;
}

/** Registers GET /api/paths. */
export function register(app: FastifyInstance, deps: PathsRouteDeps): void {
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
      if (typeof via === 'string') return sendApiError(reply, 'BAD_REQUEST', via);
      if (from === to) return sendApiError(reply, 'BAD_REQUEST', '"from" and "to" are the same node.');
      const { index, nodes } = await deps.cache.getLoaded();
      for (const id of [from, to]) {
        if (!index.has(id)) return sendApiError(reply, 'NOT_FOUND', `No work or concept with id "${id}".`);
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
}
