/**
 * The Neo4j store: the crosstalk graph in a Neo4j 5 database, reached over Bolt with neo4j-driver.
 *
 * - One driver per store, created on first use and closed by {@link Neo4jStore.close}.
 * - Schema (constraints, indexes, a full-text index) derived from the graph schema; see schema.ts.
 * - Loads clear the previous graph in batches, then write `UNWIND $rows … MERGE` batches in managed
 *   write transactions (idempotent, so the driver may retry any of them), check the counts, and
 *   write the manifest last as one `(:CrosstalkMeta {id: 'manifest'})` node.
 * - Queries run in READ sessions (`executeRead`): Neo4j itself rejects writes. Each has a
 *   transaction timeout that the server enforces and a row cap; results are converted to the same
 *   plain values the embedded store returns (see mappers.ts).
 *
 * Over 400 lines: one adapter of the whole GraphStore interface over one driver; its schema
 * (schema.ts), value mappers (mappers.ts), errors (errors.ts) and settings (config.ts) are apart.
 */
import neo4j, { type Driver, type ManagedTransaction, type Record as DriverRecord } from 'neo4j-driver';
import { CrosstalkError, QueryError, StoreError, errorMessage } from '../../model/errors';
import {
  NODE_LABELS,
  REL_TYPES,
  SOURCE_SET_LABEL,
  countGraph,
  type GraphCounts,
  type GraphData,
  type NodeLabel,
  type NodeRecord,
  type RelRecord,
  type RelType,
} from '../../model/graph-schema';
import {
  DEFAULT_QUERY_TIMEOUT_MS,
  type DatasetManifest,
  type GraphStore,
  type LoadInfo,
  type StagedGraph,
  type LoadState,
  loadStateOf,
  type QueryOptions,
  type QueryPlan,
  type QueryResult,
  queryByBatches,
  streamByBatches,
  type BatchedRun,
  type RowsListener,
  type StoreSpec,
  type StoreStats,
  type StreamOptions,
  type StreamSummary,
} from '../graph-store';
import { withoutExplainPrefix } from '../plan-guard';
import { planTarget } from '../query-guard';
import type { Neo4jConfig } from './config';
import {
  classify,
  connectionError,
  isConnectionError,
  memoryError,
  queryError,
  type ConnectionContext,
} from './errors';
import { collectElementIds, toDriverParams, toRows } from './mappers';
import {
  MANIFEST_ID,
  MANIFEST_LABEL,
  MERGE_SOURCE_SETS,
  deleteNodesBatch,
  deleteRelsBatch,
  mergeNodes,
  mergeRels,
  nodeRow,
  relKey,
  relRow,
  schemaStatements,
  sourceSetRow,
} from './schema';
import { SOURCE_SET_QUERY, SourceSetInterner, resolveSourceSets, storedRels } from '../source-sets';

/** Options of {@link Neo4jStore}. */
export interface Neo4jStoreOptions {
  /** How long to keep retrying while connections are refused, in ms (default 3,000). */
  refusedRetryMs?: number;
  /** How long to wait for a Neo4j that reports its database as still starting, in ms (default 60,000). */
  startupWaitMs?: number;
  /** Rows per write transaction during a load (default 1,000). */
  batchSize?: number;
}

/** What the server said about itself when the store connected. */
interface ServerDetails {
  version: string;
  edition: string;
}

/** One operator of the plan in a Neo4j result summary. */
interface PlanNode {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

/** Records fetched and converted per batch of a result. */
const STREAM_BATCH_ROWS = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const chunks = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/** A graph store in a Neo4j database. */
export class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  private readonly config: Neo4jConfig;
  private readonly refusedRetryMs: number;
  private readonly startupWaitMs: number;
  private readonly batchSize: number;
  private readonly options: Neo4jStoreOptions;
  private driver: Driver | null = null;
  private server: Promise<ServerDetails> | null = null;

  /** Does not connect; the driver is created and checked on first use. */
  constructor(config: Neo4jConfig, options: Neo4jStoreOptions = {}) {
    this.config = { ...config };
    this.options = { ...options };
    this.refusedRetryMs = options.refusedRetryMs ?? 3_000;
    this.startupWaitMs = options.startupWaitMs ?? 60_000;
    this.batchSize = options.batchSize ?? 1_000;
  }

