/** Opens the store a command asks for. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../model/errors';
import { EmbeddedStore } from '../store/embedded/embedded-store';
import type { GraphStore } from '../store/graph-store';

/** The project root (where package.json and graph/ live). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled dataset folder. */
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, 'graph');
/** The default embedded database folder (overridden by --db or CROSSTALK_DB). */
export const DEFAULT_DB_DIR = process.env.CROSSTALK_DB ?? path.join(PROJECT_ROOT, '.data', 'graph');

/** Store selection options shared by every command. */
export interface StoreOptions {
  store: string;
  db: string;
}

/**
 * Opens a store (lazily: nothing is read until the first call).
 * @throws UsageError for an unknown backend.
 */
export function openStore(opts: StoreOptions): GraphStore {
  switch (opts.store) {
    case 'embedded':
      return new EmbeddedStore(opts.db);
    case 'neo4j':
      throw new UsageError(
        'The Neo4j backend is not available yet (see the Neo4j issue). Use --store embedded.',
      );
    default:
      throw new UsageError(`Unknown store "${opts.store}". Use --store embedded.`);
  }
}
