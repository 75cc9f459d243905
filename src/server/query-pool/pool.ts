/**
 * The query pool: user Cypher (POST /api/cypher, `crosstalk query`) never runs in the server
 * process. It runs in a few prespawned worker processes (query-worker.ts) that this supervisor
 * watches and replaces.
 *
 * Mechanism
 * - `child_process.fork` of query-worker.ts with an IPC channel (`serialization: 'advanced'`),
 *   started with `--import <the TypeScript loader>` (bin/ts-hooks.js) so the TypeScript worker runs the same way under
 *   `node bin/crosstalk.js` (which registers it in-process, an option a fork does not inherit) and
 *   inside vitest's forks. Each worker opens the store itself from {@link StoreSpec} (the embedded
 *   database read-only with a {@link DEFAULT_WORKER_BUFFER_POOL_BYTES} buffer pool; Neo4j through
 *   its own driver) and answers one query at a time.
 * - One wall-clock limit per query covers guard, parse, plan, execution and conversion: the worker
 *   gives the engine what is left of it as its timeout; the supervisor SIGKILLs the worker at limit
 *   + {@link KILL_GRACE_MS} if no answer came (Kuzu does not interrupt a slow parse).
 * - A memory cap per worker: while a query runs the supervisor reads the worker's resident set
 *   every {@link RSS_POLL_MS} ms (Linux: `VmRSS` of /proc/<pid>/status; macOS and others:
 *   `ps -o rss= -p <pid>`) and SIGKILLs it beyond the cap.
 * - A worker that crashed or was killed is replaced at once. One spare worker beyond the `size`
 *   that run queries is kept started, so the next query does not wait for the replacement to
 *   start (a start with tsx, the engine and the database takes 0.5–3 s on a busy 2-core machine).
 * - At most `size` queries run at once; up to `maxQueued` wait (each at most `queueWaitMs`) for a
 *   free worker, and only as many as are likely to start within that wait (queue length × the
 *   moving average of a query's time ÷ `size`): fast queries get a long queue (200 clients of a
 *   10 ms query are all served), slow ones a short one. Beyond that a query is refused at once with
 *   TOO_MANY_QUERIES and a Retry-After estimate.
 * - Answers come back as bytes in chunks (see protocol.ts), already serialised and, for an HTTP
 *   client that accepts it, gzipped: the server sends them as they are, so serialising or
 *   compressing a large result never runs in the server process.
 * - Workers can run at a lower CPU priority (`niceness`), but do not by default: measured with 200
 *   clients, niceness 10 let the server's own work (answering 429s) starve the workers (3,002
 *   queries served in 20 s instead of 3,869).
 * - `crosstalk query` forks its worker at the CLI's first line (bin/prefork.js), so the worker
 *   starts, and opens the store the command line most likely names, while the CLI loads; the pool
 *   adopts that child as its first worker when it was forked exactly as the pool would fork it
 *   (see {@link adoptPreforkedWorker}).
 * - The IPC channels are unreferenced while the pool is idle, so an idle pool does not keep a
 *   process alive; a worker whose channel closes (its parent died) exits.
 *
 * Over 400 lines on purpose: spawning, watching (memory, deadline), replacing and queueing the
 * workers act on one state per worker; split, its invariants (one query per worker at a time, a
 * killed worker is never reused, every waiting query ends) would span files. The worker's side is
 * query-worker.ts, the messages protocol.ts.
 */
import { fork, execFile, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CrosstalkError, QueryError, StoreError } from '../../model/errors';
import { DEFAULT_ENGINE } from '../../store/embedded/engine';
import { DEFAULT_MAX_ROWS, type StoreSpec } from '../../store/graph-store';
import { checkReadQuery } from '../../store/query-guard';
import type { ErrorMessage, FromWorker, ToWorker } from './protocol';

const MiB = 1024 * 1024;

