/**
 * The embedded store: an in-process Kuzu or LadybugDB database (see ./engine.ts) in a folder
 * (default `.data/graph`):
 *
 *   <dir>/graph.kuzu     the database file (graph.lbug when LadybugDB wrote it)
 *   <dir>/manifest.json  what was loaded, from which data, when, by which engine (DatasetManifest)
 *
 * Loads build a complete new database in a sibling folder, then swap folders, so a failed load
 * leaves the existing database exactly as it was. The engine writes in a child process
 * (engine-writer.ts), so a write failure that aborts it (a full disk) is one clear error, and a
 * failed load removes its folder. What a killed load leaves is recovered or removed by the next
 * open or load (store-folder.ts). A staged load (ingest's) starts the writer child and creates the
 * tables while the dataset is still read and validated, and copies every table while the layout
 * runs on the caller's thread, Work and Concept positions set afterwards from a file of their own.
 * Queries run on a read-only Database, so the engine itself rejects
 * writes; when another process re-ingests, the next statement sees the new manifest and reopens.
 *
 * Over 400 lines: one adapter of the whole GraphStore interface; CSV writing (csv.ts), the engines
 * (engine.ts), the writer child (engine-writer.ts), schema, mappers, parameters and folder recovery
 * (store-folder.ts) are apart.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrosstalkError, QueryError, StoreError, errorMessage } from '../../model/errors';
import {
  NODE_LABELS,
  REL_SCHEMA,
  REL_TYPES,
  countGraph,
  type GraphCounts,
  type GraphData,
  type NodeLabel,
  type RelType,
  heldWorkLinks,
} from '../../model/graph-schema';
import { EDGE_KINDS } from '../../model/edge-kinds';
import {
  DEFAULT_QUERY_TIMEOUT_MS,
  type BuiltGraph,
  type DatasetManifest,
  type GraphStore,
  type LoadInfo,
  type LoadState,
  loadStateOf,
  type QueryOptions,
  type QueryPlan,
  type QueryResult,
  queryByBatches,
  streamByBatches,
  type BatchedRun,
  type RowsListener,
  type StagedGraph,
  type StoreSpec,
  type StoreStats,
  type StreamOptions,
  type StreamSummary,
} from '../graph-store';
import { writeCsv, writeWorkLinkCsv, type CsvLayout } from './csv';
import { EngineWriter, writeFailure } from './engine-writer';
import {
  DEFAULT_ENGINE,
  engineOfManifest,
  loadEngine,
  type EmbeddedEngine,
  type EngineConnection,
  type EngineDatabase,
  type EngineName,
  type EngineResult,
  type KuzuValue,
} from './engine';
import { collectIds, internalKey, toRows } from './mappers';
import {
  folderGeneration,
  recoverStoreFolder,
  removeStaleFolders,
  retiredFolder,
  stagingFolder,
} from './store-folder';
import { safeParams } from './params';
import {
  POSITIONED_LABELS,
  copyNodes,
  copyRels,
  copyUnplacedNodes,
  copySourceSets,
  createNodeTable,
  createRelTable,
  createSourceSetTable,
  nodeColumns,
  positionColumns,
  relColumns,
  setPositions,
  sourceSetColumns,
  storedRelColumns,
  unplacedColumns,
} from './schema';
import { SOURCE_SET_QUERY, SourceSetInterner, resolveSourceSets } from '../source-sets';
import { parseKuzuPlan, withoutExplainPrefix } from '../plan-guard';
import { planTarget } from '../query-guard';

/** File names inside a store folder: the database file is named after the engine that wrote it. */
const DB_FILES: Record<EngineName, string> = { kuzu: 'graph.kuzu', ladybug: 'graph.lbug' };
const MANIFEST_FILE = 'manifest.json';

/** Options of {@link EmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** Buffer pool size in bytes for queries (default 256 MiB). */
  bufferPoolBytes?: number;
  /** The embedded engine that writes and reads the database (default {@link DEFAULT_ENGINE}). */
  engine?: EngineName;
}

