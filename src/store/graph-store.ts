/**
 * The seam between the product and a graph database. Every backend (embedded Kuzu, Neo4j)
 * implements {@link GraphStore}; one contract suite in test/contract/ runs against each.
 */
import type { GraphCounts, GraphData } from '../model/graph-schema';
import type { Row } from '../model/values';
import type { EmbeddedStoreOptions } from './embedded/embedded-store';
import type { Neo4jConfig } from './neo4j/config';
import type { Neo4jStoreOptions } from './neo4j/neo4j-store';

/** Names of the supported backends. */
export type BackendName = 'embedded' | 'neo4j';

/** Default time limit of a read query, in milliseconds. */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/** Default maximum number of rows a read query returns. */
export const DEFAULT_MAX_ROWS = 10_000;

/** Options of a read-only query. */
export interface QueryOptions {
  /** Query parameters, referenced as `$name` in the query. */
  params?: Record<string, unknown>;
  /** Time limit in milliseconds; the engine cancels the query when it is exceeded. */
  timeoutMs?: number;
  /** Row cap; further rows are not fetched and `truncated` is set. */
  maxRows?: number;
}

/** The result of a read-only query. */
export interface QueryResult {
  columns: string[];
  rows: Row[];
  /** True when more rows existed than `maxRows`. */
  truncated: boolean;
  /** Wall time of the query in the adapter, in milliseconds. */
  timeMs: number;
}

/** Options of a streamed read-only query: no row cap, rows are handed over in batches. */
export type StreamOptions = Omit<QueryOptions, 'maxRows'>;

/** Receives one batch of a streamed result. */
export type RowsListener = (rows: Row[]) => void;

/** The end of a streamed query. */
export interface StreamSummary {
  columns: string[];
  /** Rows handed to the listener. */
  rows: number;
  /** Wall time of the query in the adapter, in milliseconds. */
  timeMs: number;
}

/** What a backend's batched executor reports about one statement. */
export interface BatchedRun {
  columns: string[];
  /** Rows handed over. */
  rows: number;
  /** True when more rows existed than the cap. */
  truncated: boolean;
  timeMs: number;
}

/**
 * A backend's one way to run a read-only statement: at most `maxRows` rows, handed to `onRows` in
 * batches. {@link GraphStore.query} and {@link GraphStore.stream} are both made of it.
 */
export type BatchedExecutor = (
  cypher: string,
  options: StreamOptions,
  maxRows: number,
  onRows: RowsListener,
) => Promise<BatchedRun>;

/** {@link GraphStore.query} over a batched executor: the batches gathered up to the row cap. */
export async function queryByBatches(
  execute: BatchedExecutor,
  cypher: string,
  options: QueryOptions,
): Promise<QueryResult> {
  const rows: Row[] = [];
  const r = await execute(cypher, options, options.maxRows ?? DEFAULT_MAX_ROWS, (batch) => {
    for (const row of batch) rows.push(row);
  });
  return { columns: r.columns, rows, truncated: r.truncated, timeMs: r.timeMs };
}

/** {@link GraphStore.stream} over a batched executor: every row, no cap. */
export async function streamByBatches(
  execute: BatchedExecutor,
  cypher: string,
  onRows: RowsListener,
  options: StreamOptions,
): Promise<StreamSummary> {
  const r = await execute(cypher, options, Infinity, onRows);
  return { columns: r.columns, rows: r.rows, timeMs: r.timeMs };
}

/** What a load wrote and where the data came from. */
export interface DatasetManifest {
  /** Format version of the manifest. */
  format: 1;
  backend: BackendName;
  /**
   * The embedded engine that wrote the database (`kuzu` or `ladybug`); their storage formats
   * differ, so a database is opened only by this engine. Absent for Neo4j, and in manifests written
   * before the engine was selectable (those were Kuzu: see `engineVersion`).
   */
  engine?: 'kuzu' | 'ladybug';
  /** Engine name and version, e.g. "kuzu 0.11.3", "ladybug 0.20.4", "neo4j 5.26.12 community". */
  engineVersion: string;
  /** ISO timestamp of the load. */
  loadedAt: string;
  /** Folder the dataset was read from. */
  dataDir: string;
  /** SHA-256 over the dataset files, to tell whether a database is older than its data. */
  dataHash: string;
  counts: GraphCounts;
}

