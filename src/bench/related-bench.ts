/**
 * Related works and the literature map in `npm run bench` (issue 15's targets): the related works
 * of one work (an endpoint of the API table: p95 at 1 client, target ≤ 50 ms at 100k works /
 * 1.1M citations), the "did not cite" audit of a review (target ≤ 500 ms at 10k works) and the
 * literature map's data for 300 works, each timed over sequential warm requests to the running server.
 * Not measured here: the map's first frame in Chromium (see the report).
 */
import { REVIEW_ID } from '../model/ids';
import type { BenchContext, BenchModule } from './module';
import type { DatasetInfo } from './report';
import { synthWorkId } from './synth';

const enc = encodeURIComponent;

/** The work whose related works are asked for, and the "review" audited (a work citing many). */
function subjects(dataset: DatasetInfo): { work: string; review: string } {
  return dataset.synthetic
    ? { work: synthWorkId(Math.floor(dataset.works / 2)), review: synthWorkId(dataset.works) }
    : { work: 'doi:10.1002/jbmr.1666', review: REVIEW_ID };
}

/** Milliseconds of `runs` sequential requests after one warm-up: median and slowest. */
async function timed(url: string, init: RequestInit, runs: number): Promise<{ median: number; max: number }> {
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
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

/** The named figures of one dataset (exported so a test or a script can call it without the runner). */
export async function measureRelated(
  ctx: Pick<BenchContext, 'dataset' | 'serverUrl' | 'quick'>,
): Promise<{ metric: string; value: number; unit: string }[]> {
  const { work, review } = subjects(ctx.dataset);
  const runs = ctx.quick ? 3 : 15;
  const audit = await timed(`${ctx.serverUrl}/api/related/${enc(review)}?kind=not-cited&limit=25`, {}, runs);
  const related = await timed(`${ctx.serverUrl}/api/related/${enc(work)}?kind=related&limit=25`, {}, runs);
  const map = await timed(
    `${ctx.serverUrl}/api/litmap`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [work], size: 300 }),
    },
    runs,
  );
  return [
    { metric: 'related works of one work, median', value: related.median, unit: 'ms' },
    { metric: 'related works of one work, slowest', value: related.max, unit: 'ms' },
    { metric: '"did not cite" audit, median', value: audit.median, unit: 'ms' },
    { metric: '"did not cite" audit, slowest', value: audit.max, unit: 'ms' },
    { metric: 'literature map data (300 works), median', value: map.median, unit: 'ms' },
    { metric: 'literature map data (300 works), slowest', value: map.max, unit: 'ms' },
  ];
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