const MiB = 1024 * 1024;

/** Rows converted per batch of a result at most; the event loop runs between batches. */
const STREAM_BATCH_ROWS = 10_000;
/**
 * A batch also ends after this many ms of reading: 10,000 rows of a wide table held the event loop
 * 0.3-1.7 s at a time under load while the server's caches were built at start (every other request
 * waited behind them), and a time bound adapts to the row's width and the machine's load.
 */
const STREAM_SLICE_MS = 12;

/** Closes a result (or results) and never throws: Kuzu crashes on exit if results stay open. */
function closeResults(r: EngineResult | EngineResult[] | undefined): void {
  if (!r) return;
  for (const x of Array.isArray(r) ? r : [r]) {
    try {
      x.close();
    } catch {
      // already closed
    }
  }
}

function classifyQueryError(e: unknown): QueryError {
  const message = errorMessage(e);
  if (/interrupted/i.test(message)) {
    return new QueryError(`${message} The query took longer than its time limit; narrow it or add LIMIT.`, {
      code: 'QUERY_TIMEOUT',
      cause: e,
    });
  }
  if (/read-only|read only/i.test(message)) return new QueryError(message, { code: 'READ_ONLY', cause: e });
  return new QueryError(message, { cause: e });
}

/** An embedded Kuzu or LadybugDB graph store in a folder. */
export class EmbeddedStore implements GraphStore {
  readonly backend = 'embedded' as const;
  readonly dir: string;
  /** The engine this store opens and loads its database with. */
  readonly engine: EngineName;
  private readonly bufferPoolBytes: number;
  /** The options as given, for {@link spec}. */
  private readonly options: EmbeddedStoreOptions;
  private db: EngineDatabase | null = null;
  /** The load the open database came from (see folderGeneration): a re-ingest elsewhere changes it. */
  private generation: string | null = null;
  /** Running statements per Database: one replaced by a re-ingest is closed when its last one ends. */
  private readonly inUse = new Map<EngineDatabase, number>();
  private readonly retiring = new Set<EngineDatabase>();
  private tableLabels: Map<number, string> | null = null;

  /** Does not touch the disk; the database is opened on first use. */
  constructor(dir: string, options: EmbeddedStoreOptions = {}) {
    this.dir = path.resolve(dir);
    this.options = { ...options };
    this.bufferPoolBytes = options.bufferPoolBytes ?? 256 * MiB;
    this.engine = options.engine ?? DEFAULT_ENGINE;
  }

  /**
   * The engine's module, loaded on first use.
   * @throws StoreError when the engine is not installed or does not load here.
   */
  private get eng(): EmbeddedEngine {
    return loadEngine(this.engine);
  }

  /** The folder and every option, so a query worker opens the same database the same way. */
  spec(): StoreSpec {
    return { backend: 'embedded', dir: this.dir, options: { ...this.options } };
  }

  /** The row offset of the node in its table (Kuzu's internal id is a table and an offset). */
  internalIdOf(variable: string): string {
    return `offset(ID(${variable}))`;
  }

  /** True when a loaded database (of either engine) exists in the folder. */
  exists(): boolean {
    return (
      existsSync(path.join(this.dir, MANIFEST_FILE)) &&
      Object.values(DB_FILES).some((f) => existsSync(path.join(this.dir, f)))
    );
  }

  /**
   * Refuses a database another engine wrote: the storage formats differ, and an engine opening
   * the other's files fails with a message about the file, not about the cause.
   * @throws StoreError saying which engine wrote it and how to re-ingest.
   */
  private checkEngine(): void {
    let written: EngineName | null;
    try {
      const m = JSON.parse(readFileSync(path.join(this.dir, MANIFEST_FILE), 'utf8')) as DatasetManifest;
      written = engineOfManifest(m);
    } catch {
      return; // an unreadable manifest: the engine's own open error says what is wrong
    }
    if (written === null || written === this.engine) return;
    const relative = path.relative(process.cwd(), this.dir);
    const db = relative === '' ? '.' : relative.startsWith('..') ? this.dir : relative;
    throw new StoreError(
      `The database in ${this.dir} was written by the ${written} engine, but this run uses ${this.engine}; ` +
        `their storage formats differ. Re-ingest it with: npx crosstalk ingest --engine ${this.engine} --db ${db} ` +
        `(or run with --engine ${written}).`,
    );
  }

