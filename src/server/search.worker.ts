/**
 * The search worker thread (see SearchWorker in search-index.ts): builds the index from the records
 * it is sent (in batches, each indexed and dropped as it comes), then answers searches one at a
 * time, off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import {
  SearchIndex,
  type SearchWorkerBuild,
  type SearchWorkerReply,
  type SearchWorkerRequest,
} from './search-index';
import { errorMessage } from '../model/errors';

const port = parentPort;
if (!port) throw new Error('search.worker.ts runs only as a worker thread.');

/** The index being built (records arrive in batches), then the one that searches. */
const index = new SearchIndex();
let ready = false;
let failed = false;

port.on('message', (message: SearchWorkerRequest | SearchWorkerBuild) => {
  if ('batch' in message || 'finish' in message) {
    if (failed) return;
    try {
      if ('batch' in message) index.add(message.batch);
      else {
        index.finish();
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
