/**
 * Refuses a request whose query or JSON body holds a number that is not finite, on every route.
 * Ajv 8 coerces the query value "Infinity" to the number Infinity and then checks `minimum` and
 * `maximum` only for finite numbers, so `?limit=Infinity` passed every cap (GET /api/nodes/<id>
 * sent a node's whole lists, /api/neighborhood took `hops=Infinity`); JSON.parse makes Infinity of
 * a body's `1e999` the same way. No route takes a non-finite number, so the check is here, once,
 * after validation, rather than in each schema.
 */
import type { FastifyInstance } from 'fastify';
import { sendApiError } from './http-errors';

/** Where in `value` (a parsed query or body) a non-finite number is, as `where/key/…`, or null. */
export function nonFinitePath(value: unknown, where: string): string | null {
  // A walk with a stack, not recursion: a body may nest deeper than the call stack.
  const stack: [unknown, string][] = [[value, where]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, path] = next;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push([x, `${path}/${k}`]);
    }
  }
  return null;
}

/** Registers the check as a preHandler hook (after each route's schema has coerced its input). */
export function registerFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    const where = nonFinitePath(request.query, 'querystring') ?? nonFinitePath(request.body, 'body');
    if (where) return sendApiError(reply, 'BAD_REQUEST', `${where} must be a finite number.`);
  });
}
