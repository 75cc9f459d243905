/**
 * The one table from error codes to HTTP statuses, used by the server's error handler and every
 * route. Every error answer has the body `{error: {code, message}}`.
 *
 * - 400: the request or the query is wrong (guard refusals, engine errors, writes, bad parameters).
 * - 422: the query is well formed but cannot be answered here: it needs more memory than a query
 *   may use (QUERY_MEMORY) or crashes the engine (QUERY_CRASHED). Retrying the same query gives the
 *   same answer, so the status must be one browsers never retry on their own.
 * - 429: too many queries are running and waiting; comes with `Retry-After` (seconds).
 * - 504: the query ran out of time (QUERY_TIMEOUT). Never 408, which browsers retry by themselves
 *   (the server then ran the same slow query three times).
 */
import type { FastifyReply } from 'fastify';
import type { ApiError } from '../model/api';
import type { CrosstalkError } from '../model/errors';
import { QueryError, type ErrorCode } from '../model/errors';

/** HTTP status of each error code; codes of the server itself (BAD_REQUEST, NOT_FOUND …) included. */
export const HTTP_STATUS: Readonly<Record<ErrorCode | 'BAD_REQUEST' | 'NOT_FOUND' | 'INTERNAL', number>> = {
  BAD_REQUEST: 400,
  USAGE: 400,
  INVALID_DATA: 400,
  QUERY: 400,
  READ_ONLY: 400,
  REFUSED: 400,
  BAD_PARAMS: 400,
  NOT_FOUND: 404,
  QUERY_MEMORY: 422,
  QUERY_CRASHED: 422,
  TOO_MANY_QUERIES: 429,
  INTERNAL: 500,
  STORE: 500,
  FETCH: 502,
  STORE_MISSING: 503,
  QUERY_TIMEOUT: 504,
};

/** The HTTP status of an error code (500 for a code the table does not know). */
export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Readonly<Record<string, number>>)[code] ?? 500;
}

/** Sends `{error: {code, message}}` with the status of the table. */
export function sendApiError(
  reply: FastifyReply,
  code: string,
  message: string,
  status = httpStatusOf(code),
): FastifyReply {
  const body: ApiError = { error: { code, message } };
  return reply.status(status).type('application/json').send(body);
}

/** Sends a CrosstalkError with its status, and `Retry-After` when the error says when to retry. */
export function sendCrosstalkError(reply: FastifyReply, error: CrosstalkError): FastifyReply {
  if (error instanceof QueryError && error.retryAfterSeconds !== null) {
    reply.header('retry-after', String(error.retryAfterSeconds));
  }
  return sendApiError(reply, error.code, error.message);
}
