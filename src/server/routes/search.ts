/**
 * GET /api/search?q=&limit=: works, concepts, authors and journals by words or an exact id (DOI,
 * PMID, PMCID), answered by the search index in its worker thread. A busy, lost or slow index
 * refuses with a code of the error table and `Retry-After`.
 */
import type { FastifyInstance } from 'fastify';
import type { SearchPayload } from '../../model/api';
import type { DatasetCache } from '../dataset-cache';
import { sendApiError } from '../http-errors';

/** What the route reads. */
export interface SearchRouteDeps {
  cache: DatasetCache;
}

/** Registers GET /api/search. */
export function register(app: FastifyInstance, deps: SearchRouteDeps): void {
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
      const index = await deps.cache.getIndex();
      const result = await index.run(q, limit);
      if ('refused' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return sendApiError(reply, result.refused, result.message);
      }
      const body: SearchPayload = {
        query: q,
        hits: result.hits,
        ...(result.notice ? { notice: result.notice } : {}),
      };
      return body;
    },
  );
}
