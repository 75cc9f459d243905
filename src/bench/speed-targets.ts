/**
 * The targets of issue 19 ("fast where users wait"), each met or not with the ratio to a baseline
 * measured in the same run (the machine is shared, so absolute times move between runs; ratios
 * less so), and the "where the time goes" table of ingest phases. Pure (no IO).
 */
import { RELATED_METRICS } from './related-metrics';
import type { ApiRow, BenchResults, CliRow, IngestRow, SpeedTargetRow } from './report';

const isKuzu = (x: { engine?: string }): boolean => (x.engine ?? 'kuzu') === 'kuzu';
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a != null && b != null && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Citations above which a 100k-work dataset is the heavier shape (4.5M, target 20 s). */
const HEAVY_CITATIONS = 2_000_000;

/** The issue-19 targets of a run (empty parts say "not measured"). */
export function checkSpeedTargets(r: Omit<BenchResults, 'targets' | 'speedTargets'>): SpeedTargetRow[] {
  const rows: SpeedTargetRow[] = [];
  const cli = (command: string, loader: CliRow['loader']): CliRow | undefined =>
    r.cli?.find((c) => c.command === command && c.loader === loader && c.ok);
  const cliTarget = (target: string, command: string, limitMs: number): void => {
    const now = cli(command, 'hooks');
    const before = cli(command, 'tsx');
    rows.push({
      target,
      measured: now
        ? `${s(now.medianMs)} (median of ${now.runsMs.length}, load ${now.load.toFixed(1)})`
        : 'not measured',
      met: now ? now.medianMs <= limitMs : null,
      baseline: before ? `through tsx, as before: ${s(before.medianMs)}` : 'through tsx: not measured',
      ratio: ratio(now?.medianMs, before?.medianMs),
    });
  };
  // `npm install` loads the dataset into the default database (scripts/install-build.js), so the
  // first `npm start` finds it up to date; a start that must ingest first is the second row.
  cliTarget(
    '`npm start` after `npm install` (the install loaded the graph) to serving ≤ 3 s',
    'start → serving (database up to date)',
    3_000,
  );
  cliTarget(
    '`start` with no database yet (ingest, then serve) ≤ 3 s',
    'start → serving (no database yet)',
    3_000,
  );
  cliTarget(
    '`crosstalk ingest` of the bundled graph, whole process ≤ 1.0 s',
    'ingest (bundled graph)',
    1_000,
  );
  cliTarget('`crosstalk --help` ≤ 0.3 s', '--help', 300);
  cliTarget('`crosstalk stats` ≤ 0.3 s', 'stats', 300);
  cliTarget('a one-line `crosstalk query` ≤ 0.3 s', 'query (one line)', 300);

  const synthetic = r.datasets
    .filter((d) => d.synthetic)
    .sort((a, b) => a.works - b.works || a.citations - b.citations);
  const atScale = synthetic.filter((d) => d.works >= 100_000);
  const checked = atScale.length > 0 ? atScale : synthetic.slice(-1);
  const ing = (dataset: string, p: IngestRow['path']): IngestRow | undefined =>
    r.ingest.find((x) => x.dataset === dataset && x.path === p && x.ok && isKuzu(x));
  const api = (dataset: string, endpoint: string, connections: number): ApiRow | undefined =>
    r.api.find(
      (x) =>
        x.dataset === dataset &&
        x.endpoint === endpoint &&
        x.connections === connections &&
        isKuzu(x) &&
        x.requests > 0,
    );
  const apiTarget = (
    target: string,
    dataset: string,
    endpoint: string,
    connections: number,
    pick: 'p50' | 'p99',
    limitMs: number,
    scale: boolean,
  ): void => {
    const a = api(dataset, endpoint, connections);
    const base = api(dataset, 'stats', connections);
    rows.push({
      target,
      measured: a
        ? `${msText(a[pick])} on ${dataset}${a.non2xx > 0 ? ` (${a.non2xx} non-2xx)` : ''}`
        : `not measured on ${dataset}`,
      met: a && scale ? a[pick] <= limitMs && a.non2xx === 0 : null,
      baseline: base
        ? `/api/stats ${pick} ${msText(base[pick])} (the HTTP floor)`
        : '/api/stats: not measured',
      ratio: ratio(a?.[pick], base?.[pick]),
    });
  };
  apiTarget(
    'details `GET /api/nodes/:id` p50 ≤ 2 ms, bundled graph, 1 client',
    'bundled',
    'node',
    1,
    'p50',
    2,
    true,
  );
  const bundledServer = r.server.find((x) => x.dataset === 'bundled' && isKuzu(x));
  const bundledFrame = r.browser.find((b) => b.dataset === 'bundled' && b.ok)?.firstRenderMs ?? null;
  for (const d of checked) {
    const scale = d.works >= 100_000;
    const heavy = d.citations > HEAVY_CITATIONS;
    const limit = heavy ? 20_000 : 10_000;
    const emb = ing(d.name, 'embedded');
    const neo = ing(d.name, 'neo4j');
    rows.push({
      target: `ingest of ${d.works.toLocaleString('en')} works / ${d.citations.toLocaleString('en')} citations ≤ ${limit / 1000} s`,
      measured: emb ? s(emb.ms) : 'not measured',
      met: emb && scale ? emb.ms <= limit : null,
      baseline: neo ? `Neo4j batched UNWIND ${s(neo.ms)}` : 'Neo4j not measured (--neo4j)',
      ratio: ratio(emb?.ms, neo?.ms),
    });
    rows.push({
      target: `ingest ≥ 8× faster than Neo4j batched UNWIND (${d.name})`,
      measured: emb && neo ? `${(neo.ms / emb.ms).toFixed(1)}×` : 'Neo4j not measured',
      met: emb && neo && scale ? neo.ms / emb.ms >= 8 : null,
      baseline: 'Neo4j batched UNWIND, same data',
      ratio: ratio(neo?.ms, emb?.ms),
    });
    apiTarget(`details p50 ≤ 5 ms, 1 client (${d.name})`, d.name, 'node', 1, 'p50', 5, scale);
    apiTarget(`details p99 ≤ 50 ms, 32 clients (${d.name})`, d.name, 'node', 32, 'p99', 50, scale);
    apiTarget(`search p50 ≤ 10 ms, 1 client (${d.name})`, d.name, 'search', 1, 'p50', 10, scale);
    apiTarget(`search p99 ≤ 30 ms, 1 client (${d.name})`, d.name, 'search', 1, 'p99', 30, scale);
    apiTarget(`search p99 ≤ 100 ms, 32 clients (${d.name})`, d.name, 'search', 32, 'p99', 100, scale);
    const srv = r.server.find((x) => x.dataset === d.name && isKuzu(x));
    rows.push({
      target: `server RSS ≤ 1 GiB (${d.name})`,
      measured: srv ? `${(srv.peakRssBytes / 2 ** 30).toFixed(2)} GiB peak` : 'not measured',
      met: srv && scale ? srv.peakRssBytes <= 2 ** 30 : null,
      baseline: bundledServer
        ? `bundled graph's server ${(bundledServer.peakRssBytes / 2 ** 20).toFixed(0)} MiB`
        : 'bundled server: not measured',
      ratio: ratio(srv?.peakRssBytes, bundledServer?.peakRssBytes),
    });
    const frame = r.browser.find((b) => b.dataset === d.name && b.ok)?.firstRenderMs ?? null;
    const fr = ratio(frame, bundledFrame);
    rows.push({
      target: `first drawn frame ≤ 1.3× the bundled graph's (${d.name})`,
      measured: frame !== null ? s(frame) : 'not measured',
      met: fr !== null && scale ? fr <= 1.3 : null,
      baseline: bundledFrame !== null ? `bundled graph ${s(bundledFrame)}` : 'bundled: not measured',
      ratio: fr,
    });
  }
  rows.push(...relatedTargets(r, synthetic));
  return rows;
}