/** Default number of worker processes (one per core of a small machine). */
export const DEFAULT_QUERY_WORKERS = 2;
/** Default number of spare workers (see {@link QueryPoolOptions.spares}). */
export const DEFAULT_SPARE_WORKERS = 1;
/** Default wall-clock limit of one query, in milliseconds. */
export const DEFAULT_QUERY_TIME_LIMIT_MS = 5_000;
/** Default memory cap of one worker (its resident set), in bytes. */
export const DEFAULT_QUERY_MEMORY_BYTES = 1024 * MiB;
/** Default cap of the JSON size of a result's rows, in bytes. */
export const DEFAULT_MAX_RESULT_BYTES = 32 * MiB;
/** Default number of queries that may wait for a free worker. */
export const DEFAULT_MAX_QUEUED = 256;
/** Default longest wait for a free worker, in milliseconds. */
export const DEFAULT_QUEUE_WAIT_MS = 5_000;
/** Buffer pool of the embedded engine in a worker, in bytes: bounds the engine's page cache. */
export const DEFAULT_WORKER_BUFFER_POOL_BYTES = 128 * MiB;
/** How long past the limit a worker may take to answer before it is killed, in milliseconds. */
export const KILL_GRACE_MS = 1_000;
/** Interval of the memory checks of a busy worker, in milliseconds. */
export const RSS_POLL_MS = 50;
/** A worker that sent nothing for this long after it was started is killed and replaced. */
const START_TIMEOUT_MS = 60_000;

const WORKER_FILE = fileURLToPath(new URL('./query-worker.ts', import.meta.url));
/** The project's TypeScript loader (bin/ts-hooks.js: precompiled, tsx on older Node), by absolute URL. */
const TS_LOADER = new URL('../../../bin/ts-hooks.js', import.meta.url).href;

/** The global slot where bin/prefork.js leaves the worker it forked for `crosstalk query`. */
const PREFORK_SLOT = Symbol.for('crosstalk.preforkedQueryWorker');

/** What bin/prefork.js leaves in {@link PREFORK_SLOT}. */
interface Preforked {
  child: ChildProcess;
  serialization: string;
  /** The embedded engine its `prepare` loaded, or null. */
  engine: string | null;
}

/**
 * The query worker that bin/crosstalk.js forked at its start for `crosstalk query` (bin/prefork.js),
 * taken out of its global slot, if it is alive, was forked exactly as {@link QueryPool} would fork
 * it now (same Node, loader, heap cap `execArgv`, worker file, serialisation and stdio), and loaded
 * no other embedded engine than `spec` needs (a process holds one). A child that does not match is
 * killed. It has at most opened a store of its own guess (a `prepare`); the `init` the pool sends
 * decides which store it answers from, as for any worker, so adopting it changes when the worker
 * starts, not what it runs or how it is watched.
 */
function adoptPreforkedWorker(execArgv: readonly string[], spec: StoreSpec): ChildProcess | null {
  const slot = globalThis as { [PREFORK_SLOT]?: Preforked };
  const preforked = slot[PREFORK_SLOT];
  if (!preforked) return null;
  delete slot[PREFORK_SLOT];
  const { child } = preforked;
  const expected = [process.execPath, ...execArgv, WORKER_FILE];
  const engineFits =
    preforked.engine === null ||
    spec.backend !== 'embedded' ||
    preforked.engine === (spec.options.engine ?? DEFAULT_ENGINE);
  const same =
    engineFits &&
    preforked.serialization === 'advanced' &&
    child.exitCode === null &&
    child.signalCode === null &&
    child.connected &&
    child.stdin === null &&
    child.stdout === null &&
    child.stderr !== null &&
    child.spawnargs.length === expected.length &&
    child.spawnargs.every((a, i) => a === expected[i]);
  if (same) return child;
  child.kill('SIGKILL');
  return null;
}

