/**
 * The one table from error codes to HTTP statuses, used by the server's error handler and every
 * route (routes send `sendApiError(reply, code, message)` and never pick a status themselves).
 * Every error answer has the body `{error: {code, message}}`.
 *
 * - 400: the request or the query is wrong (guard refusals, engine errors, writes, bad parameters).
 * - 403: this server will not do it for this caller (fetching is off, a page of another site).
 * - 409: a fetch job runs already. 421: the request is addressed to a name the server does not answer to.
 * - 422: the query is well formed but cannot be answered here: it needs more memory than a query
 *   may use (QUERY_MEMORY) or crashes the engine (QUERY_CRASHED). Retrying the same query gives the
 *   same answer, so the status must be one browsers never retry on their own.
 * - 429: too many queries or searches are running and waiting; comes with `Retry-After` (seconds).
 * - 503: the store or the search index is not there (yet).
 * - 504: a query or a search ran out of time (QUERY_TIMEOUT, SEARCH_TIMEOUT). Never 408, which
 *   browsers retry by themselves (the server then ran the same slow query three times).
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError } from '../model/api';
import { CrosstalkError, QueryError, type ErrorCode } from '../model/errors';

/** Codes of the HTTP layer itself, next to the {@link ErrorCode}s of the model. */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'INTERNAL'
  | 'HOST_NOT_ALLOWED'
  | 'ORIGIN_NOT_ALLOWED'
  | 'CROSS_SITE'
  | 'FETCH_DISABLED'
  | 'FETCH_BUSY'
  | 'TOO_MANY_SEARCHES'
  | 'SEARCH_UNAVAILABLE'
  | 'SEARCH_TIMEOUT';

/** HTTP status of each error code; codes of the server itself (BAD_REQUEST, NOT_FOUND …) included. */
export const HTTP_STATUS: Readonly<Record<ErrorCode | HttpErrorCode, number>> = {
  BAD_REQUEST: 400,
  USAGE: 400,
  INVALID_DATA: 400,
  QUERY: 400,
  READ_ONLY: 400,
  REFUSED: 400,
  BAD_PARAMS: 400,
  ORIGIN_NOT_ALLOWED: 403,
  CROSS_SITE: 403,
  FETCH_DISABLED: 403,
  NOT_FOUND: 404,
  FETCH_BUSY: 409,
  HOST_NOT_ALLOWED: 421,
  QUERY_MEMORY: 422,
  QUERY_CRASHED: 422,
  TOO_MANY_QUERIES: 429,
  TOO_MANY_SEARCHES: 429,
  INTERNAL: 500,
  STORE: 500,
  FETCH: 502,
  STORE_MISSING: 503,
  SEARCH_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
  SEARCH_TIMEOUT: 504,
};

/** The HTTP status of an error code (500 for a code the table does not know). */
export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Readonly<Record<string, number>>)[code] ?? 500;
}

/** Sends `{error: {code, message}}` with the status of the table. */
export function sendApiError(
  reply: FastifyReply,
  code: ErrorCode | HttpErrorCode,
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

/**
 * Installs the error handler every route throws to: schema failures are 400 BAD_REQUEST, our own
 * errors get the status of their code, anything else keeps Fastify's 4xx or becomes 500 INTERNAL
 * (logged). Malformed URLs and headers get the same JSON shape through {@link frameworkErrors}.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return sendApiError(reply, 'BAD_REQUEST', error.message);
    if (error instanceof CrosstalkError) {
      if (error.code === 'STORE') app.log.error(error);
      return sendCrosstalkError(reply, error);
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) app.log.error(error);
    return sendApiError(reply, status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', error.message, status);
  });
}

/** Fastify's `frameworkErrors` option: a malformed URL or header is a 400 in the usual shape. */
export function frameworkErrors(error: Error, _request: unknown, reply: FastifyReply): void {
  void sendApiError(reply, 'BAD_REQUEST', error.message);
}