/**
 * Whether a store holds a given dataset ({@link GraphStore.loadState}): `current` when its last
 * complete load was of exactly that data; `empty` when there is no complete load; `changed` when it
 * was loaded from other data; `other-engine` when an engine this store cannot read wrote it (the
 * storage formats of Kuzu and LadybugDB differ). Anything but `current` needs a load.
 */
export type LoadState =
  | { state: 'current' }
  | { state: 'empty' }
  | { state: 'changed' }
  | { state: 'other-engine'; writtenBy: string; engine: string };

/** The load state a manifest gives for data with hash `dataHash` (no manifest: empty). */
export function loadStateOf(manifest: DatasetManifest | null, dataHash: string): LoadState {
  if (!manifest) return { state: 'empty' };
  return manifest.dataHash === dataHash ? { state: 'current' } : { state: 'changed' };
}

/** Counts and provenance of a store. */
export interface StoreStats {
  backend: BackendName;
  engineVersion: string;
  /** Where the store lives: a folder for the embedded store, a URI for Neo4j. */
  location: string;
  counts: GraphCounts;
  manifest: DatasetManifest | null;
}

/** Progress of a long operation. */
export interface Progress {
  step: string;
  done: number;
  total: number;
}

/** Receives progress reports. */
export type ProgressListener = (p: Progress) => void;

/** Provenance passed to a load. */
export interface LoadInfo {
  dataDir: string;
  dataHash: string;
  onProgress?: ProgressListener;
  /**
   * Receives the time one step took in the engine, in ms, when the backend can tell it: a staged
   * load runs its steps beside other work, so the gaps between progress reports do not measure them.
   */
  onStepTime?: (step: string, ms: number) => void;
}

/** A built graph as a staged load receives it (see {@link StagedGraph}). */
export interface BuiltGraph {
  graph: GraphData;
  dataHash: string;
}

/**
 * A graph handed to {@link GraphStore.loadStaged} while it is still being prepared, so a backend can
 * start its own work early: `built` resolves once the dataset is validated and the graph built,
 * before its layout (the `x`, `y` and `community` of Work and Concept nodes may still be null); the
 * store calls `place` once, when it is ready to wait for the layout (the embedded store: once the
 * rest is queued in its engine), and `place` sets those properties on the same objects.
 */
export interface StagedGraph {
  /** Rejects when validation fails: the load then writes nothing and rejects with that error. */
  built: Promise<BuiltGraph>;
  /**
   * When given, `built`'s graph holds only its works, citations, similar-article links and concepts:
   * its Author and Journal nodes, AUTHORED, PUBLISHED_IN and MENTIONS lists are empty and every
   * concept's `mentionCount` 0 until this runs (once; later calls do nothing), so a store can copy
   * the rest first. `place` calls it too, so a store that never does still gets the whole graph.
   */
  finish?(): void | Promise<void>;
  /** Lays out `built`'s graph in place; called at most once, after `built` resolved. */
  place(): void | Promise<void>;
}

/**
 * How to open a store again, in another process: plain data (structured-clone and JSON safe), so
 * the query pool (src/server/query-pool) can hand it to its workers, which reopen the same store
 * with `openStoreFromSpec` (src/store/open-store.ts). The adapter's options are passed
 * through whole, so an option added to an adapter reaches the workers without changes here.
 */
export type StoreSpec =
  | { backend: 'embedded'; dir: string; options: EmbeddedStoreOptions }
  | { backend: 'neo4j'; config: Neo4jConfig; options: Neo4jStoreOptions };

/**
 * The plan an engine made for one statement, without running it ({@link GraphStore.explain}): what
 * the plan check (src/store/plan-guard.ts) needs to tell whether a query reads outside the graph.
 */
