// Starts the query worker of `crosstalk query` first thing, while the CLI itself still loads.
// A one-line query runs two Node processes: the CLI, and the worker process that runs the user's
// Cypher behind the process boundary (src/server/query-pool/). Forked by the pool, the worker only
// started once the CLI had loaded and parsed (~0.14 s), and then paid its own start (Node, its
// bundle, the engine, the database) one after the other. Forked here, at ~40 ms, the two starts
// overlap on a 2-core machine.
//
// The child is the very process the pool would fork (same file, loader, heap cap, IPC channel and
// stdio). While the CLI loads, it opens the store the command line most likely names (a `prepare`
// message: the embedded database of --db / CROSSTALK_DB / the default folder, with the engine of
// --engine / CROSSTALK_ENGINE / kuzu). What it answers still comes from the pool's `init` message,
// built from the parsed options: the same spec keeps the open store, another one reopens (a guess
// that misses costs time, never correctness). The pool adopts the child (`adoptPreforkedWorker` in
// pool.ts) only if its command line equals the one the pool would have used and it loaded the
// engine the pool's store needs (one engine per process), else kills it and forks its own; the
// time and memory limits are the pool's, as for any worker. Not adopted (bad usage, `query --help`,
// a guard refusal), it is killed when the command ends (the returned function), and it exits by
// itself if this process dies (its IPC channel closes).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The global slot the pool takes the child from (a Symbol.for key: the bundle is another module graph). */
export const PREFORK_SLOT = Symbol.for('crosstalk.preforkedQueryWorker');

/** The query worker's source (run from its bundle by bin/ts-hooks.js, as when the pool forks it). */
const WORKER_FILE = fileURLToPath(new URL('../src/server/query-pool/query-worker.ts', import.meta.url));
const TS_LOADER = new URL('./ts-hooks.js', import.meta.url).href;
/** The pool's default memory cap (DEFAULT_QUERY_MEMORY_BYTES), as the heap cap it forks with. */
const HEAP_MIB = 1024;
/** The pool's buffer pool of a worker's embedded engine (DEFAULT_WORKER_BUFFER_POOL_BYTES). */
const BUFFER_POOL_BYTES = 128 * 1024 * 1024;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The value of `--name v` or `--name=v` in `args`, else undefined. */
function flag(args, name) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

/**
 * The store spec `crosstalk query <args>` will most likely hand the pool (src/cli/open-store.ts's
 * storeSpecOf with the defaults of src/cli/flags.ts, plus the pool's buffer pool), or null when it
 * names no embedded store. Only a guess: the worker's `init` has the real one.
 */
export function likelySpec(argv, env = process.env) {
  const args = argv.slice(3);
  const store = flag(args, '--store') ?? 'embedded';
  if (store !== 'embedded') return null;
  const engine = (flag(args, '--engine') ?? env.CROSSTALK_ENGINE ?? '').trim().toLowerCase() || 'kuzu';
  if (engine !== 'kuzu' && engine !== 'ladybug') return null;
  const db = flag(args, '--db') ?? env.CROSSTALK_DB ?? path.join(ROOT, '.data', 'graph');
  return {
    backend: 'embedded',
    dir: path.resolve(db),
    options: { engine, bufferPoolBytes: BUFFER_POOL_BYTES },
  };
}

/** True when `argv` (as process.argv) runs `crosstalk query` (and not its help). */
export function wantsQueryWorker(argv) {
  const args = argv.slice(2);
  return args[0] === 'query' && !args.includes('--help') && !args.includes('-h');
}

/**
 * Forks the query worker, asks it to open the store `argv` (as process.argv) likely names, and
 * leaves it in the global slot for the pool. Returns a function that kills it unless the pool took it.
 */
export function preforkQueryWorker(argv = process.argv) {
  let child;
  try {
    child = fork(WORKER_FILE, [], {
      execArgv: ['--import', TS_LOADER, `--max-old-space-size=${HEAP_MIB}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  } catch {
    return () => undefined; // the pool forks its own
  }
  child.on('error', () => undefined);
  // Nothing here keeps the CLI alive: the pool references what it adopts.
  child.unref();
  child.channel?.unref();
  const spec = likelySpec(argv);
  if (spec) child.send({ type: 'prepare', spec }, () => undefined);
  globalThis[PREFORK_SLOT] = { child, serialization: 'advanced', engine: spec?.options.engine ?? null };
  return () => {
    if (globalThis[PREFORK_SLOT]?.child !== child) return;
    delete globalThis[PREFORK_SLOT];
    child.kill('SIGKILL');
  };
}
