/**
 * POST /api/cypher: one read-only user query, run in the query pool's worker processes (never in
 * the server process). The answer is the worker's bytes of a CypherResponse (gzipped there when the
 * client accepts it), sent as they are;
 * errors (guard refusals, engine errors, time and memory limits, crashes, a full queue) go to the
 * server's error handler, which maps their codes with the table in http-errors.ts.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_QUERY_LENGTH } from '../../store/query-guard';
import type { QueryPool } from '../query-pool/pool';

/** What the route needs. */
export interface CypherRouteDeps {
  pool: QueryPool;
}

/** Registers POST /api/cypher. */
export function register(app: FastifyInstance, deps: CypherRouteDeps): void {
  app.post(
    '/api/cypher',
    {
      // The worker sends the answer gzipped already when the client accepts it.
      compress: false,
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
      const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const answer = await deps.pool.run({ cypher: query, params, graph: true, gzip });
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (answer.encoding === 'gzip') reply.header('content-encoding', 'gzip');
      return reply.send(answer.body);
    },
  );
}