  /** Reads the manifest of the last load, or null when there is none. */
  async manifest(): Promise<DatasetManifest | null> {
    try {
      return JSON.parse(await readFile(path.join(this.dir, MANIFEST_FILE), 'utf8')) as DatasetManifest;
    } catch {
      return null;
    }
  }

  /** Empty without a database file, `other-engine` when the other embedded engine wrote it. */
  async loadState(dataHash: string): Promise<LoadState> {
    if (!this.exists()) return { state: 'empty' };
    const manifest = await this.manifest();
    const writtenBy = manifest ? engineOfManifest(manifest) : null;
    if (writtenBy !== null && writtenBy !== this.engine) {
      return { state: 'other-engine', writtenBy, engine: this.engine };
    }
    return loadStateOf(manifest, dataHash);
  }

  private openReadOnly(): EngineDatabase {
    if (this.db) {
      // Another process may have re-ingested: the folder then holds a new manifest and database,
      // while this handle still reads the replaced files. A missing folder is a swap in progress.
      const now = folderGeneration(this.dir);
      if (now === this.generation || now === null) return this.db;
      this.retire(this.db);
      this.db = null;
      this.tableLabels = null;
    }
    // A load that died between its two renames left no folder: put the newest database back.
    if (!this.exists()) recoverStoreFolder(this.dir);
    if (!this.exists()) {
      throw new StoreError(
        `No graph database in ${this.dir}. Create it with: npx crosstalk ingest --db ${path.relative(process.cwd(), this.dir) || '.'}`,
        { code: 'STORE_MISSING' },
      );
    }
    this.checkEngine();
    try {
      const file = path.join(this.dir, DB_FILES[this.engine]);
      this.generation = folderGeneration(this.dir); // read first: a swap during the open is seen next time
      this.db = new this.eng.Database(file, this.bufferPoolBytes, true, true);
      this.db.initSync();
    } catch (e: unknown) {
      this.db = null;
      const msg = errorMessage(e);
      const busy = /lock/i.test(msg);
      throw new StoreError(
        busy
          ? `The database in ${this.dir} is being written by another process (${msg}). Wait for the ingest to finish and try again.`
          : `Cannot open the database in ${this.dir}: ${msg}`,
        { retryable: busy, cause: e },
      );
    }
    return this.db;
  }

  async load(graph: GraphData, info: LoadInfo): Promise<DatasetManifest> {
    return this.write(Promise.resolve({ graph, dataHash: info.dataHash }), null, info);
  }

  /**
   * The writer child starts and creates the tables while the graph is prepared; once it is built,
   * every table is copied with the Work and Concept positions left null, and the layout (`place`)
   * runs on this thread while the engine copies; the positions are set last, from a file of their own.
   */
  async loadStaged(staged: StagedGraph, info: Omit<LoadInfo, 'dataHash'>): Promise<DatasetManifest> {
    const finish = staged.finish ? () => staged.finish!() : null;
    return this.write(staged.built, () => staged.place(), info, finish);
  }