export interface QueryPlan {
  backend: BackendName;
  /**
   * The plan's operators by name, one entry per operator (duplicates kept, order not meaningful):
   * Kuzu's physical operators (`SCAN_NODE_TABLE`, `TABLE_FUNCTION_CALL` …), Neo4j's operator types
   * without the `@neo4j` suffix (`NodeByLabelScan`, `LoadCSV`, `ProcedureCall` …).
   */
  operators: string[];
  /**
   * What the plan calls by name: Kuzu's table functions and standalone calls (`READ_CSV_PARALLEL`,
   * `SHOW_TABLES`, `threads`), Neo4j's procedures (`db.labels`), as the engine spells them.
   */
  calls: string[];
  /** The engine's plan as text (Kuzu's printed plan; Neo4j's operator tree), for messages. */
  text: string;
}

/** A graph database holding the crosstalk graph. */
export interface GraphStore {
  readonly backend: BackendName;

  /** How to open this store again in another process (see {@link StoreSpec}). Does no IO. */
  spec(): StoreSpec;

  /**
   * A Cypher expression for the engine's internal id of node variable `variable`: an integer,
   * unique within a label, cheaper to read and to key a map with than the `id` property. The
   * server's whole-graph reads use it; each engine spells it its own way (Kuzu and LadybugDB
   * `offset(ID(v))`, Neo4j `id(v)`), so the dialect stays behind this seam. Does no IO.
   */
  internalIdOf(variable: string): string;

  /**
   * Replaces the whole graph with `graph`. Atomic from a reader's point of view: when it fails,
   * the previous graph is left exactly as it was.
   * @throws StoreError when the database cannot be written.
   */
  load(graph: GraphData, info: LoadInfo): Promise<DatasetManifest>;

  /**
   * As {@link load}, of a graph still being prepared: the backend may set up (and write what does
   * not depend on the layout) while the caller validates, builds and lays out. Nothing becomes
   * visible unless `built` resolves and the whole load succeeds; when `built` or `place` rejects,
   * the load rejects with that error and the previous graph stays as it was.
   * @throws StoreError when the database cannot be written; the preparation's own error when it fails.
   */
  loadStaged(staged: StagedGraph, info: Omit<LoadInfo, 'dataHash'>): Promise<DatasetManifest>;

  /**
   * Runs one read-only Cypher statement. Writes are rejected by the engine.
   * @throws QueryError with the engine's message (code QUERY, QUERY_TIMEOUT or READ_ONLY).
   */
  query(cypher: string, options?: QueryOptions): Promise<QueryResult>;

  /**
   * Runs one read-only Cypher statement and hands its rows to `onRows` in batches, never holding
   * the whole result: for the server's whole-graph reads (millions of rows). Read-only and time
   * limited like {@link query}, but with no row cap.
   * @throws QueryError as {@link query} does; rows already handed over stay handed over.
   */
  stream(cypher: string, onRows: RowsListener, options?: StreamOptions): Promise<StreamSummary>;

  /**
   * Asks the engine for its plan of one statement (`EXPLAIN`) without running it, on the same
   * read-only connection kind as {@link query}. A leading `EXPLAIN` or `PROFILE` of the statement
   * is dropped first, so the plan is that of the statement itself. Note that planning binds the
   * statement: Kuzu's binder opens a `LOAD FROM` file to read its columns and creates the folder of
   * an `EXPORT DATABASE`, so the query guard's token check must run before this.
   * @throws QueryError as {@link query} does (a syntax error, a write on a read-only database …).
   */
  explain(cypher: string, params?: Record<string, unknown>): Promise<QueryPlan>;

  /**
   * The provenance of the last complete load, or null when there is none. Cheap: callers may use
   * it to tell whether the data changed.
   */
  manifest(): Promise<DatasetManifest | null>;

  /**
   * Whether the store holds the dataset whose files hash to `dataHash` (see {@link LoadState}),
   * from the manifest: what `crosstalk start` asks before it decides to load.
   * @throws StoreError when the store cannot be reached (Neo4j down).
   */
  loadState(dataHash: string): Promise<LoadState>;

  /**
   * Counts nodes by label and relationships by type, with the provenance of the last load.
   * @throws StoreError when the database is missing or unreadable.
   */
  stats(): Promise<StoreStats>;

  /** Releases every handle. Safe to call twice. */
  close(): Promise<void>;
}