/**
 * Issue 15's targets, from the metrics of src/bench/related-bench.ts: related works p95 at 100k
 * works, the audit at 10k, the map's first frame in Chromium; baseline: GET /api/stats timed the
 * same way on the same server (the frame: its own data request).
 */
function relatedTargets(
  r: Omit<BenchResults, 'targets' | 'speedTargets'>,
  synthetic: Omit<BenchResults['datasets'][number], 'dir'>[],
): SpeedTargetRow[] {
  const rows: SpeedTargetRow[] = [];
  const metric = (dataset: string, name: string): number | null =>
    r.metrics?.find((m) => m.dataset === dataset && m.module === 'related' && m.metric === name && isKuzu(m))
      ?.value ?? null;
  // Older results and test fixtures may lack the load figures.
  const m = r.machine as Partial<BenchResults['machine']> | undefined;
  const load =
    typeof m?.loadStart === 'number' && typeof m.loadEnd === 'number'
      ? `load ${m.loadStart.toFixed(1)}–${m.loadEnd.toFixed(1)}`
      : 'load not recorded';
  const floor = (dataset: string): string => {
    const f = metric(dataset, RELATED_METRICS.floorP95);
    return f !== null ? `/api/stats p95 ${msText(f)} (same requests)` : '/api/stats: not measured';
  };
  const row = (
    target: string,
    d: { name: string } | undefined,
    name: string,
    limitMs: number,
    inScope: boolean,
  ): void => {
    const v = d ? metric(d.name, name) : null;
    rows.push({
      target,
      measured:
        d && v !== null ? `${msText(v)} on ${d.name} (${load})` : `not measured${d ? ` on ${d.name}` : ''}`,
      met: v !== null && inScope ? v <= limitMs : null,
      baseline: d ? floor(d.name) : '/api/stats: not measured',
      ratio: d ? ratio(v, metric(d.name, RELATED_METRICS.floorP95)) : null,
    });
  };
  const at100k = synthetic.filter((d) => d.works >= 100_000).at(-1);
  row(
    'related works of one work p95 ≤ 50 ms, 100k works / 1.1M citations, 1 client',
    at100k ?? synthetic.at(-1),
    RELATED_METRICS.relatedP95,
    50,
    at100k !== undefined,
  );
  const at10k = synthetic.find((d) => d.works >= 10_000 && d.works < 100_000);
  row(
    'review\'s "did not cite" audit p95 ≤ 500 ms, 10k works',
    at10k ?? synthetic.at(-1),
    RELATED_METRICS.auditP95,
    500,
    at10k !== undefined,
  );
  for (const d of synthetic.filter((x) => x.works >= 10_000)) {
    const frame = metric(d.name, RELATED_METRICS.mapFrame);
    const data = metric(d.name, RELATED_METRICS.mapFrameRequest);
    rows.push({
      target: `literature map of 300 works: first frame ≤ 1 s after the request, headless Chromium (${d.name})`,
      measured: frame !== null ? `${s(frame)} median (${load})` : 'not measured (--no-browser?)',
      met: frame !== null ? frame <= 1_000 : null,
      baseline: data !== null ? `its data request ${s(data)}` : 'data request: not measured',
      ratio: ratio(frame, data),
    });
  }
  return rows;
}

