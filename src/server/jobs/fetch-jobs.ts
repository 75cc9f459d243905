/**
 * Fetch jobs: the explorer's "Fetch references and citing works" runs `crosstalk fetch`'s code
 * (enrich/enrich.ts, same settings) on the server, as a job with an id, progress, cancel and a result.
 * One job at a time (they write the same dataset). Steps, each a method tests can call:
 * 1. prepare: the work's DOI or PMID from the store; the user dataset (created as a copy of the
 *    loaded dataset on the first fetch: never the bundled graph/);
 * 2. fetch + merge: fetchAndMerge into the user dataset (validated whole before it replaces a file;
 *    a cancel stops before anything is written; answers stay in the response cache, so a new job
 *    resumes from there and a second run of the same work sends no request);
 * 3. load: ingest the merged dataset into a new store directory through a second handle on the
 *    same store (it builds beside the live database and swaps), so readers never see a half-load;
 *    the works and concepts already there keep their layout, the new ones go near their neighbours:
 *    the server's own handle and the query workers reopen on their next statement, and the
 *    server's caches rebuild because the manifest changed;
 * 4. record: the expansion in the dataset's provenance.json (base URLs only; never a credential).
 */
import { randomUUID } from 'node:crypto';
import type { FetchJobPayload, FetchSkip } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { labelOfId } from '../../model/ids';
import { fetchAndMerge, type FetchSummary } from '../../enrich/enrich';
import { ingest } from '../../ingest/ingest';
import type { GraphStore } from '../../store/graph-store';
import { openStoreFromSpec } from '../../store/open-store';
import type { FetchServerOptions } from './fetch-options';
import type { FetchPermission } from './fetch-permission';
import { ensureUserDataset, recordExpansion } from './user-dataset';

/** Why a job cannot start: the HTTP status and code the route answers with. */
export class FetchJobRefused extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 400,
    readonly code: 'FETCH_DISABLED' | 'NOT_FOUND' | 'FETCH_BUSY' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'FetchJobRefused';
  }
}

/** The work a job expands around, as the store knows it. */
export interface FetchSeed {
  id: string;
  title: string | null;
  doi: string | null;
  pmid: string | null;
}

class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** One job's live state (the payload is a copy of it). */
interface Job {
  payload: FetchJobPayload;
  controller: AbortController;
  done: Promise<void>;
}

/** Runs and tracks fetch jobs for one server. */
export class FetchJobs {
  private current: Job | null = null;
  private closed = false;

  constructor(
    private readonly store: GraphStore,
    private readonly options: FetchServerOptions,
    readonly permission: FetchPermission,
    /** Told when a job has loaded a grown dataset (the server's store already sees it). */
    private readonly onLoaded: () => void = () => undefined,
  ) {}

  /** E-mail and keys given at run time (PUT /api/fetch/settings): in memory only, they win over the flags. */
  private credentials: { mailto?: string; apiKey?: string; ncbiApiKey?: string } = {};

  /**
   * Sets the e-mail and keys jobs ask with (an empty string clears one; a missing field is kept).
   * Kept in this process's memory only: never written to the dataset, the cache or a log.
   */
  setCredentials(c: { mailto?: string; apiKey?: string; ncbiApiKey?: string }): void {
    for (const key of ['mailto', 'apiKey', 'ncbiApiKey'] as const) {
      const v = c[key];
      if (v === undefined) continue;
      if (v.trim() === '') delete this.credentials[key];
      else this.credentials[key] = v.trim();
    }
  }

  /** Which of the e-mail and keys are set (flags, environment or run time), never their values. */
  credentialsSet(): { mailto: boolean; apiKey: boolean; ncbiApiKey: boolean } {
    const s = this.options.settings;
    return {
      mailto: Boolean(this.credentials.mailto ?? s.mailto),
      apiKey: Boolean(this.credentials.apiKey ?? s.apiKey),
      ncbiApiKey: Boolean(this.credentials.ncbiApiKey ?? s.ncbiApiKey),
    };
  }

  /** The running job, or the last one; null before the first. */
  latest(): FetchJobPayload | null {
    return this.current ? { ...this.current.payload } : null;
  }

