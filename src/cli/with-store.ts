/** Runs a command's work on its store and closes the store afterwards, whatever happens. */
import type { GraphStore } from '../store/graph-store';
import { openStore, type StoreOptions } from './open-store';

/** Opens the store `opts` name, runs `fn` on it, and closes it. */
export async function withStore<T>(opts: StoreOptions, fn: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