  /** The connection settings and options, so a query worker connects to the same database. */
  spec(): StoreSpec {
    return { backend: 'neo4j', config: { ...this.config }, options: { ...this.options } };
  }

  /** Neo4j's node id (`id()`: deprecated for keys kept across transactions, fine within one read). */
  internalIdOf(variable: string): string {
    return `id(${variable})`;
  }

  /** Where the store lives: the Bolt URI, and the database when one is named. */
  get location(): string {
    return this.config.database ? `${this.config.uri} (database ${this.config.database})` : this.config.uri;
  }

  private get context(): ConnectionContext {
    return { uri: this.config.uri, user: this.config.user, database: this.config.database };
  }

  private getDriver(): Driver {
    if (this.driver) return this.driver;
    try {
      this.driver = neo4j.driver(this.config.uri, neo4j.auth.basic(this.config.user, this.config.password), {
        userAgent: 'crosstalk-kg',
        connectionTimeout: 5_000,
        connectionAcquisitionTimeout: 30_000,
        maxTransactionRetryTime: 15_000,
      });
    } catch (e: unknown) {
      throw new StoreError(
        `Invalid NEO4J_URI "${this.config.uri}" (${errorMessage(e)}): use bolt://host:7687 or neo4j://host:7687.`,
        { cause: e },
      );
    }
    return this.driver;
  }

  /**
   * Connects once and checks the credentials and the database. Refused connections are retried
   * for `refusedRetryMs`, a database that is still starting for `startupWaitMs`, with a backoff
   * from 250 ms doubling up to 2 s.
   * @throws StoreError with one line saying what failed and what to check.
   */
  private ready(): Promise<ServerDetails> {
    this.server ??= this.connect().catch((e: unknown) => {
      this.server = null;
      throw e;
    });
    return this.server;
  }

  private async connect(): Promise<ServerDetails> {
    const driver = this.getDriver();
    const started = Date.now();
    let delay = 250;
    for (;;) {
      // An auto-commit query, which the driver does not retry on its own: the retries are ours.
      const session = driver.session({
        database: this.config.database,
        defaultAccessMode: neo4j.session.READ,
      });
      try {
        const r = await session.run(
          'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition',
        );
        const rec = r.records[0];
        return { version: String(rec?.get('version') ?? '?'), edition: String(rec?.get('edition') ?? '?') };
      } catch (e: unknown) {
        const kind = classify(e);
        const waited = Date.now() - started;
        const budget =
          kind === 'refused' ? this.refusedRetryMs : kind === 'starting' ? this.startupWaitMs : 0;
        if (waited + delay > budget) {
          if (isConnectionError(e)) throw connectionError(e, this.context);
          throw new StoreError(`Neo4j at ${this.config.uri} failed: ${errorMessage(e)}`, { cause: e });
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 2_000);
      } finally {
        await session.close();
      }
    }
  }

