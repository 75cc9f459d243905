/**
 * Issue 14's speed target in `npm run bench`: expanding the review (≈200 references + ≈100 citing
 * works) with a local stand-in that answers at once shows the grown graph ≤ 5 s after the request,
 * and a second expansion of the same work sends no request.
 *
 * It runs its own pieces, because the bench's server is read-only and serves other datasets: the
 * OpenAlex/PubMed stand-in of the tests (test/support/fixture-api.ts) serving the synthetic
 * literature of test/support/synthetic-literature.ts (generated test records, never written to
 * graph/), the bundled graph ingested into a scratch store, and a real server whose fetch jobs ask
 * the stand-in. The clock starts at POST /api/fetch and stops when GET /api/graph answers with the
 * grown graph (what the explorer loads next). The browser's part after that (building the model,
 * placing the new works with ui/model/grow-placement.ts, drawing) is not in this figure: the lint's
 * layer rule keeps Node code from importing ui/, and the e2e test (test/e2e/expand-review.test.ts)
 * covers it for correctness.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureApi } from '../../test/support/fixture-api';
import { CITING, SYNTHETIC_REFERENCES, syntheticLiterature } from '../../test/support/synthetic-literature';
import { ingest } from '../ingest/ingest';
import type { FetchJobPayload, NetworkPayload } from '../model/api';
import { REVIEW_ID } from '../model/ids';
import { serve } from '../server/serve';
import { EmbeddedStore } from '../store/embedded/embedded-store';
import type { BenchModule } from './module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLED = path.join(ROOT, 'graph');

/** The target: the grown graph served within this many milliseconds of the request. */
export const EXPAND_TARGET_MS = 5_000;

/** One named figure (the bench's MetricRow without dataset, module and engine). */
export interface ExpandFigure {
  metric: string;
  value: number;
  unit: string;
}

const POLL_MS = 20;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Starts a job for the review and waits for its end; returns the finished job. */
async function expandReview(base: string): Promise<FetchJobPayload> {
  const started = await json<FetchJobPayload>(`${base}api/fetch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ work: REVIEW_ID }),
  });
  for (;;) {
    const job = await json<FetchJobPayload>(`${base}api/fetch/${started.id}`);
    if (job.state === 'done') return job;
    if (job.state === 'failed' || job.state === 'cancelled')
      throw new Error(`the expansion ${job.state}: ${job.error ?? ''}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const worksIn = (p: NetworkPayload): number => p.nodes.filter((n) => n.kind === 'work').length;

/**
 * Measures one expansion of the review and a second one, on a scratch copy of the bundled graph.
 * @returns the figures (ms, counts), ending with whether the target was met (1) or not (0).
 */
export async function measureExpansion(
  log: (line: string) => void = () => undefined,
): Promise<ExpandFigure[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-expand-bench-'));
  const api = await startFixtureApi({ synthetic: syntheticLiterature() });
  const dbDir = path.join(scratch, 'db');
  try {
    const loader = new EmbeddedStore(dbDir);
    await ingest(BUNDLED, loader);
    await loader.close();
    const server = await serve({
      store: new EmbeddedStore(dbDir),
      host: '127.0.0.1',
      port: 0,
      uiDir: null,
      queriesDir: path.join(BUNDLED, 'queries'),
      warm: false,
      fetch: {
        locations: { bundled: BUNDLED, user: path.join(scratch, 'dataset'), root: ROOT },
        settings: {
          openalexUrl: api.openalexUrl,
          pubmedUrl: api.pubmedUrl,
          cacheDir: path.join(scratch, 'cache'),
          timeoutMs: 10_000,
          max: 2000,
          pubmed: true,
          product: 'crosstalk-kg/bench',
        },
      },
    });
    const base = server.url.endsWith('/') ? server.url : `${server.url}/`;
    try {
      const before = await json<NetworkPayload>(`${base}api/graph`);
      const t0 = performance.now();
      const first = await expandReview(base);
      const jobMs = performance.now() - t0;
      const grown = await json<NetworkPayload>(`${base}api/graph`);
      const grownMs = performance.now() - t0;
      const added = worksIn(grown) - worksIn(before);
      if (added < SYNTHETIC_REFERENCES + CITING)
        throw new Error(`the grown graph has ${added} more works, not ${SYNTHETIC_REFERENCES + CITING}`);
      const firstRequests = api.requests.length;

      api.reset();
      const t2 = performance.now();
      const second = await expandReview(base);
      const secondMs = performance.now() - t2;
      const secondRequests = api.requests.length;
      log(
        `expand: review +${added} works, job ${(jobMs / 1000).toFixed(2)} s, grown graph served ${(grownMs / 1000).toFixed(2)} s after the request (${firstRequests} requests); second run ${secondRequests} requests, ${(secondMs / 1000).toFixed(2)} s`,
      );
      return [
        { metric: 'works added by expanding the review', value: added, unit: 'works' },
        { metric: 'citations added', value: first.result?.newCitations ?? 0, unit: 'citations' },
        { metric: 'requests sent by the first expansion', value: firstRequests, unit: 'requests' },
        { metric: 'fetch job (request to done)', value: Math.round(jobMs), unit: 'ms' },
        { metric: 'grown graph served after the request', value: Math.round(grownMs), unit: 'ms' },
        { metric: 'requests sent by a second expansion', value: secondRequests, unit: 'requests' },
        { metric: 'second expansion (request to done)', value: Math.round(secondMs), unit: 'ms' },
        {
          metric: `target met: grown graph ≤ ${EXPAND_TARGET_MS / 1000} s, second expansion sends no request`,
          value: grownMs <= EXPAND_TARGET_MS && secondRequests === 0 && second.state === 'done' ? 1 : 0,
          unit: 'yes=1',
        },
      ];
    } finally {
      await server.close();
    }
  } finally {
    await api.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The bench module: measured once, on the bundled dataset with the default engine (the expansion
 * is about the bundled review; the synthetic datasets have no review to expand).
 */
export const expandBench: BenchModule = {
  name: 'expand',
  measure: async (ctx) => {
    if (ctx.dataset.synthetic || ctx.engine !== 'kuzu') return [];
    return measureExpansion(ctx.log);
  },
};