  /** A job by id (only the latest is kept). */
  get(id: string): FetchJobPayload | null {
    return this.current?.payload.id === id ? { ...this.current.payload } : null;
  }

  /**
   * Step 1: the work's identifiers from the store.
   * @throws FetchJobRefused when it is not a work in the graph or has neither DOI nor PMID.
   */
  async seedOf(id: string): Promise<FetchSeed> {
    if (labelOfId(id) !== 'Work') throw new FetchJobRefused(400, 'BAD_REQUEST', `"${id}" is not a work id.`);
    const { rows } = await this.store.query(
      'MATCH (w:Work {id: $id}) RETURN w.title AS title, w.doi AS doi, w.pmid AS pmid',
      { params: { id }, timeoutMs: 10_000, maxRows: 1 },
    );
    const row = rows[0];
    if (!row) throw new FetchJobRefused(404, 'NOT_FOUND', `No work with id "${id}".`);
    const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
    const seed = { id, title: s(row.title), doi: s(row.doi), pmid: s(row.pmid) };
    if (!seed.doi && !seed.pmid) {
      throw new FetchJobRefused(
        400,
        'BAD_REQUEST',
        'This work has neither a DOI nor a PMID, so OpenAlex cannot be asked about it.',
      );
    }
    return seed;
  }

  /**
   * Starts a job for a work.
   * @throws FetchJobRefused when fetching is off, a job is running, or the work cannot be fetched.
   */
  async start(workId: string): Promise<FetchJobPayload> {
    if (!this.permission.enabled) throw new FetchJobRefused(403, 'FETCH_DISABLED', this.permission.reason);
    if (this.closed) throw new FetchJobRefused(409, 'FETCH_BUSY', 'The server is shutting down.');
    if (this.current && !isFinished(this.current.payload)) {
      throw new FetchJobRefused(
        409,
        'FETCH_BUSY',
        `A fetch for “${this.current.payload.workTitle ?? this.current.payload.work}” is running; wait for it or cancel it.`,
      );
    }
    const seed = await this.seedOf(workId);
    if (this.current && !isFinished(this.current.payload)) {
      throw new FetchJobRefused(409, 'FETCH_BUSY', 'Another fetch started meanwhile.');
    }
    const payload: FetchJobPayload = {
      id: randomUUID(),
      work: seed.id,
      workTitle: seed.title,
      state: 'fetching',
      step: 'starting',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      requests: { done: 0, planned: 1, cached: 0 },
      result: null,
      error: null,
    };
    const controller = new AbortController();
    const job: Job = { payload, controller, done: Promise.resolve() };
    job.done = this.run(job, seed);
    this.current = job;
    return { ...payload };
  }

  /** Cancels a running job: it stops at the next answer, before anything is written. */
  cancel(id: string): FetchJobPayload | null {
    const job = this.current?.payload.id === id ? this.current : null;
    if (!job) return null;
    if (job.payload.state === 'fetching') {
      job.controller.abort(new CancelledError());
      job.payload.step = 'cancelling';
    }
    return { ...job.payload };
  }

  /** Resolves when no job runs (a running one is cancelled if it can still be). */
  async close(): Promise<void> {
    this.closed = true;
    const job = this.current;
    if (!job) return;
    if (job.payload.state === 'fetching') job.controller.abort(new CancelledError());
    await job.done;
  }

  private async run(job: Job, seed: FetchSeed): Promise<void> {
    const p = job.payload;
    const { locations, settings } = this.options;
    try {
      // The first fetch copies the dataset the server shows (graph/ or a --data folder) to the user dataset.
      const loadedFrom = (await this.store.manifest())?.dataDir ?? locations.bundled;
      await ensureUserDataset(locations, loadedFrom);
      const summary = await this.fetchAndMerge(job, seed);
      p.result = resultOf(summary);
      const answered = p.result.networkRequests + p.result.cachedRequests;
      p.requests = { done: answered, planned: answered, cached: p.result.cachedRequests };
      if (summary.written) {
        p.state = 'loading';
        p.step = 'loading the grown graph';
        await this.load();
        await recordExpansion(locations.user, {
          at: new Date().toISOString(),
          seed: summary.seed.id,
          seedTitle: summary.seed.title,
          sources: [settings.openalexUrl, ...(settings.pubmed ? [settings.pubmedUrl] : [])],
          newWorks: summary.merge.newWorks,
          filledWorks: summary.merge.filledWorks,
          newCitations: summary.merge.newCitations,
          by: 'explorer',
        });
        this.onLoaded();
      }
      p.state = 'done';
      p.step = 'done';
    } catch (e: unknown) {
      if (job.controller.signal.aborted) {
        p.state = 'cancelled';
        p.step = 'cancelled';
      } else {
        p.state = 'failed';
        p.step = 'failed';
        p.error = errorMessage(e);
      }
    } finally {
      p.finishedAt = new Date().toISOString();
    }
  }

