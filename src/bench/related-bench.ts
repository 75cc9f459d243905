/**
 * Related works and the literature map in `npm run bench` (issue 15's targets): the related works
 * of one work (p95 at 1 client, target ≤ 50 ms at 100k works / 1.1M citations), the "did not cite"
 * audit of a review (target ≤ 500 ms at 10k works) and the literature map's data for 300 works,
 * each over sequential warm requests to the running server, with GET /api/stats timed the same way
 * in the same run as the baseline (the HTTP floor); and the map's first frame in headless Chromium,
 * from the page's map request to its first drawn frame (target ≤ 1 s). The targets are checked in
 * ./speed-targets.ts from the metrics named here.
 */
import { REVIEW_ID } from '../model/ids';
import { measureLitMapFrame } from './browser-bench';
import type { BenchContext, BenchModule } from './module';
import { RELATED_METRICS } from './related-metrics';
import type { DatasetInfo } from './report';
import { synthWorkId } from './synth';

const enc = encodeURIComponent;

/** The work whose related works are asked for, and the "review" audited (a work citing many). */
function subjects(dataset: DatasetInfo): { work: string; review: string } {
  return dataset.synthetic
    ? { work: synthWorkId(Math.floor(dataset.works / 2)), review: synthWorkId(dataset.works) }
    : { work: 'doi:10.1002/jbmr.1666', review: REVIEW_ID };
}

/** Sample quantile of ascending `xs` (nearest rank: the smallest value with ≥ q of them at or below it). */
const quantile = (xs: readonly number[], q: number): number =>
  xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))]!;

/** Milliseconds of `runs` sequential requests after one warm-up: median, p95 and slowest. */
async function timed(
  url: string,
  init: RequestInit,
  runs: number,
): Promise<{ median: number; p95: number; max: number }> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1]! };
}

/** The named figures of one dataset (exported so a test or a script can call it without the runner). */
export async function measureRelated(
  ctx: Pick<BenchContext, 'dataset' | 'serverUrl' | 'quick'> & Partial<Pick<BenchContext, 'browser' | 'log'>>,
): Promise<{ metric: string; value: number; unit: string }[]> {
  const { work, review } = subjects(ctx.dataset);
  // 40 requests: the p95 is then the 38th, not the slowest.
  const runs = ctx.quick ? 3 : 40;
  const floor = await timed(`${ctx.serverUrl}/api/stats`, {}, runs);
  const audit = await timed(`${ctx.serverUrl}/api/related/${enc(review)}?kind=not-cited&limit=25`, {}, runs);
  const related = await timed(`${ctx.serverUrl}/api/related/${enc(work)}?kind=related&limit=25`, {}, runs);
  const map = await timed(
    `${ctx.serverUrl}/api/litmap`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [work], size: 300 }),
    },
    ctx.quick ? 3 : 20,
  );
  const rows = [
    { metric: 'related works of one work, median', value: related.median, unit: 'ms' },
    { metric: RELATED_METRICS.relatedP95, value: related.p95, unit: 'ms' },
    { metric: 'related works of one work, slowest', value: related.max, unit: 'ms' },
    { metric: '"did not cite" audit, median', value: audit.median, unit: 'ms' },
    { metric: RELATED_METRICS.auditP95, value: audit.p95, unit: 'ms' },
    { metric: '"did not cite" audit, slowest', value: audit.max, unit: 'ms' },
    { metric: 'literature map data (300 works), median', value: map.median, unit: 'ms' },
    { metric: RELATED_METRICS.mapDataP95, value: map.p95, unit: 'ms' },
    { metric: 'literature map data (300 works), slowest', value: map.max, unit: 'ms' },
    { metric: RELATED_METRICS.floorP95, value: floor.p95, unit: 'ms' },
  ];
  if (ctx.browser) {
    // The page loads the explorer too (its network requests run beside the map's): what a user
    // opening a map link waits for.
    let frames: Awaited<ReturnType<typeof measureLitMapFrame>> = [];
    try {
      frames = await measureLitMapFrame(
        `${ctx.serverUrl}/?view=litmap&map=${enc(work)}`,
        ctx.quick ? 60_000 : 180_000,
        ctx.quick ? 1 : 3,
      );
    } catch (e: unknown) {
      // The API figures stand without it; the target row then says "not measured".
      ctx.log?.(`litmap ${ctx.dataset.name}: no first frame: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (frames.length > 0) {
      const sorted = frames.map((f) => f.requestToFrameMs).sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      ctx.log?.(
        `litmap ${ctx.dataset.name}: request → first frame ${sorted.map((x) => x.toFixed(0)).join(', ')} ms (request ${frames.map((f) => f.requestMs.toFixed(0)).join(', ')} ms; laid out ${frames.map((f) => f.laidOutMs?.toFixed(0) ?? '-').join(', ')} ms)`,
      );
      rows.push(
        { metric: RELATED_METRICS.mapFrame, value: median, unit: 'ms' },
        {
          metric: RELATED_METRICS.mapFrameRequest,
          value: quantile(
            frames.map((f) => f.requestMs).sort((a, b) => a - b),
            0.5,
          ),
          unit: 'ms',
        },
      );
      const laid = frames.flatMap((f) => (f.laidOutMs === null ? [] : [f.laidOutMs])).sort((a, b) => a - b);
      if (laid.length > 0)
        rows.push({ metric: RELATED_METRICS.mapLaidOut, value: quantile(laid, 0.5), unit: 'ms' });
    }
  }
  return rows;
}

/** The module listed in ./modules.ts. */
export const relatedBench: BenchModule = {
  name: 'related',
  endpoints: (dataset) => {
    const { work } = subjects(dataset);
    return [
      { name: 'related one work', method: 'GET', path: `/api/related/${enc(work)}?kind=related&limit=25` },
    ];
  },
  measure: (ctx) => measureRelated(ctx),
};
