/** Opens the store a command asks for. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../model/errors';
import { EmbeddedStore } from '../store/embedded/embedded-store';
import { engineFromEnv, parseEngineName } from '../store/embedded/engine';
import type { GraphStore } from '../store/graph-store';
import { neo4jConfigFromEnv, type Neo4jConfig } from '../store/neo4j/config';
import { Neo4jStore } from '../store/neo4j/neo4j-store';

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
 * Opens a store (lazily: nothing is read until the first call).
 * @throws UsageError for an unknown backend or engine.
 */
export function openStore(opts: StoreOptions): GraphStore {
  switch (opts.store) {
    case 'embedded':
      return new EmbeddedStore(opts.db, {
        engine: opts.engine ? parseEngineName(opts.engine) : engineFromEnv(),
      });
    case 'neo4j':
      return new Neo4jStore(neo4jConfig(opts));
    default:
      throw new UsageError(`Unknown store "${opts.store}". Use --store embedded or --store neo4j.`);
  }
}
