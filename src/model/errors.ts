/**
 * Errors of crosstalk-kg. Every error carries a stable `code` that tests and the CLI check,
 * and a message that says what went wrong and what to do about it.
 */

/** Stable error codes. */
export type ErrorCode =
  | 'INVALID_DATA'
  | 'USAGE'
  | 'STORE'
  | 'STORE_MISSING'
  | 'QUERY'
  | 'QUERY_TIMEOUT'
  | 'QUERY_MEMORY'
  | 'QUERY_CRASHED'
  | 'TOO_MANY_QUERIES'
  | 'READ_ONLY'
  | 'REFUSED'
  | 'BAD_PARAMS'
  | 'FETCH';

/** Base class of every error this project throws on purpose. */
export class CrosstalkError extends Error {
  /** A stable, machine-readable code. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found in a data file, located by file, 1-based line and field path. */
export interface DataIssue {
  file: string;
  line: number;
  field: string;
  problem: string;
}

/** Formats an issue as `file:line: field: problem`, the form editors and terminals link. */
export function formatIssue(issue: DataIssue): string {
  return `${issue.file}:${issue.line}: ${issue.field}: ${issue.problem}`;
}

/**
 * Invalid input data. Carries every issue found (the first one in `file`, `line`, `field`),
 * so one run reports all problems of a dataset at once.
 */
export class ValidationError extends CrosstalkError {
  readonly issues: readonly DataIssue[];
  readonly file: string;
  readonly line: number;
  readonly field: string;

  /** @throws never; `issues` must not be empty. */
  constructor(issues: readonly DataIssue[]) {
    const first = issues[0];
    if (!first) throw new TypeError('ValidationError needs at least one issue');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
    super('INVALID_DATA', `${formatIssue(first)}${more}`);
    this.issues = issues;
    this.file = first.file;
    this.line = first.line;
    this.field = first.field;
  }
}

/** Wrong command-line usage or a bad parameter. */
export class UsageError extends CrosstalkError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** A failure of the database or its files. `retryable` says whether trying again can help. */
export class StoreError extends CrosstalkError {
  readonly retryable: boolean;

  constructor(
    message: string,
    options: { retryable?: boolean; cause?: unknown; code?: 'STORE' | 'STORE_MISSING' } = {},
  ) {
    super(options.code ?? 'STORE', message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}

/** Codes of a {@link QueryError}. */
export type QueryErrorCode =
  | 'QUERY'
  | 'QUERY_TIMEOUT'
  | 'QUERY_MEMORY'
  | 'QUERY_CRASHED'
  | 'TOO_MANY_QUERIES'
  | 'READ_ONLY'
  | 'REFUSED'
  | 'BAD_PARAMS';

/**
 * A query the engine rejected or could not finish (`message` is the engine's own text), one the
 * query guard refused before it reached the engine (code REFUSED; BAD_PARAMS for parameters over a
 * limit of src/store/query-guard.ts), or one the query pool stopped:
 * past its time limit (QUERY_TIMEOUT), past its memory cap (QUERY_MEMORY), the engine crashed on it
 * (QUERY_CRASHED), or too many queries were waiting (TOO_MANY_QUERIES, with `retryAfterSeconds`).
 */
export class QueryError extends CrosstalkError {
  /** For TOO_MANY_QUERIES: seconds after which trying again is likely to be served. */
  readonly retryAfterSeconds: number | null;

  constructor(
    message: string,
    options: { code?: QueryErrorCode; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(options.code ?? 'QUERY', message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/**
 * A request to an outside API (OpenAlex, PubMed) that failed for good: after its retries, or with
 * an answer that retrying cannot change (400, 401, 403, an HTML page, truncated data).
 * `url` is the request without credentials; `status` the last HTTP status (null: no answer).
 */
export class FetchError extends CrosstalkError {
  readonly url: string;
  readonly status: number | null;

  constructor(message: string, options: { url: string; status?: number | null; cause?: unknown }) {
    super('FETCH', message, { cause: options.cause });
    this.url = options.url;
    this.status = options.status ?? null;
  }
}

/** Narrows an unknown thrown value to a readable message. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