/** Options of {@link QueryPool}. */
export interface QueryPoolOptions {
  /** The store the workers open. */
  spec: StoreSpec;
  /** How many queries run at once, one worker process each (default {@link DEFAULT_QUERY_WORKERS}). */
  size?: number;
  /**
   * Started workers beyond `size`, ready to take over at once from a worker that crashed or was
   * killed while its replacement starts (default {@link DEFAULT_SPARE_WORKERS}).
   */
  spares?: number;
  /** Wall-clock limit of one query, in milliseconds (default {@link DEFAULT_QUERY_TIME_LIMIT_MS}). */
  timeLimitMs?: number;
  /** Memory cap of one worker in bytes (default {@link DEFAULT_QUERY_MEMORY_BYTES}). */
  memoryLimitBytes?: number;
  /** Row cap of a result (default 10,000). */
  maxRows?: number;
  /** Cap of the JSON size of a result's rows in bytes (default {@link DEFAULT_MAX_RESULT_BYTES}). */
  maxResultBytes?: number;
  /** Queries that may wait for a free worker (default {@link DEFAULT_MAX_QUEUED}). */
  maxQueued?: number;
  /** Longest wait for a free worker, in milliseconds (default {@link DEFAULT_QUEUE_WAIT_MS}). */
  queueWaitMs?: number;
  /** Buffer pool of the embedded engine in each worker (default {@link DEFAULT_WORKER_BUFFER_POOL_BYTES}). */
  workerBufferPoolBytes?: number;
  /** CPU niceness of the workers (0, the default: the server's; up to 19: the lowest priority). */
  niceness?: number;
  /** Told about workers that crashed or were killed (for the server's log). */
  onEvent?: (event: PoolEvent) => void;
}

/** Something that happened to a worker. */
export interface PoolEvent {
  kind: 'crashed' | 'killed-timeout' | 'killed-memory' | 'start-failed';
  pid: number | undefined;
  message: string;
}

/** One query for the pool. */
export interface PoolQuery {
  cypher: string;
  params?: Record<string, unknown>;
  /** Include the graph of the rows: the answer is a CypherResponse (POST /api/cypher). */
  graph: boolean;
  /** The answer may come gzipped (the HTTP client accepts it); see {@link PoolAnswer.encoding}. */
  gzip?: boolean;
}

/** The answer to a {@link PoolQuery}. */
export interface PoolAnswer {
  /**
   * The answer as UTF-8 JSON (gzipped when `encoding` says so): a CypherResponse when `graph` was
   * asked for, else `{columns, rows, truncated, timeMs}`.
   */
  body: Buffer;
  encoding: 'identity' | 'gzip';
  rowCount: number;
  truncated: boolean;
  timeMs: number;
}

/** Why a worker was killed on purpose. */
type KillReason = 'timeout' | 'memory' | 'close';

interface Job {
  id: number;
  query: PoolQuery;
  params: Record<string, unknown>;
  resolve: (a: PoolAnswer) => void;
  reject: (e: Error) => void;
  queueTimer: NodeJS.Timeout | null;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job: Job | null;
  chunks: Uint8Array[];
  startedAt: number;
  killTimer: NodeJS.Timeout | null;
  rssTimer: NodeJS.Timeout | null;
  killReason: KillReason | null;
  /** Its memory is being checked after a query: not free yet. */
  checking: boolean;
  /** Taken out of the pool (killed or crashed); its exit needs no more handling. */
  retired: boolean;
  /** The last few kB the worker wrote to stderr, for the log. */
  stderr: string;
  exited: Promise<void>;
}

/** The resident set of a process in bytes, or null when it cannot be read (it exited). */
export async function residentBytes(pid: number): Promise<number | null> {
  try {
    if (process.platform === 'linux') {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return m ? Number(m[1]) * 1024 : null;
    }
    const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
    const kb = Number(stdout.trim());
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    return null;
  }
}

/** Rebuilds the worker's error on this side of the channel. */
export function errorFromWire(m: ErrorMessage): Error {
  switch (m.code) {
    case 'STORE':
    case 'STORE_MISSING':
      return new StoreError(m.message, { code: m.code, retryable: m.retryable });
    case 'QUERY':
    case 'QUERY_TIMEOUT':
    case 'QUERY_MEMORY':
    case 'QUERY_CRASHED':
    case 'TOO_MANY_QUERIES':
    case 'READ_ONLY':
    case 'REFUSED':
    case 'BAD_PARAMS':
      return new QueryError(m.message, { code: m.code });
    default:
      // A code this switch does not know yet keeps its code (and so its HTTP status).
      return new CrosstalkError(m.code, m.message);
  }
}

