/**
 * What is expensive to compute once per loaded dataset (the /api/graph bytes, the network index,
 * the search index, the crosstalk matrix, the counts), built on first use and shared by concurrent
 * requests; forgotten when the store's manifest says another dataset was loaded.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { CrosstalkPayload, StatsPayload } from '../model/api';
import type { DatasetManifest, GraphStore } from '../store/graph-store';
import type { GraphReader, LoadedNetwork } from './read-models/graph-reader';
import { SearchWorker } from './search-index';
import { streamSearchRecords } from './search-records';

const gzipAsync = promisify(gzip);

/**
 * The /api/graph answer, serialised and compressed once per loaded dataset (at 100k works it is
 * 1.9 MB of JSON; serialising and compressing it on every request cost ~100 ms).
 */
export interface CachedNetwork {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Loads and caches what is expensive to compute once per loaded dataset. */
export class DatasetCache {
  private key: string | null = null;
  private network: Promise<CachedNetwork> | null = null;
  private index: Promise<SearchWorker> | null = null;
  private crosstalk: Promise<CrosstalkPayload> | null = null;
  private loaded: Promise<LoadedNetwork> | null = null;
  private stats: Promise<StatsPayload> | null = null;
  private readonly building = new Set<Promise<unknown>>();
  /** The read of the store's manifest under way, if any (see {@link current}). */
  private manifestRead: Promise<DatasetManifest | null> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly reader: GraphReader,
    private readonly maxNodes: number,
    private readonly maxEdges: number,
  ) {}

  private async current(): Promise<string> {
    // The manifest, not stats(): this runs on every /api/graph and /api/search request. Requests
    // that arrive while a read of it is under way share that read (32 concurrent searches read the
    // file once, not 32 times); each still sees a manifest read after it arrived or just before.
    const manifest = await (this.manifestRead ??= this.store
      .manifest()
      .finally(() => (this.manifestRead = null)));
    const key = `${manifest?.dataHash ?? ''}:${manifest?.loadedAt ?? ''}:${this.maxNodes}:${this.maxEdges}`;
    if (key !== this.key) {
      this.key = key;
      this.network = null;
      void this.index?.then((w) => w.close()).catch(() => undefined); // its worker thread
      this.index = null;
      this.loaded = null;
      this.crosstalk = null;
      this.stats = null;
    }
    return key;
  }

  /** The network payload of /api/graph; concurrent first requests share one build. */
  async getNetwork(): Promise<CachedNetwork> {
    const key = await this.current();
    return (this.network ??= this.settle(
      (async () => {
        const payload = await this.reader.network(await this.getLoaded(), this.maxNodes, this.maxEdges);
        const json = Buffer.from(JSON.stringify(payload));
        return {
          json,
          gzip: await gzipAsync(json),
          etag: `"${createHash('sha1').update(key).digest('hex').slice(0, 20)}"`,
        };
      })(),
      () => (this.network = null),
    ));
  }

  /** Counts and provenance (a count per label and type: 0.1–0.8 s at 100k works, so counted once). */
  async getStats(): Promise<StatsPayload> {
    await this.current();
    return (this.stats ??= this.settle(
      this.store.stats().then((s): StatsPayload => ({
        backend: s.backend,
        engineVersion: s.engineVersion,
        counts: s.counts,
        dataset: s.manifest
          ? {
              loadedAt: s.manifest.loadedAt,
              dataDir: path.basename(s.manifest.dataDir),
              dataHash: s.manifest.dataHash,
            }
          : null,
      })),
      () => (this.stats = null),
    ));
  }

  /** The crosstalk matrix (small, but several queries). */
  async getCrosstalk(): Promise<CrosstalkPayload> {
    await this.current();
    return (this.crosstalk ??= this.settle(this.reader.crosstalk(), () => (this.crosstalk = null)));
  }

  /** The network index (paths, neighbourhoods, overview links); concurrent first requests share one build. */
  async getLoaded(): Promise<LoadedNetwork> {
    await this.current();
    return (this.loaded ??= this.settle(this.reader.loadNetwork(), () => (this.loaded = null)));
  }

  /**
   * Starts counting the store and building the network, its index and the search index in the background, so the first
   * requests find them ready. Failures (no database yet) are left for the requests to report.
   */
  warm(): void {
    void this.getStats()
      .then(() => this.getNetwork())
      .then(() => this.getIndex())
      .catch(() => undefined);
  }

  /** A shared build that is forgotten when it fails, so the next request tries again. */
  private settle<T>(building: Promise<T>, forget: () => void): Promise<T> {
    const key = this.key;
    this.building.add(building);
    building
      .catch(() => {
        if (this.key === key) forget();
      })
      .finally(() => this.building.delete(building));
    return building;
  }

  /** Resolves when no build is running (the store must not close under a running query), then stops the search worker. */
  async idle(): Promise<void> {
    while (this.building.size > 0) await Promise.allSettled([...this.building]);
    await this.index?.then((w) => w.close()).catch(() => undefined);
  }

  /** The search index (in a worker thread); concurrent first requests share one build. */
  async getIndex(): Promise<SearchWorker> {
    await this.current();
    return (this.index ??= this.settle(
      // The records go to the worker a batch at a time as the store hands them over: this thread
      // never holds them all, and keeps none (a replaced worker reads them again).
      SearchWorker.start((onBatch) => streamSearchRecords(this.store, onBatch)),
      () => (this.index = null),
    ));
  }
}