  /**
   * One load: `built` gives the graph (its rejection is the preparation's error, rethrown as it
   * is); `place`, when given, lays it out once what needs no positions is queued in the engine;
   * `finish`, when given, completes the graph (see StagedGraph.finish), called before the first
   * table that needs it, once the tables before it are queued.
   */
  private async write(
    built: Promise<BuiltGraph>,
    place: (() => void | Promise<void>) | null,
    info: Omit<LoadInfo, 'dataHash'>,
    finish: (() => void | Promise<void>) | null = null,
  ): Promise<DatasetManifest> {
    const staging = stagingFolder(this.dir);
    const retired = retiredFolder(this.dir);
    // One step per table, the source sets (written once every relationship is) last, then positions.
    const steps = NODE_LABELS.length + REL_TYPES.length + 1 + (place ? 1 : 0);
    let done = 0;
    const progress = (step: string): void => info.onProgress?.({ step, done: done++, total: steps });
    // The engine writes in a child process: on some write failures (a full disk) it aborts its process.
    let writer: EngineWriter | null = null;
    let writing: Promise<CsvLayout> | null = null;
    /** Statements sent to the engine and not yet awaited; the first failure among them. */
    const running: Promise<unknown>[] = [];
    const engine: { failed: { error: unknown } | null } = { failed: null };
    const send = (statement: string, step?: string): void => {
      const p = writer!.run(statement).then((ms) => {
        if (step) info.onStepTime?.(step, ms);
      });
      p.catch((error: unknown) => void (engine.failed ??= { error }));
      running.push(p);
    };
    /** The preparation's own error (validation), kept apart from the store's. */
    const preparation: { failed: { error: unknown } | null } = { failed: null };
    const prepared = async <T>(step: () => Promise<T> | T): Promise<T> => {
      try {
        return await step();
      } catch (error: unknown) {
        preparation.failed = { error };
        throw error;
      }
    };
    let manifest: DatasetManifest;
    try {
      // What killed loads left behind: a database to put back (one died while swapping).
      recoverStoreFolder(this.dir);
      // Synchronous up to the fork, so the child starts before the caller's preparation takes the thread.
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(path.dirname(staging), { recursive: true });
      // Not recursive: on a read-only file system a recursive mkdir says ENOENT, not EROFS.
      mkdirSync(staging);
      mkdirSync(path.join(staging, 'csv'));
      const started = EngineWriter.start(this.engine, path.join(staging, DB_FILES[this.engine]), 1024 * MiB);
      writer = started.writer;
      started.opened.catch((error: unknown) => void (engine.failed ??= { error }));
      // Queued at once: the child creates the tables as soon as the database is open. (One
      // transaction around the tables and COPYs saved ~25 % of the engine's CPU at 10k works, but
      // the load then needed about twice its size on disk: the tiny dataset no longer fit in 10 MB.)
      for (const label of NODE_LABELS) send(createNodeTable(label));
      for (const type of REL_TYPES) send(createRelTable(type));
      send(createSourceSetTable());
      // Folders of loads that are no longer running (a full disk must not stay full of them).
      await removeStaleFolders(this.dir);
      const { graph, dataHash } = await prepared(() => built);
      await started.opened;
      const sourceSets = new SourceSetInterner();
      const csv = (name: string): string => path.join(staging, 'csv', `${name}.csv`);
      const unplaced = (label: NodeLabel): boolean => place !== null && POSITIONED_LABELS.includes(label);
      const nodeTables = NODE_LABELS.map((label) => ({
        step: `${label} nodes`,
        write: () =>
          writeCsv(
            csv(label),
            unplaced(label) ? unplacedColumns(label) : nodeColumns(label),
            graph.nodes[label],
          ),
        copy: (layout: CsvLayout) =>
          unplaced(label)
            ? copyUnplacedNodes(label, csv(label), layout)
            : copyNodes(label, csv(label), layout),
      }));
      const relTables = REL_TYPES.map((type) => ({
        step: `${type} relationships`,
        write: () => {
          // Links between works still held as columns are written from them (no record per row).
          const held = heldWorkLinks(graph, type);
          return held && EDGE_KINDS[type].provenance === 'sourceSet'
            ? writeWorkLinkCsv(csv(type), relColumns(type), held, (list) => sourceSets.code(list))
            : writeCsv(csv(type), storedRelColumns(type, sourceSets), graph.rels[type]);
        },
        copy: (layout: CsvLayout) => copyRels(type, csv(type), layout),
      }));
      // The tables of what `finish` builds (authors, journals, concepts with their mention counts,
      // and what links to them) come after the others, which the engine copies meanwhile. The
      // relationships keep their order: source-set codes are given in order of first sight.
      const finished: readonly NodeLabel[] = ['Author', 'Journal', 'Concept'];
      const touchesFinished = (t: RelType): boolean =>
        finished.includes(REL_SCHEMA[t].from) || finished.includes(REL_SCHEMA[t].to);
      const found = REL_TYPES.findIndex(touchesFinished);
      const finishedFrom = found < 0 ? REL_TYPES.length : found;
      const tables: { step: string; write?: () => Promise<CsvLayout>; copy?: (l: CsvLayout) => string }[] = [
        ...nodeTables.filter((_, i) => !finished.includes(NODE_LABELS[i]!)),
        ...relTables.slice(0, finishedFrom),
        { step: 'finish' },
        ...nodeTables.filter((_, i) => finished.includes(NODE_LABELS[i]!)),
        ...relTables.slice(finishedFrom),
        {
          step: 'source sets',
          // Written after every relationship file, so it holds every code they use.
          write: () => writeCsv(csv('SourceSet'), sourceSetColumns(), sourceSets.records()),
          copy: (layout: CsvLayout) => copySourceSets(csv('SourceSet'), layout),
        },
      ];
      // The CSV files are written on this thread while the engine copies the ones before.
      let filesMs = 0;
      for (const table of tables) {
        if (engine.failed) throw engine.failed.error;
        if (!table.write || !table.copy) {
          // One turn of the event loop first, so the statements queued so far reach the child.
          await new Promise((done) => setImmediate(done));
          if (finish) await prepared(finish);
          continue;
        }
        progress(table.step);
        const t = performance.now();
        writing = table.write();
        const layout = await writing;
        filesMs += performance.now() - t;
        send(table.copy(layout), table.step);
      }
      if (place) {
        // The engine copies what is queued while the graph is laid out here.
        await prepared(place);
        if (engine.failed) throw engine.failed.error;
        progress('positions');
        const t = performance.now();
        for (const label of POSITIONED_LABELS) {
          const file = csv(`${label}-positions`);
          writing = writeCsv(file, positionColumns(label), graph.nodes[label]);
          send(setPositions(label, file, await writing), `${label} positions`);
        }
        filesMs += performance.now() - t;
      }
      info.onStepTime?.('CSV files', filesMs);
      for (const p of running) await p;
      await writer.close();
      writer = null;
      await rm(path.join(staging, 'csv'), { recursive: true, force: true });
      // Counted once the graph is whole (tagged).
      const counts = countGraph(graph);
      manifest = {
        format: 1,
        backend: 'embedded',
        engine: this.engine,
        engineVersion: this.eng.version,
        loadedAt: new Date().toISOString(),
        dataDir: info.dataDir,
        dataHash,
        counts,
      };
      // Written last: a staging folder with a manifest is complete (see store-folder.ts).
      await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
      info.onProgress?.({ step: 'done', done: steps, total: steps });
    } catch (e: unknown) {
      await writing?.catch(() => undefined);
      await writer?.kill();
      for (const p of running) await p.catch(() => undefined);
      // Invalid data is reported as before, even when the store failed first (a read-only folder).
      if (!preparation.failed) await prepared(() => built).catch(() => undefined);
      const failure: unknown = preparation.failed
        ? preparation.failed.error
        : e instanceof CrosstalkError
          ? e
          : writeFailure(e, staging); // before the space is freed
      // Nothing of a failed load stays behind (a full disk must not stay full of it).
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw failure;
    }

    // Swap: the old folder is kept until the new one is in place.
    await this.close();
    await rm(retired, { recursive: true, force: true });
    const hadOld = existsSync(this.dir);
    if (hadOld) await rename(this.dir, retired);
    try {
      await rename(staging, this.dir);
    } catch (e: unknown) {
      if (hadOld) await rename(retired, this.dir);
      await rm(staging, { recursive: true, force: true });
      throw new StoreError(`Could not move the new database into ${this.dir}: ${errorMessage(e)}`, {
        cause: e,
      });
    }
    // Left behind only if this fails; the next load removes it (see removeStaleFolders).
    if (hadOld) await rm(retired, { recursive: true, force: true }).catch(() => undefined);
    return manifest;
  }