const mib = (bytes: number): string => `${Math.round(bytes / MiB)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

/** A supervised pool of query worker processes (see the module comment). */
export class QueryPool {
  readonly size: number;
  readonly spares: number;
  readonly timeLimitMs: number;
  readonly memoryLimitBytes: number;
  readonly maxRows: number;
  readonly maxResultBytes: number;
  readonly maxQueued: number;
  readonly queueWaitMs: number;
  private readonly niceness: number;
  private readonly spec: StoreSpec;
  private readonly onEvent: (e: PoolEvent) => void;
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private closing: Promise<void> | null = null;
  /** Consecutive workers that died before they were ready. */
  private startFailures = 0;
  private lastStartError = '';
  /** Moving average of the time a query holds a worker, for Retry-After. */
  private averageMs = 100;

  /** Starts `size` workers at once (they open the store while the caller goes on). */
  constructor(options: QueryPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? DEFAULT_QUERY_WORKERS));
    this.spares = Math.max(0, Math.floor(options.spares ?? DEFAULT_SPARE_WORKERS));
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_QUERY_TIME_LIMIT_MS;
    this.memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_QUERY_MEMORY_BYTES;
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.maxResultBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
    this.maxQueued = Math.max(0, Math.floor(options.maxQueued ?? DEFAULT_MAX_QUEUED));
    this.queueWaitMs = options.queueWaitMs ?? DEFAULT_QUEUE_WAIT_MS;
    this.niceness = options.niceness ?? 0;
    this.onEvent = options.onEvent ?? (() => undefined);
    const bufferPool = options.workerBufferPoolBytes ?? DEFAULT_WORKER_BUFFER_POOL_BYTES;
    // Only the buffer pool changes; every other option of the store reaches the worker as given.
    this.spec =
      options.spec.backend === 'embedded'
        ? { ...options.spec, options: { ...options.spec.options, bufferPoolBytes: bufferPool } }
        : options.spec;
    for (let i = 0; i < this.size + this.spares; i++) this.spawn();
  }

  /** Process ids of the live workers. */
  get pids(): number[] {
    return [...this.workers].map((w) => w.child.pid).filter((p): p is number => p !== undefined);
  }

  /**
   * Runs one user query in a worker. Refuses what the query guard refuses before it takes a slot.
   * @throws QueryError REFUSED (guard), QUERY / READ_ONLY (engine), QUERY_TIMEOUT, QUERY_MEMORY,
   *   QUERY_CRASHED, TOO_MANY_QUERIES (with `retryAfterSeconds`); StoreError when the store cannot
   *   be opened.
   */
  run(query: PoolQuery): Promise<PoolAnswer> {
    const params = query.params ?? {};
    try {
      checkReadQuery(query.cypher, params);
    } catch (e: unknown) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    if (this.closed) return Promise.reject(new StoreError('The server is shutting down; try again.'));
    if (this.startFailures >= 3 && !this.anyReady()) {
      return Promise.reject(
        new StoreError(`The query workers could not start: ${this.lastStartError || 'no reason given'}`),
      );
    }
    return new Promise<PoolAnswer>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        query,
        params,
        resolve,
        reject,
        queueTimer: null,
      };
      const idle = this.idleWorker();
      if (idle) return this.dispatch(idle, job);
      if (this.queue.length >= this.maxQueued) return reject(this.busyError('found the queue full'));
      // Admitted only if it is likely to start within the wait: slow queries get a short queue.
      if (this.anyReady() && ((this.queue.length + 1) * this.averageMs) / this.size > this.queueWaitMs) {
        return reject(this.busyError(`would wait longer than ${secs(this.queueWaitMs)}`));
      }
      const expire = (): void => {
        // While no worker is ready yet (the pool is starting, or replacing crashed workers) the
        // wait is for a start, not for other queries: keep waiting (a start that fails for good
        // rejects the queue).
        if (!this.anyReady()) {
          job.queueTimer = setTimeout(expire, 250);
          return;
        }
        const i = this.queue.indexOf(job);
        if (i >= 0) this.queue.splice(i, 1);
        this.updateRefs();
        reject(this.busyError(`waited ${secs(this.queueWaitMs)} for a free worker`));
      };
      job.queueTimer = setTimeout(expire, this.queueWaitMs);
      this.queue.push(job);
      this.updateRefs();
    });
  }

  /** Stops every worker (asking first, then SIGKILL after 2 s) and refuses what still waits. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      this.closed = true;
      for (const job of this.queue.splice(0)) {
        if (job.queueTimer) clearTimeout(job.queueTimer);
        job.reject(new StoreError('The server is shutting down; try again.'));
      }
      await Promise.all(
        [...this.workers].map(async (w) => {
          if (w.child.exitCode === null && w.child.signalCode === null) {
            w.killReason = 'close';
            // Keep this process alive until the worker has gone (an idle pool's handles are unreferenced).
            w.child.ref();
            w.child.channel?.ref();
            if (w.child.connected) this.post(w, { type: 'close' });
            const force = setTimeout(() => w.child.kill('SIGKILL'), 2_000);
            await w.exited;
            clearTimeout(force);
          }
        }),
      );
    })());
  }

  /**
   * Ends every worker at once with SIGKILL and refuses what still waits, without waiting for the
   * workers to exit: for a process about to exit itself whose workers hold nothing to flush (the
   * CLI after its one query on the read-only embedded store). The kernel ends a SIGKILLed process
   * for certain, so no worker outlives this one for long; asking and waiting ({@link close})
   * costs the store's close and the engine's teardown, about 25 ms of a 0.3 s command.
   */
  abandon(): void {
    this.closed = true;
    this.closing ??= Promise.resolve();
    for (const job of this.queue.splice(0)) {
      if (job.queueTimer) clearTimeout(job.queueTimer);
      job.reject(new StoreError('The server is shutting down; try again.'));
    }
    for (const w of this.workers) {
      this.stopWatching(w);
      w.killReason = 'close';
      w.child.kill('SIGKILL');
      // Nor does this process wait for the pipes of a process that is being torn down.
      if (w.child.connected) w.child.disconnect();
      w.child.stderr?.destroy();
    }
  }

  private busyError(why: string): QueryError {
    const waiting = this.queue.length + this.size;
    const retryAfterSeconds = Math.min(
      30,
      Math.max(1, Math.ceil((waiting * this.averageMs) / this.size / 1000)),
    );
    return new QueryError(
      `Too many queries: ${this.size} are running and ${this.queue.length} are waiting; this one ${why}. Try again in ${retryAfterSeconds} s.`,
      { code: 'TOO_MANY_QUERIES', retryAfterSeconds },
    );
  }

  private anyReady(): boolean {
    return [...this.workers].some((w) => w.ready);
  }

  /** A ready worker without a job, unless `size` queries already run (the rest are spares). */
  private idleWorker(): Worker | undefined {
    const workers = [...this.workers];
    if (workers.filter((w) => w.job !== null).length >= this.size) return undefined;
    return workers.find((w) => w.ready && !w.job && !w.checking && w.killReason === null);
  }

  private post(w: Worker, message: ToWorker): void {
    try {
      w.child.send(message);
    } catch {
      // The worker is exiting; its exit handler deals with the job.
    }
  }

  private spawn(): void {
    if (this.closed) return;
    const execArgv = [
      '--import',
      TS_LOADER,
      `--max-old-space-size=${Math.max(64, Math.floor(this.memoryLimitBytes / MiB))}`,
    ];
    const child =
      adoptPreforkedWorker(execArgv, this.spec) ??
      fork(WORKER_FILE, [], {
        execArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
    let markExited: () => void = () => undefined;
    const w: Worker = {
      child,
      ready: false,
      job: null,
      chunks: [],
      startedAt: performance.now(),
      killTimer: null,
      rssTimer: null,
      killReason: null,
      checking: false,
      retired: false,
      stderr: '',
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    this.workers.add(w);
    if (child.pid !== undefined && this.niceness !== 0) {
      try {
        setPriority(child.pid, this.niceness);
      } catch {
        // not allowed here: the worker runs at the server's priority
      }
    }
    child.unref();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      w.stderr = (w.stderr + text).slice(-4096);
    });
    const startTimer = setTimeout(() => {
      if (!w.ready) child.kill('SIGKILL');
    }, START_TIMEOUT_MS);
    startTimer.unref();
    child.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        clearTimeout(startTimer);
        w.ready = true;
        this.startFailures = 0;
        this.drain();
      } else this.answer(w, m);
    });
    child.on('error', () => undefined); // an 'exit' follows; a failed send is handled there
    child.on('exit', (code, signal) => {
      clearTimeout(startTimer);
      markExited();
      this.exited(w, code, signal);
      this.stopWatching(w);
      this.workers.delete(w);
    });
    this.post(w, { type: 'init', spec: this.spec });
    this.updateRefs();
  }

  /** A worker exited: fail its job with what happened, and start a replacement. */
  private exited(w: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (w.retired) return; // killed on purpose: already answered and replaced
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (w.killReason === 'close' || this.closed) {
      w.job?.reject(new StoreError('The server is shutting down; try again.'));
      w.job = null;
      return;
    }
    if (!w.ready) {
      this.startFailures++;
      this.lastStartError = `${how}${w.stderr ? `: ${w.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`;
      this.onEvent({ kind: 'start-failed', pid: w.child.pid, message: this.lastStartError });
      if (this.startFailures >= 3 && !this.anyReady()) {
        for (const queued of this.queue.splice(0)) {
          if (queued.queueTimer) clearTimeout(queued.queueTimer);
          queued.reject(new StoreError(`The query workers could not start: ${this.lastStartError}`));
        }
      }
      // Back off when workers keep failing to start, so a broken install does not spin the CPU.
      const delay = Math.min(5_000, 100 * 2 ** Math.min(this.startFailures, 6));
      setTimeout(() => this.spawn(), this.startFailures > 1 ? delay : 0).unref();
      return;
    }
    const memory = /heap out of memory/i.test(w.stderr);
    this.retire(w, memory ? 'memory' : 'crash', how);
  }

  /**
   * Takes a worker out of the pool (it was killed or it crashed): answers its job with what
   * happened, starts a replacement and hands waiting jobs to the spare.
   */
  private retire(w: Worker, why: 'timeout' | 'memory' | 'crash', how: string): void {
    if (w.retired) return;
    w.retired = true;
    this.stopWatching(w);
    this.workers.delete(w);
    const job = w.job;
    w.job = null;
    this.spawn();
    if (job) {
      this.settled(w);
      const query = job.query.cypher.slice(0, 200);
      if (why === 'timeout') {
        this.onEvent({ kind: 'killed-timeout', pid: w.child.pid, message: query });
        job.reject(
          new QueryError(
            `The query did not finish within its time limit of ${secs(this.timeLimitMs)} and was stopped; nothing was changed. Narrow it (a label, a WHERE, fewer hops) or add LIMIT.`,
            { code: 'QUERY_TIMEOUT' },
          ),
        );
      } else if (why === 'memory') {
        this.onEvent({ kind: 'killed-memory', pid: w.child.pid, message: query });
        job.reject(
          new QueryError(
            `The query needed more than the memory limit of ${mib(this.memoryLimitBytes)} and was stopped; nothing was changed. Count or aggregate instead of listing, narrow the MATCH or add LIMIT.`,
            { code: 'QUERY_MEMORY' },
          ),
        );
      } else {
        this.onEvent({ kind: 'crashed', pid: w.child.pid, message: `${how}: ${query}` });
        job.reject(
          new QueryError(
            `The engine crashed on this query; nothing was changed. Try writing it differently: check for null before keys(), IN or list functions (e.g. WHERE x IS NOT NULL), and avoid deeply nested expressions. (The query’s worker process ended with ${how}; nothing else was affected.)`,
            { code: 'QUERY_CRASHED' },
          ),
        );
      }
    }
    this.drain();
  }

  /** Hands waiting jobs to free workers. */
  private drain(): void {
    for (let w = this.idleWorker(); w && this.queue.length > 0; w = this.idleWorker()) {
      this.dispatch(w, this.queue.shift()!);
    }
    this.updateRefs();
  }

  private dispatch(w: Worker, job: Job): void {
    if (job.queueTimer) clearTimeout(job.queueTimer);
    job.queueTimer = null;
    w.job = job;
    w.chunks = [];
    w.startedAt = performance.now();
    this.post(w, {
      type: 'query',
      id: job.id,
      cypher: job.query.cypher,
      params: job.params,
      timeLimitMs: this.timeLimitMs,
      maxRows: this.maxRows,
      maxResultBytes: this.maxResultBytes,
      graph: job.query.graph,
      gzip: job.query.gzip ?? false,
    });
    w.killTimer = setTimeout(() => this.kill(w, 'timeout'), this.timeLimitMs + KILL_GRACE_MS);
    this.watchMemory(w);
    this.updateRefs();
  }

  private kill(w: Worker, reason: 'timeout' | 'memory'): void {
    if (w.killReason !== null) return;
    w.killReason = reason;
    w.child.kill('SIGKILL');
    // Answered and replaced now, not at its exit: tearing down a large process can take a second.
    this.retire(w, reason, 'SIGKILL');
  }

  private watchMemory(w: Worker): void {
    const pid = w.child.pid;
    if (pid === undefined) return;
    let reading = false;
    w.rssTimer = setInterval(() => {
      if (reading) return;
      reading = true;
      void residentBytes(pid).then((rss) => {
        reading = false;
        if (rss !== null && rss > this.memoryLimitBytes && w.job) this.kill(w, 'memory');
      });
    }, RSS_POLL_MS);
    w.rssTimer.unref();
  }

  private stopWatching(w: Worker): void {
    if (w.killTimer) clearTimeout(w.killTimer);
    if (w.rssTimer) clearInterval(w.rssTimer);
    w.killTimer = null;
    w.rssTimer = null;
  }

  private answer(w: Worker, m: Exclude<FromWorker, { type: 'ready' }>): void {
    const job = w.job;
    if (!job || m.id !== job.id || w.killReason !== null) return;
    if (m.type === 'chunk') {
      w.chunks.push(m.data);
      return;
    }
    this.stopWatching(w);
    w.job = null;
    this.settled(w);
    if (m.type === 'done') {
      job.resolve({
        body: Buffer.concat(w.chunks),
        encoding: m.encoding,
        rowCount: m.rowCount,
        truncated: m.truncated,
        timeMs: m.timeMs,
      });
    } else {
      job.reject(errorFromWire(m));
    }
    w.chunks = [];
    // A worker that ends a query above the cap (memory the engine kept) is replaced before its next one.
    const pid = w.child.pid;
    if (pid === undefined) return this.drain();
    w.checking = true;
    void residentBytes(pid).then((rss) => {
      w.checking = false;
      if (rss !== null && rss > this.memoryLimitBytes) this.kill(w, 'memory');
      else this.drain();
    });
  }

  private settled(w: Worker): void {
    this.averageMs = this.averageMs * 0.8 + (performance.now() - w.startedAt) * 0.2;
  }

  /** The channels keep the process alive only while there is work (see the module comment). */
  private updateRefs(): void {
    const busy = this.queue.length > 0 || [...this.workers].some((w) => w.job !== null);
    for (const w of this.workers) {
      const channel = w.child.channel;
      if (!channel) continue;
      if (busy) channel.ref();
      else channel.unref();
    }
  }
}