/** Text safe inside a Markdown table cell: one line, no column breaks, the end of it. */
const cellText = (t: string): string => t.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(-160);

/** Markdown for the issue-19 targets, the CLI timings and where ingest time goes. */
export function renderSpeedSections(r: BenchResults): string[] {
  const lines: string[] = [];
  const rows = r.speedTargets ?? [];
  if (rows.length > 0) {
    lines.push(
      '## Targets (issue 19)',
      '',
      '| target | measured | met | baseline (same run) | ratio |',
      '| --- | --- | --- | --- | --: |',
    );
    for (const t of rows)
      lines.push(
        `| ${t.target} | ${t.measured} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} | ${t.baseline} | ${t.ratio === null ? '—' : `${t.ratio.toFixed(2)}×`} |`,
      );
    lines.push('');
  }
  if (r.cli && r.cli.length > 0) {
    lines.push(
      '## Command line (whole process, bundled graph)',
      '',
      '| command | loader | median (s) | runs (s) | load |',
      '| --- | --- | --: | --- | --: |',
    );
    for (const c of r.cli)
      lines.push(
        `| ${c.command} | ${c.loader} | ${c.ok ? (c.medianMs / 1000).toFixed(2) : `failed: ${cellText(c.error ?? '')}`} | ${c.runsMs.map((x) => (x / 1000).toFixed(2)).join(', ')} | ${c.load.toFixed(1)} |`,
      );
    lines.push('');
  }
  const table = phaseTable(r);
  if (table.length > 0) lines.push('## Where the time goes (embedded ingest, Kuzu, ms)', '', ...table, '');
  return lines;
}

/**
 * One row per dataset, one column per phase (preparation phases, then each store step in the
 * order the store ran them), so the next regression shows where it is.
 */
export function phaseTable(r: Pick<BenchResults, 'ingest'>): string[] {
  const rows = r.ingest.filter((i) => i.path === 'embedded' && i.ok && isKuzu(i) && i.phases);
  if (rows.length === 0) return [];
  const columns: string[] = [];
  for (const i of rows)
    for (const k of [...Object.keys(i.phases ?? {}), ...Object.keys(i.steps)])
      if (!columns.includes(k)) columns.push(k);
  const out = [
    `| dataset | wall | ${columns.join(' | ')} |`,
    `| --- | --: | ${columns.map(() => '--:').join(' | ')} |`,
  ];
  for (const i of rows) {
    const cell = (k: string): string => {
      const v = i.phases?.[k] ?? i.steps[k];
      return v === undefined ? '—' : Math.round(v).toLocaleString('en');
    };
    out.push(
      `| ${i.dataset} | ${Math.round(i.ms).toLocaleString('en')} | ${columns.map(cell).join(' | ')} |`,
    );
  }
  return out;
}
