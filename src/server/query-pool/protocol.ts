/**
 * The messages between the query pool's supervisor (pool.ts, in the server or CLI process) and a
 * query worker (query-worker.ts, a child process). Sent over the child-process IPC channel with
 * `serialization: 'advanced'` (structured clone), so strings keep every code unit as they are.
 *
 * One query at a time per worker: the supervisor sends `query`, the worker answers with zero or
 * more `chunk`s (pieces of the answer's bytes: UTF-8 JSON, gzipped when asked for, each at most
 * {@link CHUNK_BYTES}) and then one `done`, or one `error`.
 */
import type { ErrorCode } from '../../model/errors';
import type { StoreSpec } from '../../store/graph-store';

/** Most bytes of one `chunk` message: the server's event loop handles the answer in bounded pieces. */
export const CHUNK_BYTES = 256 * 1024;

/** The first message to a worker: which store to open and how. */
export interface InitMessage {
  type: 'init';
  spec: StoreSpec;
}

/**
 * Run one user query. The worker answers with the JSON text of either a CypherResponse
 * (`graph: true`, for POST /api/cypher) or `{columns, rows, truncated, timeMs}` (`graph: false`,
 * for `crosstalk query`).
 */
export interface QueryMessage {
  type: 'query';
  id: number;
  cypher: string;
  params: Record<string, unknown>;
  /** The wall-clock budget of the whole query in the worker, in milliseconds. */
  timeLimitMs: number;
  /** Row cap; further rows are not fetched and `truncated` is set. */
  maxRows: number;
  /** Cap of the JSON size of the rows, in bytes; rows beyond it are dropped and `truncated` is set. */
  maxResultBytes: number;
  /** Include the graph of the rows (works, concepts and their relationships) in the answer. */
  graph: boolean;
  /** Gzip the answer (when it is worth it): the HTTP client accepts gzip, and the server then sends the bytes as they are. */
  gzip: boolean;
}

/**
 * Open this store now, before `init` (sent by bin/prefork.js to the worker it forks at the start of
 * `crosstalk query`, with the store the command line most likely names, while the CLI still
 * loads). Sends nothing back. The `init` that follows decides: the same spec keeps the open store,
 * another one closes it and opens its own.
 */
export interface PrepareMessage {
  type: 'prepare';
  spec: StoreSpec;
}

/** Asks the worker to close its store and exit. */
export interface CloseMessage {
  type: 'close';
}

/** Supervisor → worker. */
export type ToWorker = PrepareMessage | InitMessage | QueryMessage | CloseMessage;

/** The worker opened (or tried to open) its store and takes queries. */
export interface ReadyMessage {
  type: 'ready';
}

/** A piece of the answer's bytes. */
export interface ChunkMessage {
  type: 'chunk';
  id: number;
  data: Uint8Array;
}

/** The answer is complete (its bytes are the concatenation of the chunks). */
export interface DoneMessage {
  type: 'done';
  id: number;
  /** `gzip` when the bytes are gzipped, else plain UTF-8 JSON. */
  encoding: 'identity' | 'gzip';
  rowCount: number;
  truncated: boolean;
  /** Time of the query in the store, in milliseconds. */
  timeMs: number;
}

/** An error of the query or the store, as code and message (see {@link errorFromWire} in pool.ts). */
export interface ErrorMessage {
  type: 'error';
  id: number;
  code: ErrorCode;
  message: string;
  /** For store errors: whether trying again can help. */
  retryable: boolean;
}

/** Worker → supervisor. */
export type FromWorker = ReadyMessage | ChunkMessage | DoneMessage | ErrorMessage;
