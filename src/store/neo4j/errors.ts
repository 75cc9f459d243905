/**
 * Mapping of neo4j-driver errors to the errors of this project: a rejected query becomes a
 * QueryError with the same codes the embedded store uses, a connection problem a StoreError with
 * one line that says what failed and what to check.
 */
import { Neo4jError } from 'neo4j-driver';
import { QueryError, StoreError, errorMessage } from '../../model/errors';

/** Where the store was trying to connect, for messages. */
export interface ConnectionContext {
  uri: string;
  user: string;
  database?: string;
}

/** How a driver error should be treated. */
export type ErrorKind =
  | 'refused'
  | 'unauthorized'
  | 'rate-limited'
  | 'password-expired'
  | 'no-database'
  | 'starting'
  | 'timeout'
  | 'read-only'
  | 'query'
  | 'other';

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

const READ_ONLY_CODES = new Set([
  'Neo.ClientError.Statement.AccessMode',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
]);

/**
 * The error of a transaction past its memory cap (db.memory.transaction.max and the totals). It is
 * a TransientError, which the driver's managed transactions retry: {@link memoryError} turns it
 * into a QueryError so that the same query is not run again and again.
 */
export const MEMORY_CODE = 'Neo.TransientError.General.MemoryPoolOutOfMemoryError';

/** A QueryError (QUERY_MEMORY) for a transaction past its memory cap, or null for other errors. */
export function memoryError(e: unknown): QueryError | null {
  if (driverCode(e) !== MEMORY_CODE) return null;
  const message = errorMessage(e).trim();
  return new QueryError(
    `${message} The query needs more memory than one query may use on this server; narrow it, aggregate less, or add LIMIT.`,
    { code: 'QUERY_MEMORY', cause: e },
  );
}

/** The driver's error code, or '' for errors that do not come from the driver. */
export function driverCode(e: unknown): string {
  return e instanceof Neo4jError ? e.code : '';
}

/** Classifies an error thrown by the driver. */
export function classify(e: unknown): ErrorKind {
  const code = driverCode(e);
  if (code === '') return 'other';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return 'refused';
  if (code === 'Neo.ClientError.Security.Unauthorized') return 'unauthorized';
  if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') return 'rate-limited';
  if (code === 'Neo.ClientError.Security.CredentialsExpired') return 'password-expired';
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') return 'no-database';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (READ_ONLY_CODES.has(code)) return 'read-only';
  if (code === 'Neo.TransientError.General.DatabaseUnavailable') return 'starting';
  if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
    return 'query';
  }
  return 'other';
}

/** True for errors that mean "could not reach or log in to the database" rather than "bad query". */
export function isConnectionError(e: unknown): boolean {
  const k = classify(e);
  return (
    k === 'refused' ||
    k === 'unauthorized' ||
    k === 'rate-limited' ||
    k === 'password-expired' ||
    k === 'no-database' ||
    k === 'starting'
  );
}

/** One line for a connection problem: what failed and what to check. */
export function connectionError(e: unknown, ctx: ConnectionContext): StoreError {
  const db = ctx.database ?? 'neo4j';
  const cause = errorMessage(e).split('\n')[0] ?? '';
  switch (classify(e)) {
    case 'unauthorized':
      return new StoreError(
        `Neo4j at ${ctx.uri} rejected user "${ctx.user}": check NEO4J_USER/NEO4J_PASSWORD (or --neo4j-user/--neo4j-password).`,
        { cause: e },
      );
    case 'rate-limited':
      return new StoreError(
        `Neo4j at ${ctx.uri} blocks logins for a few seconds after failed attempts: check NEO4J_USER/NEO4J_PASSWORD, then try again.`,
        { cause: e, retryable: true },
      );
    case 'password-expired':
      return new StoreError(
        `Neo4j at ${ctx.uri} requires a new password for "${ctx.user}" before use: set it (e.g. in Neo4j Browser or cypher-shell), then set NEO4J_PASSWORD.`,
        { cause: e },
      );
    case 'no-database':
      return new StoreError(
        `Neo4j at ${ctx.uri} has no database "${db}": check NEO4J_DATABASE (Neo4j Community has one user database, "neo4j").`,
        { cause: e },
      );
    case 'starting':
      return new StoreError(
        `Neo4j at ${ctx.uri} is still starting (database "${db}" is not available yet); try again in a moment.`,
        { cause: e, retryable: true },
      );
    default: {
      const why = /ECONNREFUSED/.test(cause) ? 'connection refused' : cause;
      return new StoreError(
        `Cannot connect to Neo4j (${why}): is Neo4j running at ${ctx.uri}? Start one with npm run neo4j:local, or set NEO4J_URI.`,
        { cause: e, retryable: true },
      );
    }
  }
}

/**
 * The error a failed read query becomes: QueryError with code QUERY_TIMEOUT, READ_ONLY or QUERY
 * (message = Neo4j's message), or a StoreError for connection problems.
 */
export function queryError(e: unknown, ctx: ConnectionContext): QueryError | StoreError {
  if (e instanceof QueryError || e instanceof StoreError) return e;
  if (isConnectionError(e)) return connectionError(e, ctx);
  const memory = memoryError(e);
  if (memory) return memory;
  const message = errorMessage(e).trim();
  switch (classify(e)) {
    case 'timeout':
      return new QueryError(`${message} The query took longer than its time limit; narrow it or add LIMIT.`, {
        code: 'QUERY_TIMEOUT',
        cause: e,
      });
    case 'read-only':
      return new QueryError(message, { code: 'READ_ONLY', cause: e });
    default:
      return new QueryError(message, { cause: e });
  }
}