  /** Runs `work` in one managed write transaction (retried by the driver on transient errors). */
  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.getDriver().session({
      database: this.config.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in one managed read transaction. */
  private async read<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    options: { timeoutMs?: number; fetchSize?: number } = {},
  ): Promise<T> {
    const session = this.getDriver().session({
      database: this.config.database,
      defaultAccessMode: neo4j.session.READ,
      fetchSize: options.fetchSize,
    });
    try {
      return await session.executeRead(work, {
        timeout: options.timeoutMs,
        metadata: { app: 'crosstalk-kg' },
      });
    } finally {
      await session.close();
    }
  }

  /**
   * Replaces the graph (nodes of the schema's labels and their relationships; other labels are
   * left alone) with `graph`. Unlike the embedded store's folder swap, this is not atomic for
   * readers: during a load they see a partial graph. The manifest is removed first and written
   * last, so an interrupted load shows as `manifest: null` in {@link stats}, and loading again
   * repairs it (every write is an idempotent MERGE).
   * @throws StoreError when Neo4j cannot be reached or the load fails.
   */
  /** Waits for the whole laid-out graph, then loads it as {@link load} does: nothing overlaps. */
  async loadStaged(staged: StagedGraph, info: Omit<LoadInfo, 'dataHash'>): Promise<DatasetManifest> {
    const { graph, dataHash } = await staged.built;
    await staged.place();
    return this.load(graph, { ...info, dataHash });
  }

  async load(graph: GraphData, info: LoadInfo): Promise<DatasetManifest> {
    const counts = countGraph(graph);
    for (const type of REL_TYPES) {
      const keys = new Set<string>();
      for (const r of graph.rels[type]) {
        const k = relKey(type, r);
        if (keys.has(k)) {
          throw new StoreError(
            `Two ${type} relationships ${r.from} -> ${r.to} have the same key; Neo4j would merge them into one.`,
          );
        }
        keys.add(k);
      }
    }
    const server = await this.ready();
    const steps = 2 + NODE_LABELS.length + REL_TYPES.length;
    let done = 0;
    const progress = (step: string): void => info.onProgress?.({ step, done: done++, total: steps });
    try {
      for (const statement of schemaStatements()) await this.write((tx) => tx.run(statement));
      progress('clearing the previous graph');
      await this.write((tx) => tx.run(`MATCH (m:${MANIFEST_LABEL} {id: $id}) DELETE m`, { id: MANIFEST_ID }));
      for (const type of REL_TYPES) await this.deleteInBatches(deleteRelsBatch(type));
      for (const label of [...NODE_LABELS, SOURCE_SET_LABEL])
        await this.deleteInBatches(deleteNodesBatch(label));
      for (const label of NODE_LABELS) {
        progress(`${label} nodes`);
        const rows = graph.nodes[label].map((n: NodeRecord<NodeLabel>) => nodeRow(label, n));
        for (const batch of chunks(rows, this.batchSize)) {
          await this.write((tx) => tx.run(mergeNodes(label), { rows: batch }));
        }
      }
      const sourceSets = new SourceSetInterner();
      for (const type of REL_TYPES) {
        progress(`${type} relationships`);
        const stored = storedRels(type, graph.rels[type] as RelRecord<RelType>[], sourceSets);
        const rows = [...stored].map((r) => relRow(type, r as RelRecord<RelType>));
        for (const batch of chunks(rows, this.batchSize)) {
          await this.write((tx) => tx.run(mergeRels(type), { rows: batch }));
        }
      }
      progress('source sets');
      for (const batch of chunks(sourceSets.records().map(sourceSetRow), this.batchSize)) {
        await this.write((tx) => tx.run(MERGE_SOURCE_SETS, { rows: batch }));
      }
      await this.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
      const stored = await this.read((tx) => this.countAll(tx));
      if (JSON.stringify(stored) !== JSON.stringify(counts)) {
        throw new StoreError(
          `Neo4j holds different counts than were loaded: ${JSON.stringify(stored)} instead of ${JSON.stringify(counts)}.`,
        );
      }
      const manifest: DatasetManifest = {
        format: 1,
        backend: 'neo4j',
        engineVersion: engineVersion(server),
        loadedAt: new Date().toISOString(),
        dataDir: info.dataDir,
        dataHash: info.dataHash,
        counts,
      };
      await this.write((tx) =>
        tx.run(`MERGE (m:${MANIFEST_LABEL} {id: $id}) SET m.json = $json`, {
          id: MANIFEST_ID,
          json: JSON.stringify(manifest),
        }),
      );
      info.onProgress?.({ step: 'done', done: steps, total: steps });
      return manifest;
    } catch (e: unknown) {
      if (e instanceof CrosstalkError) throw e;
      if (isConnectionError(e)) throw connectionError(e, this.context);
      throw new StoreError(`Loading into Neo4j at ${this.config.uri} failed: ${errorMessage(e)}`, {
        cause: e,
      });
    }
  }

  private async deleteInBatches(statement: string): Promise<void> {
    const batch = neo4j.int(this.batchSize * 10);
    for (;;) {
      const r = await this.write((tx) => tx.run(statement, { batch }));
      const deleted = r.records[0]?.get('deleted') as unknown;
      if (!neo4j.isInt(deleted) || deleted.isZero()) return;
    }
  }

  /**
   * Runs one statement in a READ transaction with a server-side timeout (`timeoutMs`, default
   * 10 s) and stops reading after `maxRows` rows (default 10,000), setting `truncated`.
   * Whole-number parameters are sent as integers (see mappers.ts).
   * @throws QueryError (QUERY, QUERY_TIMEOUT or READ_ONLY, with Neo4j's message), or StoreError
   *   when Neo4j cannot be reached.
   */
  async query(cypher: string, options: QueryOptions = {}): Promise<QueryResult> {
    return queryByBatches(this.execute.bind(this), cypher, options);
  }

  /**
   * Streams the rows of one statement in batches, in one READ transaction with a server-side
   * timeout (`timeoutMs`, default 10 s) and no row cap. See {@link GraphStore.stream}.
   */
  async stream(cypher: string, onRows: RowsListener, options: StreamOptions = {}): Promise<StreamSummary> {
    return streamByBatches(this.execute.bind(this), cypher, onRows, options);
  }

  /** Runs one statement in a READ transaction and hands at most `maxRows` rows over in batches. */
  private async execute(
    cypher: string,
    options: StreamOptions,
    maxRows: number,
    onRows: RowsListener,
  ): Promise<BatchedRun> {
    const started = performance.now();
    const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS));
    try {
      await this.ready();
      const params = toDriverParams(options.params ?? {});
      const { columns, rows, truncated } = await this.read(
        // A memory-cap error leaves the work as a QueryError, which the driver does not retry.
        noMemoryRetry(async (tx) => {
          const result = tx.run(cypher, params);
          const columns = (await result.keys()).map(String);
          let batch: DriverRecord[] = [];
          let rows = 0;
          let truncated = false;
          const flush = async (): Promise<void> => {
            const { known, wanted } = collectElementIds(batch);
            if (wanted.length > 0) {
              const r = await tx.run(
                'MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id',
                { ids: wanted },
              );
              for (const x of r.records) {
                const id = x.get('id') as unknown;
                if (typeof id === 'string') known.set(String(x.get('e')), id);
              }
            }
            const rows = toRows(batch, known);
            await resolveSourceSets(rows, async (codes) => {
              const r = await tx.run(SOURCE_SET_QUERY, { codes: codes.map((c) => neo4j.int(c)) });
              return new Map(
                r.records.map((x) => [
                  neo4j.integer.toNumber(x.get('code') as number),
                  (x.get('sources') as string[] | null) ?? [],
                ]),
              );
            });
            onRows(rows);
            batch = [];
          };
          for await (const record of result) {
            if (rows >= maxRows) {
              // Leaving the loop discards the rest of the stream on the server.
              truncated = true;
              break;
            }
            batch.push(record);
            rows += 1;
            if (batch.length >= STREAM_BATCH_ROWS) await flush();
          }
          if (batch.length > 0 || rows === 0) await flush();
          return { columns, rows, truncated };
        }),
        { timeoutMs, fetchSize: Math.min(maxRows + 1, STREAM_BATCH_ROWS) },
      );
      return { columns, rows, truncated, timeMs: performance.now() - started };
    } catch (e: unknown) {
      throw queryError(e, this.context);
    }
  }

  /**
   * Neo4j's plan of one statement (`EXPLAIN`, in a READ transaction with the query time limit):
   * the operator types of `summary.plan` without their `@neo4j` suffix, and for each
   * `ProcedureCall` the procedure's name, read from its details (`db.labels() :: (label :: STRING)`).
   * @throws QueryError (syntax and planning errors, with Neo4j's message), or StoreError when Neo4j
   *   cannot be reached.
   */
  async explain(cypher: string, params: Record<string, unknown> = {}): Promise<QueryPlan> {
    try {
      await this.ready();
      const statement = `EXPLAIN ${planTarget(cypher)}`;
      const summary = await this.read(
        async (tx) => (await tx.run(statement, toDriverParams(params))).summary,
        {
          timeoutMs: DEFAULT_QUERY_TIMEOUT_MS,
        },
      );
      const operators: string[] = [];
      const calls: string[] = [];
      let text = '';
      const walk = (op: PlanNode, depth: number): void => {
        const name = op.operatorType.replace(/@.*$/, '');
        const details = typeof op.arguments?.Details === 'string' ? op.arguments.Details : '';
        operators.push(name);
        // An unreadable procedure name is kept as the whole details text, which no allowlist holds.
        if (name === 'ProcedureCall') calls.push(/^\s*([^\s(]+)\s*\(/.exec(details)?.[1] ?? details);
        text += `${'  '.repeat(depth)}${name} ${details}\n`;
        for (const child of op.children ?? []) walk(child, depth + 1);
      };
      if (summary.plan) walk(summary.plan, 0);
      return { backend: 'neo4j', operators, calls, text };
    } catch (e: unknown) {
      const error = queryError(e, this.context);
      throw error instanceof QueryError ? withoutExplainPrefix(error) : error;
    }
  }

  private async countAll(tx: ManagedTransaction): Promise<GraphCounts> {
    const count = async (q: string): Promise<number> => {
      const r = await tx.run(q);
      return neo4j.integer.toNumber(r.records[0]?.get('n') as number);
    };
    const nodes = {} as Record<NodeLabel, number>;
    for (const l of NODE_LABELS) nodes[l] = await count(`MATCH (n:${l}) RETURN count(n) AS n`);
    const rels = {} as Record<RelType, number>;
    for (const t of REL_TYPES) rels[t] = await count(`MATCH ()-[r:${t}]->() RETURN count(r) AS n`);
    return { nodes, rels };
  }

  /**
   * Reads the manifest of the last complete load, or null when there is none.
   * @throws StoreError when Neo4j cannot be reached.
   */
  async manifest(): Promise<DatasetManifest | null> {
    try {
      await this.ready();
      return await this.read((tx) => this.readManifest(tx));
    } catch (e: unknown) {
      throw asStoreError(e, this.context);
    }
  }

  /** From the manifest node: Neo4j has one engine, so only empty, changed or current. */
  async loadState(dataHash: string): Promise<LoadState> {
    return loadStateOf(await this.manifest(), dataHash);
  }

  private async readManifest(tx: ManagedTransaction): Promise<DatasetManifest | null> {
    const r = await tx.run(`MATCH (m:${MANIFEST_LABEL} {id: $id}) RETURN m.json AS json`, {
      id: MANIFEST_ID,
    });
    const json = r.records[0]?.get('json') as unknown;
    return typeof json === 'string' ? (JSON.parse(json) as DatasetManifest) : null;
  }

  /**
   * Counts by label and type (the manifest node is not counted) and the manifest of the last load
   * (null when nothing was loaded, or a load was interrupted).
   * @throws StoreError when Neo4j cannot be reached.
   */
  async stats(): Promise<StoreStats> {
    try {
      const server = await this.ready();
      const { counts, manifest } = await this.read(async (tx) => ({
        counts: await this.countAll(tx),
        manifest: await this.readManifest(tx),
      }));
      return {
        backend: 'neo4j',
        engineVersion: engineVersion(server),
        location: this.location,
        counts,
        manifest,
      };
    } catch (e: unknown) {
      throw asStoreError(e, this.context);
    }
  }

  /** Closes the driver and its connections. Safe to call twice; a later call reconnects. */
  async close(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    this.server = null;
    if (driver) await driver.close();
  }
}

/** Wraps transaction work so that a memory-cap error ends it for good (see memoryError). */
function noMemoryRetry<T>(
  work: (tx: ManagedTransaction) => Promise<T>,
): (tx: ManagedTransaction) => Promise<T> {
  return async (tx) => {
    try {
      return await work(tx);
    } catch (e: unknown) {
      throw memoryError(e) ?? e;
    }
  };
}

function engineVersion(server: ServerDetails): string {
  return `neo4j ${server.version} ${server.edition}`;
}

function asStoreError(e: unknown, ctx: ConnectionContext): CrosstalkError {
  if (e instanceof CrosstalkError) return e;
  if (isConnectionError(e)) return connectionError(e, ctx);
  return new StoreError(`Neo4j at ${ctx.uri} failed: ${errorMessage(e)}`, { cause: e });
}
