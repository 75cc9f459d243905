/**
 * The search worker thread (see SearchWorker in search-index.ts): builds the index from the records
 * it is sent (in batches, each indexed and dropped as it comes), then answers searches one at a
 * time, off the server's event loop.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import {
  SearchIndex,
  type SearchWorkerBuild,
  type SearchWorkerReply,
  type SearchWorkerRequest,
} from './search-index';
import { errorMessage } from '../model/errors';

/**
 * A full garbage collection of this thread's heap, or nothing where V8 refuses. The build's garbage
 * (the records as they come, the tokens of their text) outlives the young generation and, left to
 * V8's growth heuristics, this heap grew to ~300 MB (heapTotal) for the ~70 MB the index keeps at
 * 100k works, while the server's thread loaded the network and the details cache: that overlap is
 * the server's peak RSS (4.5M citations, load 11-17: peak 947 MB without these collections, 906
 * and 933 MB with them). `--expose-gc` set at run time gives a context made afterwards a `gc`
 * function (Jest's leak detector does the same); the flag is process-wide, but the server makes
 * no other contexts, so nothing else changes.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // no gc function: V8 collects on its own schedule
  }
}

/** Records indexed between two collections while building (see {@link collectGarbage}). */
const COLLECT_EVERY = 10_000;

const port = parentPort;
if (!port) throw new Error('search.worker.ts runs only as a worker thread.');

/** The index being built (records arrive in batches), then the one that searches. */
const index = new SearchIndex();
let ready = false;
let failed = false;
/** Records indexed since the last collection. */
let sinceCollected = 0;

port.on('message', (message: SearchWorkerRequest | SearchWorkerBuild) => {
  if ('batch' in message || 'finish' in message) {
    if (failed) return;
    try {
      if ('batch' in message) {
        index.add(message.batch);
        sinceCollected += message.batch.length;
        if (sinceCollected >= COLLECT_EVERY) {
          sinceCollected = 0;
          collectGarbage();
        }
      } else {
        index.finish();
        collectGarbage();
        ready = true;
        port.postMessage({ ready: index.size } satisfies SearchWorkerReply);
      }
    } catch (e: unknown) {
      failed = true;
      port.postMessage({ failed: errorMessage(e) } satisfies SearchWorkerReply);
    }
    return;
  }
  try {
    if (!ready) throw new Error('The search index is not built yet.');
    const result = index.search(message.query, message.limit);
    port.postMessage({ id: message.id, result } satisfies SearchWorkerReply);
  } catch (e: unknown) {
    port.postMessage({
      id: message.id,
      error: errorMessage(e),
    } satisfies SearchWorkerReply);
  }
});
