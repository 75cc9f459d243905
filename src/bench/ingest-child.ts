/**
 * One ingest of the benchmark, in its own process so its peak RSS is its own:
 *
 *   node --import ./bin/ts-hooks.js src/bench/ingest-child.ts '<json IngestJob>'
 *
 * Prints one JSON line (IngestMeasurement) on stdout. `embedded` and `neo4j` run the real
 * `ingest()`; `naive` runs the same preparation, then {@link naiveLoad}.
 */
import { countGraph } from '../model/graph-schema';
import { ingest, prepareGraph } from '../ingest/ingest';
import { phaseClock } from '../ingest/phases';
import { loadEngine, type EngineName } from '../store/embedded/engine';
import { openStoreFromSpec } from '../store/open-store';
import type { Neo4jConfig } from '../store/neo4j/config';
import { naiveLoad } from './naive-load';
import { errorMessage } from '../model/errors';

/** What to ingest, where. */
export interface IngestJob {
  path: 'embedded' | 'neo4j' | 'naive';
  data: string;
  db: string;
  /** embedded only: the engine (default kuzu). */
  engine?: EngineName;
  neo4j?: Neo4jConfig;
  /** naive only: stop loading after this many ms and report the rate. */
  budgetMs?: number;
}

/** What one ingest measured. */
export interface IngestMeasurement {
  path: IngestJob['path'];
  ok: boolean;
  error?: string;
  /** Wall time of the whole ingest (read, validate, build, lay out, load). */
  ms: number;
  /** Time until the store started loading (read + validate + build + layout). */
  prepareMs: number;
  /** Nodes + relationships in the graph. */
  records: number;
  /** Records per second of the load step alone (naive: of the rows written within its budget). */
  loadRecordsPerSec: number;
  /** False when the naive load stopped at its time budget. */
  complete: boolean;
  nodes: number;
  rels: number;
  /** Peak resident set size of this process in bytes (getrusage, includes native memory). */
  peakRssBytes: number;
  /** Time per store step (`Work nodes`, `CITES relationships`, …) in ms, when reported. */
  steps: Record<string, number>;
  /** Time per preparation phase (read files, parse + validate …, tag, layout) in ms. */
  phases?: Record<string, number>;
  /** embedded only: the engine's name and version, e.g. "ladybug 0.20.4". */
  engineVersion?: string;
}

async function run(job: IngestJob): Promise<IngestMeasurement> {
  const started = performance.now();
  const clock = phaseClock();
  let prepareMs = 0;
  const steps: Record<string, number> = {};
  let last: { step: string; at: number } | null = null;
  const onProgress = (p: { step: string }): void => {
    const now = performance.now();
    if (!last) prepareMs = now - started;
    else steps[last.step] = now - last.at;
    last = { step: p.step, at: now };
  };
  // A staged load runs its steps beside the preparation and each other: the engine's own time per
  // step, when the store reports it, replaces the gap between two progress reports.
  const stepTimes: Record<string, number> = {};
  const onStepTime = (step: string, ms: number): void => void (stepTimes[step] = ms);
  let counts;
  let loadRate = 0;
  let complete = true;
  if (job.path === 'naive') {
    const prepared = await prepareGraph(job.data, { clock });
    prepareMs = performance.now() - started;
    const r = await naiveLoad(prepared.graph, job.db, job.budgetMs);
    loadRate = r.written / (r.ms / 1000);
    complete = r.complete;
    counts = prepared.counts;
  } else {
    // The one store factory, as the CLI and the query workers open stores.
    const store = await openStoreFromSpec(
      job.path === 'embedded'
        ? { backend: 'embedded', dir: job.db, options: { engine: job.engine ?? 'kuzu' } }
        : {
            backend: 'neo4j',
            config: job.neo4j ?? { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', password: '' },
            options: {},
          },
    );
    try {
      const { prepared } = await ingest(job.data, store, { onProgress, onStepTime, clock });
      counts = countGraph(prepared.graph);
    } finally {
      await store.close();
    }
  }
  const ms = performance.now() - started;
  if (Object.keys(stepTimes).length > 0) {
    for (const k of Object.keys(steps)) if (!(k in stepTimes)) delete steps[k];
    Object.assign(steps, stepTimes);
    // The store's first progress report comes before the layout now: preparation is its phases.
    prepareMs = Object.values(clock.phases).reduce((a, b) => a + b, 0);
  }
  const nodes = Object.values(counts.nodes).reduce((a, b) => a + b, 0);
  const rels = Object.values(counts.rels).reduce((a, b) => a + b, 0);
  if (job.path !== 'naive') loadRate = (nodes + rels) / ((ms - prepareMs) / 1000);
  return {
    loadRecordsPerSec: loadRate,
    complete,
    path: job.path,
    ok: true,
    ms,
    prepareMs,
    records: nodes + rels,
    nodes,
    rels,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    steps,
    phases: clock.phases,
    ...(job.path === 'embedded' ? { engineVersion: loadEngine(job.engine ?? 'kuzu').version } : {}),
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as IngestJob;
run(job).then(
  (m) => {
    process.stdout.write(JSON.stringify(m) + '\n');
    process.exit(0);
  },
  (e: unknown) => {
    const m: IngestMeasurement = {
      path: job.path,
      ok: false,
      error: errorMessage(e),
      ms: 0,
      prepareMs: 0,
      records: 0,
      loadRecordsPerSec: 0,
      complete: false,
      nodes: 0,
      rels: 0,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      steps: {},
    };
    process.stdout.write(JSON.stringify(m) + '\n');
    process.exit(1);
  },
);