  /** Step 2: fetch and merge into the user dataset, with the same code and settings as `crosstalk fetch`. */
  private async fetchAndMerge(job: Job, seed: FetchSeed): Promise<FetchSummary> {
    const { settings, locations } = this.options;
    const p = job.payload;
    return fetchAndMerge({
      ...(seed.doi ? { doi: seed.doi } : { pmid: seed.pmid ?? '' }),
      refs: true,
      citedBy: true,
      depth: 1,
      max: settings.max,
      pubmed: settings.pubmed,
      out: locations.user,
      cacheDir: settings.cacheDir,
      openalexUrl: settings.openalexUrl,
      pubmedUrl: settings.pubmedUrl,
      mailto: this.credentials.mailto ?? settings.mailto,
      apiKey: this.credentials.apiKey ?? settings.apiKey,
      ncbiApiKey: this.credentials.ncbiApiKey ?? settings.ncbiApiKey,
      timeoutMs: settings.timeoutMs,
      product: settings.product,
      signal: job.controller.signal,
      onProgress: (progress) => {
        p.step = progress.step;
        p.requests = {
          done: Math.max(p.requests.done, progress.done),
          planned: Math.max(progress.total, progress.done),
          cached: p.requests.cached + (progress.step.endsWith('(cached)') ? 1 : 0),
        };
      },
    });
  }

  /**
   * Step 3: ingest the user dataset beside the live database and swap (see the module comment).
   * The nodes the store has keep their position and community (the layout is not computed anew:
   * the open view and a reload agree, and ForceAtlas2 over the grown graph took most of the time).
   */
  private async load(): Promise<void> {
    const keepLayout = await this.layoutNow();
    const writer = await openStoreFromSpec(this.store.spec());
    try {
      await ingest(this.options.locations.user, writer, {
        seed: this.options.seed ?? 'crosstalk-kg',
        keepLayout,
      });
    } finally {
      await writer.close();
    }
  }

  /** The positions and communities of the works and concepts the store holds now. */
  async layoutNow(): Promise<Map<string, { x: number; y: number; community: number | null }>> {
    const keep = new Map<string, { x: number; y: number; community: number | null }>();
    for (const label of ['Work', 'Concept'] as const) {
      const { rows } = await this.store.query(
        `MATCH (n:${label}) RETURN n.id AS id, n.x AS x, n.y AS y, n.community AS community`,
        { timeoutMs: 60_000, maxRows: 10_000_000 },
      );
      for (const r of rows) {
        const { id, x, y, community } = r as Record<string, unknown>;
        if (typeof id !== 'string' || typeof x !== 'number' || typeof y !== 'number') continue;
        keep.set(id, { x, y, community: typeof community === 'number' ? community : null });
      }
    }
    return keep;
  }
}

function isFinished(p: FetchJobPayload): boolean {
  return p.state === 'done' || p.state === 'failed' || p.state === 'cancelled';
}

function resultOf(s: FetchSummary): NonNullable<FetchJobPayload['result']> {
  const skipped: FetchSkip[] = s.skipped.map((r) => ({
    reason: r.reason,
    count: r.count,
    examples: r.examples,
  }));
  return {
    newWorks: s.merge.newWorks,
    filledWorks: s.merge.filledWorks,
    newCitations: s.merge.newCitations,
    networkRequests: s.requests.openalex.network + s.requests.pubmed.network,
    cachedRequests: s.requests.openalex.cached + s.requests.pubmed.cached,
    written: s.written,
    skipped,
  };
}
