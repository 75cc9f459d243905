/** Which store a command asks for, and where the project's folders are. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../model/errors';
import { engineFromEnv, parseEngineName } from '../store/embedded/engine';
import type { GraphStore, StoreSpec } from '../store/graph-store';
import { neo4jConfigFromEnv, type Neo4jConfig } from '../store/neo4j/config';
import { openStoreFromSpec } from '../store/open-store';

/** The project root (where package.json and graph/ live). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled dataset folder. */
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, 'graph');
/** The built web UI (npm run build). */
export const UI_DIR = path.join(PROJECT_ROOT, 'dist');
/** The default embedded database folder (overridden by --db or CROSSTALK_DB). */
export const DEFAULT_DB_DIR = process.env.CROSSTALK_DB ?? path.join(PROJECT_ROOT, '.data', 'graph');

/** Store selection options shared by every command. */
export interface StoreOptions {
  store: string;
  db: string;
  /** Embedded engine, `kuzu` or `ladybug` (--engine); else env CROSSTALK_ENGINE, else kuzu. */
  engine?: string;
  /** --neo4j-uri etc.; each overrides its environment variable (NEO4J_URI, …). */
  neo4jUri?: string;
  neo4jUser?: string;
  neo4jPassword?: string;
  neo4jDatabase?: string;
}

/** The Neo4j connection settings of a command: flags, else environment, else defaults. */
export function neo4jConfig(opts: StoreOptions, env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  const fromEnv = neo4jConfigFromEnv(env);
  return {
    uri: opts.neo4jUri || fromEnv.uri,
    user: opts.neo4jUser || fromEnv.user,
    password: opts.neo4jPassword || fromEnv.password,
    database: opts.neo4jDatabase || fromEnv.database,
  };
}

/** Where a command's store lives, for messages: the database folder or the Neo4j URI. */
export function storeLocation(opts: StoreOptions): string {
  return opts.store === 'neo4j' ? neo4jConfig(opts).uri : opts.db;
}

/**
 * The store a command's options name, as a {@link StoreSpec} (what the query pool's workers are
 * handed, too). Does no IO.
 * @throws UsageError for an unknown backend or engine.
 */
export function storeSpecOf(opts: StoreOptions): StoreSpec {
  switch (opts.store) {
    case 'embedded':
      return {
        backend: 'embedded',
        dir: path.resolve(opts.db),
        options: { engine: opts.engine ? parseEngineName(opts.engine) : engineFromEnv() },
      };
    case 'neo4j':
      return { backend: 'neo4j', config: neo4jConfig(opts), options: {} };
    default:
      throw new UsageError(`Unknown store "${opts.store}". Use --store embedded or --store neo4j.`);
  }
}

/**
 * Opens the store a command asks for, through the one factory (store/open-store.ts), lazily:
 * nothing is read or connected until the first call.
 * @throws UsageError for an unknown backend or engine.
 */
export function openStore(opts: StoreOptions): Promise<GraphStore> {
  return openStoreFromSpec(storeSpecOf(opts));
}
