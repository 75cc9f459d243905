/**
 * A query worker: a child process that runs user Cypher for the query pool (pool.ts) and nothing
 * else, so an engine crash (Kuzu 0.11.3 segfaults on `RETURN keys(null)`), a parse that ignores the
 * engine's timeout, or a query that eats memory takes down this process, never the server.
 *
 * It opens the store from the spec in its `init` message (the embedded database read-only, with a
 * small buffer pool; or earlier, from a `prepare` message of the same spec), then answers one
 * `query` at a time (see protocol.ts): checks the query with `guardUserQuery` (tokens, structure,
 * parameters, the engine's plan), runs it with the engine's timeout set to what is left of the
 * wall-clock budget, serialises the rows (and their graph) to JSON here, gzips them when the HTTP
 * client accepts it, and sends the bytes in bounded chunks. It exits when the supervisor asks, or
 * when its IPC channel closes (the supervisor died): no orphans.
 */
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CrosstalkError, StoreError, errorMessage, type ErrorCode } from '../../model/errors';
import type { CypherResponse } from '../../model/api';
import { graphOfRows } from '../../model/query-graph';
import type { Row } from '../../model/values';
import type { GraphStore, StoreSpec } from '../../store/graph-store';
import { openStoreFromSpec } from '../../store/open-store';
import { guardUserQuery } from '../../store/query-guard';
import { CHUNK_BYTES, type FromWorker, type QueryMessage, type ToWorker } from './protocol';

/** Answers smaller than this are sent uncompressed (as @fastify/compress's threshold does). */
const GZIP_THRESHOLD_BYTES = 1024;

let store: GraphStore | null = null;
let spec: StoreSpec | null = null;
/** The embedded database's manifest when it was opened: a re-ingest changes it. */
let openedManifest: string | null = null;
/** One query at a time; messages that arrive meanwhile wait their turn. */
let queue: Promise<void> = Promise.resolve();

function send(message: FromWorker): void {
  process.send?.(message);
}

const manifestKey = async (s: GraphStore): Promise<string | null> => {
  const m = await s.manifest();
  return m ? `${m.dataHash}:${m.loadedAt}` : null;
};

/**
 * The store, reopened when the embedded database was re-ingested since it was opened (the ingest
 * swaps folders, so the open handle still reads the old one). Cheap: the manifest is a small file.
 * A Neo4j store always reads the live database, so there is nothing to reopen.
 */
async function freshStore(): Promise<GraphStore> {
  if (!store || !spec) throw new StoreError('The query worker was not initialised.');
  if (spec.backend === 'embedded') {
    const key = await manifestKey(store);
    if (key !== openedManifest) {
      await store.close();
      openedManifest = key;
    }
  }
  return store;
}

/** Serialises rows one by one up to the byte cap: the rows kept, their JSON texts and whether rows were dropped. */
function rowsWithin(rows: readonly Row[], maxBytes: number): { kept: Row[]; texts: string[]; cut: boolean } {
  const texts: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    bytes += Buffer.byteLength(text) + 1;
    if (bytes > maxBytes) return { kept: rows.slice(0, texts.length), texts, cut: true };
    texts.push(text);
  }
  return { kept: rows as Row[], texts, cut: false };
}

async function runQuery(m: QueryMessage): Promise<void> {
  const deadline = performance.now() + m.timeLimitMs;
  try {
    const s = await freshStore();
    // The whole guard, plan check included, runs here: on Kuzu even EXPLAIN of a hostile query can
    // crash or stall, which this process may do (the supervisor ran the cheap token check already).
    await guardUserQuery(s, m.cypher, m.params);
    const timeoutMs = Math.max(1, Math.floor(deadline - performance.now()));
    const result = await s.query(m.cypher, { params: m.params, timeoutMs, maxRows: m.maxRows });
    const { kept, texts, cut } = rowsWithin(result.rows, m.maxResultBytes);
    const truncated = result.truncated || cut;
    const rowsJson = `[${texts.join(',')}]`;
    const timeMs = Math.round(result.timeMs);
    let text: string;
    if (m.graph) {
      const summary: CypherResponse['summary'] = {
        backend: s.backend,
        timeMs,
        rowCount: kept.length,
        truncated,
      };
      // Written out by hand so the rows, serialised once above, are not serialised again.
      text = `{"columns":${JSON.stringify(result.columns)},"rows":${rowsJson},"graph":${JSON.stringify(graphOfRows(kept))},"summary":${JSON.stringify(summary)}}`;
    } else {
      text = `{"columns":${JSON.stringify(result.columns)},"rows":${rowsJson},"truncated":${truncated},"timeMs":${timeMs}}`;
    }
    // Encoded (and compressed) here, so the server only forwards bytes.
    const plain = Buffer.from(text, 'utf8');
    const gzip = m.gzip && plain.length >= GZIP_THRESHOLD_BYTES;
    const bytes = gzip ? gzipSync(plain, { level: 6 }) : plain;
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
      send({ type: 'chunk', id: m.id, data: bytes.subarray(i, i + CHUNK_BYTES) });
    }
    const encoding = gzip ? 'gzip' : 'identity';
    send({ type: 'done', id: m.id, encoding, rowCount: kept.length, truncated, timeMs });
  } catch (e: unknown) {
    const code: ErrorCode = e instanceof CrosstalkError ? e.code : 'QUERY';
    const retryable = e instanceof StoreError && e.retryable;
    send({ type: 'error', id: m.id, code, message: errorMessage(e), retryable });
  }
}

/** What `ps` shows for this process (and what tests wait for): its state. */
const TITLE = 'crosstalk query-worker';

/** Opens the store of `s` (the database, or the connection) so the first query does not pay for it. */
async function open(s: StoreSpec): Promise<void> {
  spec = s;
  store = await openStoreFromSpec(s);
  try {
    if (s.backend === 'embedded') openedManifest = await manifestKey(store);
    await store.query('RETURN 1 AS ok', { timeoutMs: 10_000, maxRows: 1 });
  } catch {
    // No database yet, or Neo4j is down: each query reports it with the store's own message.
  }
}

async function init(s: StoreSpec): Promise<void> {
  // Opened already by a `prepare` of the same spec (the worker forked at the start of `crosstalk
  // query`): keep it. Any other store that was prepared is closed first.
  if (!(spec && store && isDeepStrictEqual(spec, s))) {
    await store?.close().catch(() => undefined);
    store = null;
    openedManifest = null;
    await open(s);
  }
  process.title = `${TITLE} (ready)`;
  send({ type: 'ready' });
}

async function shutdown(): Promise<never> {
  try {
    await store?.close();
  } finally {
    process.exit(0);
  }
}

process.title = `${TITLE} (starting)`;
process.on('message', (m: ToWorker) => {
  queue = queue.then(async () => {
    if (m.type === 'prepare') await open(m.spec);
    else if (m.type === 'init') await init(m.spec);
    else if (m.type === 'query') await runQuery(m);
    else if (m.type === 'close') await shutdown();
  });
});
// The supervisor is gone (it exited or was killed): nobody will read an answer.
process.on('disconnect', () => process.exit(0));