  async query(cypher: string, options: QueryOptions = {}): Promise<QueryResult> {
    return queryByBatches(this.execute.bind(this), cypher, options);
  }

  async stream(cypher: string, onRows: RowsListener, options: StreamOptions = {}): Promise<StreamSummary> {
    return streamByBatches(this.execute.bind(this), cypher, onRows, options);
  }

  /**
   * Runs one statement on a read-only connection and hands at most `maxRows` rows to `onRows` in
   * batches. Rows are read synchronously within a batch (the engine's async row reads cost ~40 µs
   * each, its sync reads ~1 µs), and the event loop runs between batches.
   */
  private async execute(
    cypher: string,
    options: StreamOptions,
    maxRows: number,
    onRows: RowsListener,
  ): Promise<BatchedRun> {
    const db = this.openReadOnly();
    const started = performance.now();
    const conn = new this.eng.Connection(db);
    let result: EngineResult | undefined;
    this.hold(db);
    try {
      conn.setQueryTimeout(options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
      const safe = safeParams(cypher, options.params ?? {});
      const prepared = await conn.prepare(safe.cypher);
      if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
      const r = await conn.execute(prepared, safe.params as Record<string, KuzuValue>);
      result = Array.isArray(r) ? r[0] : r;
      if (!result) throw new Error('The engine returned no result.');
      const columns = result.getColumnNamesSync();
      let count = 0;
      while (count < maxRows && result.hasNext()) {
        const raw: Record<string, KuzuValue>[] = [];
        const end = Math.min(maxRows, count + STREAM_BATCH_ROWS);
        const sliceEnds = performance.now() + STREAM_SLICE_MS;
        while (count < end && result.hasNext()) {
          const row = result.getNextSync();
          if (!row) break;
          raw.push(row);
          count += 1;
          if ((count & 255) === 0 && performance.now() > sliceEnds) break;
        }
        const { known, wanted } = collectIds(raw);
        if (wanted.length > 0) await this.resolveIds(conn, wanted, known);
        const rows = toRows(raw, known);
        await resolveSourceSets(rows, (codes) => this.sourceSetLists(conn, codes));
        onRows(rows);
        if (count < maxRows && result.hasNext()) await new Promise((done) => setImmediate(done));
      }
      return { columns, rows: count, truncated: result.hasNext(), timeMs: performance.now() - started };
    } catch (e: unknown) {
      if (e instanceof QueryError) throw e;
      throw classifyQueryError(e);
    } finally {
      closeResults(result);
      await conn.close();
      this.release(db);
    }
  }

  /**
   * Kuzu's plan of one statement (`EXPLAIN`, on a read-only connection with the query time limit),
   * read by parseKuzuPlan (src/store/plan-guard.ts). Parameters are bound as for {@link query}:
   * the binder needs their types.
   */
  async explain(cypher: string, params: Record<string, unknown> = {}): Promise<QueryPlan> {
    const db = this.openReadOnly();
    const conn = new this.eng.Connection(db);
    let results: EngineResult[] = [];
    this.hold(db);
    try {
      conn.setQueryTimeout(DEFAULT_QUERY_TIMEOUT_MS);
      const safe = safeParams(planTarget(cypher), params);
      const prepared = await conn.prepare(`EXPLAIN ${safe.cypher}`);
      if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
      const r = await conn.execute(prepared, safe.params as Record<string, KuzuValue>);
      results = Array.isArray(r) ? r : [r];
      let text = '';
      for (const result of results) {
        for (const row of result.getAllSync()) text += Object.values(row).map(String).join('\n') + '\n';
      }
      return { backend: 'embedded', ...parseKuzuPlan(text), text };
    } catch (e: unknown) {
      if (e instanceof QueryError) throw e;
      throw withoutExplainPrefix(classifyQueryError(e));
    } finally {
      closeResults(results);
      await conn.close();
      this.release(db);
    }
  }

  private hold(db: EngineDatabase): void {
    this.inUse.set(db, (this.inUse.get(db) ?? 0) + 1);
  }

  private release(db: EngineDatabase): void {
    const n = (this.inUse.get(db) ?? 1) - 1;
    if (n > 0) return void this.inUse.set(db, n);
    this.inUse.delete(db);
    if (this.retiring.delete(db)) void db.close().catch(() => undefined);
  }

  /** Closes a Database replaced by a re-ingest, now or when its running statements end. */
  private retire(db: EngineDatabase): void {
    if ((this.inUse.get(db) ?? 0) > 0) this.retiring.add(db);
    else void db.close().catch(() => undefined);
  }

  /** The `sources` lists of some source-set codes (see ../source-sets.ts). */
  private async sourceSetLists(conn: EngineConnection, codes: number[]): Promise<Map<number, string[]>> {
    const p = await conn.prepare(SOURCE_SET_QUERY);
    const r = await conn.execute(p, { codes });
    try {
      const rows = await (Array.isArray(r) ? r[0]! : r).getAll();
      return new Map(rows.map((x) => [Number(x.code), (x.sources as string[] | null) ?? []]));
    } finally {
      closeResults(r);
    }
  }

  /** Looks up the `id` property of nodes known only by internal id (relationship endpoints). */
  private async resolveIds(
    conn: EngineConnection,
    wanted: readonly { table: number; offset: number }[],
    known: Map<string, string>,
  ): Promise<void> {
    if (!this.tableLabels) {
      const r = await conn.query('CALL show_tables() RETURN id, name, type');
      const rows = await (Array.isArray(r) ? r[0]! : r).getAll();
      closeResults(r);
      this.tableLabels = new Map(
        rows.filter((x) => x.type === 'NODE').map((x) => [Number(x.id), x.name as string]),
      );
    }
    const byTable = new Map<number, number[]>();
    for (const w of wanted) byTable.set(w.table, [...(byTable.get(w.table) ?? []), w.offset]);
    for (const [table, offsets] of byTable) {
      const label = this.tableLabels.get(table);
      if (!label) continue;
      const p = await conn.prepare(
        `MATCH (n:${label}) WHERE offset(ID(n)) IN $offsets RETURN offset(ID(n)) AS o, n.id AS id`,
      );
      const r = await conn.execute(p, { offsets });
      const res = Array.isArray(r) ? r[0]! : r;
      for (const row of await res.getAll())
        known.set(internalKey({ table, offset: Number(row.o) }), row.id as string);
      closeResults(r);
    }
  }

  async stats(): Promise<StoreStats> {
    const manifest = await this.manifest();
    const countOf = async (q: string): Promise<number> => {
      const r = await this.query(q);
      return Number(r.rows[0]?.n ?? 0);
    };
    const nodes = {} as Record<NodeLabel, number>;
    for (const l of NODE_LABELS) nodes[l] = await countOf(`MATCH (n:${l}) RETURN count(n) AS n`);
    const rels = {} as Record<RelType, number>;
    for (const t of REL_TYPES) rels[t] = await countOf(`MATCH ()-[r:${t}]->() RETURN count(r) AS n`);
    const counts: GraphCounts = { nodes, rels };
    return { backend: 'embedded', engineVersion: this.eng.version, location: this.dir, counts, manifest };
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    this.generation = null;
    this.tableLabels = null;
    const retiring = [...this.retiring];
    this.retiring.clear();
    for (const old of retiring) await old.close().catch(() => undefined);
    // A statement still running on it (a cache built in the background, read in slices) closes it
    // when it ends (release): closed under it, the engine throws from a native callback, uncaught.
    if (db && (this.inUse.get(db) ?? 0) > 0) this.retiring.add(db);
    else if (db) await db.close();
  }
}
