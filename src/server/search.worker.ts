/**
 * The search worker thread (see SearchWorker in search-index.ts): builds the index from the records
 * it is sent, then answers searches one at a time, off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type { SearchRecord } from './read-models/graph-reader';
import { SearchIndex, type SearchWorkerReply, type SearchWorkerRequest } from './search-index';
import { errorMessage } from '../model/errors';

const port = parentPort;
if (!port) throw new Error('search.worker.ts runs only as a worker thread.');

let index: SearchIndex | null = null;

port.on('message', (message: SearchWorkerRequest | { records: SearchRecord[] }) => {
  if ('records' in message) {
    try {
      index = new SearchIndex(message.records);
      port.postMessage({ ready: index.size } satisfies SearchWorkerReply);
    } catch (e: unknown) {
      port.postMessage({ failed: errorMessage(e) } satisfies SearchWorkerReply);
    }
    return;
  }
  try {
    if (!index) throw new Error('The search index is not built yet.');
    const result = index.search(message.query, message.limit);
    port.postMessage({ id: message.id, result } satisfies SearchWorkerReply);
  } catch (e: unknown) {
    port.postMessage({
      id: message.id,
      error: errorMessage(e),
    } satisfies SearchWorkerReply);
  }
});
