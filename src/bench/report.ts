/**
 * Benchmark results: their shape, percentiles, the targets of issue 8, and the generated
 * bench/README.md table and SVG plot. Pure (no IO).
 *
 * Over 400 lines: the result types, the target checks and both renderings (Markdown, SVG) read the
 * same rows; kept together so a new figure is added in one place.
 */
import { renderSpeedSections } from './speed-targets';

/** The machine a run was measured on. */
export interface MachineInfo {
  hostname: string;
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  chromium: string | null;
  /** The default embedded engine, e.g. "kuzu 0.11.3". */
  kuzu: string;
  /** The second embedded engine when it was measured, e.g. "ladybug 0.20.4". */
  ladybug?: string | null;
  neo4j: string | null;
  platform: string;
  /** 1-minute load average at the start and the end of the run (other work on the machine). */
  loadStart: number;
  loadEnd: number;
}

/** One dataset of the run. */
export interface DatasetInfo {
  name: string;
  works: number;
  citations: number;
  synthetic: boolean;
  bytes: number;
}

/** An embedded engine measured; rows without one are Kuzu's (the default) or not embedded. */
export type BenchEngine = 'kuzu' | 'ladybug';

/** True for rows of the default engine (Kuzu), which the targets and baselines are about. */
const isDefault = (x: { engine?: BenchEngine }): boolean => (x.engine ?? 'kuzu') === 'kuzu';

/** One ingest measurement (see src/bench/ingest-child.ts). */
export interface IngestRow {
  dataset: string;
  path: 'embedded' | 'neo4j' | 'naive';
  /** The embedded engine (path `embedded`); absent means Kuzu. */
  engine?: BenchEngine;
  ok: boolean;
  error?: string;
  ms: number;
  prepareMs: number;
  records: number;
  recordsPerSec: number;
  loadRecordsPerSec: number;
  complete: boolean;
  peakRssBytes: number;
  steps: Record<string, number>;
  /** Time per preparation phase (read files, parse + validate …, tag, layout) in ms. */
  phases?: Record<string, number>;
}

/** Latency and throughput of one endpoint at one concurrency. */
export interface ApiRow {
  dataset: string;
  /** The server's embedded engine; absent means Kuzu. */
  engine?: BenchEngine;
  endpoint: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The server process of one dataset. */
export interface ServerRow {
  dataset: string;
  /** The server's embedded engine; absent means Kuzu. */
  engine?: BenchEngine;
  startMs: number;
  rssBytes: number;
  peakRssBytes: number;
  coldGraphMs: number;
  coldPathsMs: number | null;
  graphBytes: number;
  graphGzipBytes: number;
  graphNodes: number;
  graphEdges: number;
  isOverview: boolean;
  totalNodes: number;
}

/** Headless Chromium timings of one dataset. */
export interface BrowserRow {
  dataset: string;
  ok: boolean;
  error?: string;
  /** The median load's first frame (see firstRenderRunsMs). */
  firstRenderMs: number | null;
  interactiveMs: number | null;
  /** First frame of every load measured, ascending, when more than one was. */
  firstRenderRunsMs?: number[];
  longTasks: number;
  longestTaskMs: number;
}

/** One target of issue 8 and whether it is met. */
export interface TargetRow {
  target: string;
  measured: string;
  met: boolean | null;
}

/** One command-line measurement: a whole process, median of its runs (see src/bench/cli-bench.ts). */
export interface CliRow {
  command: string;
  /** `hooks`: bin/ts-hooks.js (the default); `tsx`: CROSSTALK_LOADER=tsx; `node`: bare Node. */
  loader: 'hooks' | 'tsx' | 'node';
  ok: boolean;
  error?: string;
  medianMs: number;
  /** Every run, ascending. */
  runsMs: number[];
  /** 1-minute load average when the row was measured. */
  load: number;
}

/** One target of issue 19: met or not, and the ratio to its baseline in the same run. */
export interface SpeedTargetRow {
  target: string;
  measured: string;
  met: boolean | null;
  /** What the ratio compares against, e.g. "tsx (before)" or "/api/stats". */
  baseline: string;
  /** measured / baseline; null when either is missing. */
  ratio: number | null;
}

/** One figure a feature module measured (see src/bench/module.ts). */
export interface MetricRow {
  dataset: string;
  /** The server's embedded engine; absent means Kuzu. */
  engine?: BenchEngine;
  module: string;
  metric: string;
  value: number;
  unit: string;
}

/** Everything one run measured. */
export interface BenchResults {
  format: 1;
  date: string;
  quick: boolean;
  seed: string;
  apiDurationSec: number;
  machine: MachineInfo;
  datasets: DatasetInfo[];
  ingest: IngestRow[];
  server: ServerRow[];
  api: ApiRow[];
  browser: BrowserRow[];
  ratios: Record<string, number | null>;
  targets: TargetRow[];
  /** Figures of the feature modules (absent in runs before they existed). */
  metrics?: MetricRow[];
  /** Command-line timings (absent in runs before issue 19). */
  cli?: CliRow[];
  /** The targets of issue 19 (absent in runs before it). */
  speedTargets?: SpeedTargetRow[];
  notes: string[];
}

/** The p-th percentile (0–100) of values, nearest-rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a && b && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;

/** The ratios the report leads with, all against baselines of the same run. */
export function computeRatios(
  r: Pick<BenchResults, 'ingest' | 'browser' | 'datasets'> & Partial<Pick<BenchResults, 'api'>>,
): Record<string, number | null> {
  const ing = (dataset: string | undefined, path: IngestRow['path']): IngestRow | undefined =>
    r.ingest.find((x) => x.dataset === dataset && x.path === path && x.ok && isDefault(x));
  const synthetic = r.datasets
    .filter((d) => d.synthetic)
    .sort((a, b) => a.works - b.works || a.citations - b.citations);
  const smallest = synthetic[0]?.name;
  const largest = synthetic.at(-1)?.name;
  const out: Record<string, number | null> = {};
  out['embedded vs naive MERGE, load records/s (smallest size)'] = ratio(
    ing(smallest, 'embedded')?.loadRecordsPerSec,
    ing(smallest, 'naive')?.loadRecordsPerSec,
  );
  for (const d of synthetic) {
    out[`embedded vs Neo4j UNWIND, ingest wall time (${d.name})`] = ratio(
      ing(d.name, 'neo4j')?.ms,
      ing(d.name, 'embedded')?.ms,
    );
  }
  const first = (name: string | undefined): number | null =>
    r.browser.find((b) => b.dataset === name && b.ok)?.firstRenderMs ?? null;
  for (const d of synthetic.filter((x) => x.works >= 100_000 || x.name === largest)) {
    out[`first frame, ${d.name} vs bundled graph`] = ratio(first(d.name), first('bundled'));
  }
  Object.assign(out, engineRatios(r));
  return out;
}

/**
 * LadybugDB against Kuzu on the same data in the same run (above 1: LadybugDB is slower): ingest
 * wall time, and the 1-client API p50 of every endpoint both answered, as a geometric mean and for
 * search alone. Empty when LadybugDB was not measured.
 */
export function engineRatios(
  r: Pick<BenchResults, 'ingest' | 'datasets'> & Partial<Pick<BenchResults, 'api'>>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (!r.ingest.some((x) => x.engine === 'ladybug')) return out;
  const embedded = (dataset: string, engine: BenchEngine): IngestRow | undefined =>
    r.ingest.find(
      (x) => x.dataset === dataset && x.path === 'embedded' && x.ok && (x.engine ?? 'kuzu') === engine,
    );
  const p50 = (dataset: string, engine: BenchEngine, endpoint: string): number | null => {
    const a = (r.api ?? []).find(
      (x) =>
        x.dataset === dataset &&
        x.endpoint === endpoint &&
        x.connections === 1 &&
        (x.engine ?? 'kuzu') === engine,
    );
    return a && a.requests > 0 && a.non2xx === 0 && Number.isFinite(a.p50) ? a.p50 : null;
  };
  for (const d of r.datasets) {
    out[`LadybugDB / Kuzu, ingest wall time (${d.name})`] = ratio(
      embedded(d.name, 'ladybug')?.ms,
      embedded(d.name, 'kuzu')?.ms,
    );
    const endpoints = [...new Set((r.api ?? []).filter((a) => a.dataset === d.name).map((a) => a.endpoint))];
    const logs = endpoints.flatMap((ep) => {
      const q = ratio(p50(d.name, 'ladybug', ep), p50(d.name, 'kuzu', ep));
      return q === null ? [] : [Math.log(q)];
    });
    out[`LadybugDB / Kuzu, API p50 1 client, geometric mean of ${logs.length} endpoints (${d.name})`] =
      logs.length > 0 ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : null;
    out[`LadybugDB / Kuzu, /api/search p50 1 client (${d.name})`] = ratio(
      p50(d.name, 'ladybug', 'search'),
      p50(d.name, 'kuzu', 'search'),
    );
  }
  return out;
}

/**
 * The targets of issue 8, checked at every synthetic size of 100k works or more (the target's
 * shape, 100k works and about 1M citations, and the heavier one with 30–60 in-set references per
 * work), or at the largest size when the run has none that big.
 */
export function checkTargets(r: Omit<BenchResults, 'targets'>): TargetRow[] {
  const synthetic = r.datasets
    .filter((d) => d.synthetic)
    .sort((a, b) => a.works - b.works || a.citations - b.citations);
  const largest = synthetic.at(-1);
  if (!largest) return [];
  const atScale = synthetic.filter((d) => d.works >= 100_000);
  const rows: TargetRow[] = [];
  const bundled = r.browser.find((b) => b.dataset === 'bundled' && b.ok);
  for (const d of atScale.length > 0 ? atScale : [largest]) {
    const at = `at ${d.works.toLocaleString('en')} works / ${d.citations.toLocaleString('en')} citations`;
    const scale = d.works >= 100_000;
    const ing = (p: IngestRow['path']): IngestRow | undefined =>
      r.ingest.find((x) => x.dataset === d.name && x.path === p && x.ok && isDefault(x));
    const emb = ing('embedded');
    const neo = ing('neo4j');
    rows.push({
      target: 'embedded ingest of 100k works + 1M citations ≤ 15 s',
      measured: emb ? `${(emb.ms / 1000).toFixed(1)} s ${at}` : `not measured ${at}`,
      met: emb && scale ? emb.ms <= 15_000 : null,
    });
    rows.push({
      target: 'embedded ingest ≥ 5× faster than Neo4j batched UNWIND (same data, same run)',
      measured: emb && neo ? `${(neo.ms / emb.ms).toFixed(1)}× ${at}` : `Neo4j not measured ${at}`,
      met: emb && neo && scale ? neo.ms / emb.ms >= 5 : null,
    });
    const big = r.browser.find((b) => b.dataset === d.name && b.ok);
    rows.push({
      target: 'first drawn frame ≤ 5 s (headless Chromium, software WebGL)',
      measured:
        big?.firstRenderMs != null ? `${(big.firstRenderMs / 1000).toFixed(1)} s ${at}` : 'not measured',
      met: big?.firstRenderMs != null && scale ? big.firstRenderMs <= 5_000 : null,
    });
    const fr = ratio(big?.firstRenderMs, bundled?.firstRenderMs);
    rows.push({
      target: 'first frame within 1.5× of the bundled 460-work graph',
      measured:
        fr !== null
          ? `${fr.toFixed(2)}× (${((bundled?.firstRenderMs ?? 0) / 1000).toFixed(1)} s bundled) ${at}`
          : 'not measured',
      met: fr !== null && scale ? fr <= 1.5 : null,
    });
    for (const ep of ['neighborhood', 'paths']) {
      const a = r.api.find(
        (x) => x.dataset === d.name && x.endpoint === ep && x.connections === 1 && isDefault(x),
      );
      const answered = a && a.requests > 0 && Number.isFinite(a.p95);
      rows.push({
        target: `/api/${ep} p95 ≤ 25 ms, 1 client`,
        measured: !a
          ? 'not measured'
          : answered
            ? `${a.p95.toFixed(1)} ms ${at}`
            : `no answer within the run ${at}`,
        met: answered && scale ? a.p95 <= 25 && a.non2xx === 0 : null,
      });
    }
    const srv = r.server.find((x) => x.dataset === d.name && isDefault(x));
    rows.push({
      target: 'server RSS ≤ 1.5 GB',
      measured: srv ? `${(srv.peakRssBytes / 2 ** 30).toFixed(2)} GiB peak ${at}` : 'not measured',
      met: srv && scale ? srv.peakRssBytes <= 1.5 * 2 ** 30 : null,
    });
  }
  // Neo4j may have been measured only up to some size (--neo4j-max): the largest size with both.
  const both = synthetic
    .map((d) => ({
      d,
      e: r.ingest.find((x) => x.dataset === d.name && x.path === 'embedded' && x.ok && isDefault(x)),
      n: r.ingest.find((x) => x.dataset === d.name && x.path === 'neo4j' && x.ok),
    }))
    .filter((x) => x.e && x.n)
    .at(-1);
  if (both && both.d.works < 100_000) {
    rows.push({
      target: 'embedded ingest ≥ 5× faster than Neo4j batched UNWIND (same data, same run)',
      measured: `${(both.n!.ms / both.e!.ms).toFixed(1)}× at ${both.d.works.toLocaleString('en')} works (largest size Neo4j ran)`,
      met: null,
    });
  }
  return rows;
}

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (b: number): string => fmt(b / 2 ** 20);
const sec = (ms: number | null | undefined): string => (ms == null ? '—' : fmt(ms / 1000, 1));

/** The bench/README.md text for a run. */
export function renderMarkdown(r: BenchResults, resultsFile: string, plotFile: string): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push(
    `Generated by \`npm run bench\` from [\`${resultsFile}\`](${resultsFile}) — do not edit by hand.${r.quick ? ' **Quick run (tiny sizes, smoke test only).**' : ''}`,
    '',
  );
  lines.push(
    `Machine: ${m.hostname}, ${m.cores} cores (${m.cpuModel}), ${fmt(m.memoryBytes / 2 ** 30, 1)} GiB RAM, ${m.platform}, Node ${m.node}, ${m.kuzu}${m.ladybug ? ` and ${m.ladybug}` : ''}, ` +
      `Chromium ${m.chromium ?? '—'}, Neo4j ${m.neo4j ?? '—'}. Load average ${fmt(m.loadStart, 1)} at the start, ${fmt(m.loadEnd, 1)} at the end ` +
      '(the machine is shared: compare ratios within a run, not absolute times across runs).',
    '',
  );
  lines.push(
    `Datasets: the bundled graph and synthetic ones from \`npm run synth\` (seed ${r.seed}; references per work inside the set 30–60, or the range in the name, e.g. \`synth-100000-refs-8-14\`; preferential attachment; see src/bench/synth.ts).`,
    '',
  );
  lines.push(`![cost against size](${plotFile})`, '');
  lines.push(...renderSpeedSections(r));
  lines.push('## Targets (issue 8)', '', '| target | measured | met |', '| --- | --- | --- |');
  for (const t of r.targets)
    lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} |`);
  lines.push('', '## Ratios (same run)', '', '| ratio | value |', '| --- | --- |');
  for (const [k, v] of Object.entries(r.ratios))
    lines.push(`| ${k} | ${v === null ? '—' : `${fmt(v, 1)}×`} |`);
  lines.push('', '## Ingest', '');
  lines.push(
    '| dataset | works | citations | path | wall (s) | read+build+layout (s) | records | records/s (whole) | load records/s | peak RSS (MB) |',
    '| --- | --: | --: | --- | --: | --: | --: | --: | --: | --: |',
  );
  for (const i of r.ingest) {
    const d = r.datasets.find((x) => x.name === i.dataset);
    lines.push(
      `| ${i.dataset} | ${fmt(d?.works)} | ${fmt(d?.citations)} | ${i.path}${i.engine ? ` (${i.engine})` : ''}${i.complete ? '' : ' (stopped at its time budget)'}${i.ok ? '' : ` — failed: ${i.error ?? ''}`} | ` +
        `${i.complete ? sec(i.ms) : '—'} | ${sec(i.prepareMs)} | ${fmt(i.records)} | ${i.complete ? fmt(i.recordsPerSec) : '—'} | ${fmt(i.loadRecordsPerSec)} | ${mb(i.peakRssBytes)} |`,
    );
  }
  lines.push('', '## Server and browser', '');
  lines.push(
    '| dataset | server RSS / peak (MB) | cold /api/graph (s) | /api/graph nodes / edges | raw / gzip (MB) | overview | cold /api/paths (s) | first frame (s; median, all loads) | interactive (s) | long tasks (longest ms) |',
    '| --- | --: | --: | --: | --: | --- | --: | --: | --: | --: |',
  );
  for (const s of r.server) {
    const b = isDefault(s) ? r.browser.find((x) => x.dataset === s.dataset) : undefined;
    lines.push(
      `| ${s.dataset}${s.engine ? ` (${s.engine})` : ''} | ${mb(s.rssBytes)} / ${mb(s.peakRssBytes)} | ${sec(s.coldGraphMs)} | ${fmt(s.graphNodes)} / ${fmt(s.graphEdges)} | ` +
        `${fmt(s.graphBytes / 1e6, 1)} / ${fmt(s.graphGzipBytes / 1e6, 1)} | ${s.isOverview ? `yes (of ${fmt(s.totalNodes)})` : 'no'} | ${sec(s.coldPathsMs)} | ` +
        `${b?.ok ? `${sec(b.firstRenderMs)}${b.firstRenderRunsMs && b.firstRenderRunsMs.length > 1 ? ` (${b.firstRenderRunsMs.map((x) => sec(x)).join(', ')})` : ''}` : `— ${b?.error ?? ''}`} | ${b?.ok ? sec(b.interactiveMs) : '—'} | ${b ? `${b.longTasks} (${fmt(b.longestTaskMs)})` : '—'} |`,
    );
  }
  lines.push('', `## API (autocannon, ${r.apiDurationSec} s per row, 127.0.0.1)`, '');
  lines.push(
    '| dataset | endpoint | clients | requests | req/s | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx |',
    '| --- | --- | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const a of r.api) {
    lines.push(
      `| ${a.dataset}${a.engine ? ` (${a.engine})` : ''} | ${a.endpoint} | ${a.connections} | ${fmt(a.requests)} | ${fmt(a.rps)} | ${fmt(a.p50, 1)} | ${fmt(a.p95, 1)} | ${fmt(a.p99, 1)} | ${fmt(a.non2xx + a.errors)} |`,
    );
  }
  if (r.metrics && r.metrics.length > 0) {
    lines.push(
      '',
      '## Feature measurements',
      '',
      '| dataset | module | metric | value |',
      '| --- | --- | --- | --: |',
    );
    for (const x of r.metrics)
      lines.push(
        `| ${x.dataset}${x.engine ? ` (${x.engine})` : ''} | ${x.module} | ${x.metric} | ${fmt(x.value, x.value < 10 ? 2 : 0)} ${x.unit} |`,
      );
  }
  if (r.notes.length > 0) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

interface Series {
  name: string;
  colour: string;
  points: [number, number][];
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(
  title: string,
  unit: string,
  series: Series[],
  x0: number,
  width: number,
  height: number,
): string {
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (all.length === 0) return `<text x="${x0 + 20}" y="40">${escapeXml(title)}: no data</text>`;
  const lx = (v: number): number => Math.log10(v);
  const [xmin, xmax] = [
    Math.floor(lx(Math.min(...all.map((p) => p[0])))),
    Math.ceil(lx(Math.max(...all.map((p) => p[0])))),
  ];
  const [ymin, ymax] = [
    Math.floor(lx(Math.min(...all.map((p) => p[1])))),
    Math.ceil(lx(Math.max(...all.map((p) => p[1])))),
  ];
  const m = { l: 60, r: 20, t: 40, b: 50 };
  const px = (v: number): number =>
    x0 + m.l + ((lx(v) - xmin) / Math.max(1, xmax - xmin)) * (width - m.l - m.r);
  const py = (v: number): number =>
    height - m.b - ((lx(v) - ymin) / Math.max(1, ymax - ymin)) * (height - m.t - m.b);
  const out: string[] = [];
  out.push(
    `<text x="${x0 + width / 2}" y="22" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
  );
  for (let e = xmin; e <= xmax; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${height - m.b}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${height - m.b + 16}" text-anchor="middle">${fmt(10 ** e)}</text>`);
  }
  for (let e = ymin; e <= ymax; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${x0 + m.l}" y1="${y}" x2="${x0 + width - m.r}" y2="${y}" stroke="#ddd"/>`);
    out.push(
      `<text x="${x0 + m.l - 6}" y="${y + 4}" text-anchor="end">${10 ** e >= 1 ? fmt(10 ** e) : (10 ** e).toString()}</text>`,
    );
  }
  out.push(`<text x="${x0 + width / 2}" y="${height - 12}" text-anchor="middle">citations (log)</text>`);
  out.push(
    `<text x="${x0 + 14}" y="${height / 2}" transform="rotate(-90 ${x0 + 14} ${height / 2})" text-anchor="middle">${escapeXml(unit)} (log)</text>`,
  );
  series.forEach((s, k) => {
    const pts = s.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0]);
    if (pts.length === 0) return;
    out.push(
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, y] of pts)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${s.colour}"/>`);
    const ly = m.t + 4 + k * 16;
    out.push(`<rect x="${x0 + m.l + 8}" y="${ly}" width="12" height="4" fill="${s.colour}"/>`);
    out.push(`<text x="${x0 + m.l + 26}" y="${ly + 6}">${escapeXml(s.name)}</text>`);
  });
  return out.join('\n');
}

/** Okabe–Ito colours. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/** An SVG plot of cost against size: times on the left, memory on the right (log–log). */
export function renderSvg(r: BenchResults): string {
  // Size is the number of citations: two datasets may have the same number of works.
  const size = new Map(r.datasets.map((d) => [d.name, Math.max(1, d.citations)]));
  const pts = <T extends { dataset: string }>(
    rows: T[],
    f: (x: T) => number | null | undefined,
  ): [number, number][] =>
    rows.flatMap((x) => {
      const v = f(x);
      return v != null && Number.isFinite(v) ? [[size.get(x.dataset) ?? 1, v] as [number, number]] : [];
    });
  const byPath = (p: IngestRow['path']): IngestRow[] =>
    r.ingest.filter((i) => i.path === p && i.ok && i.complete && isDefault(i));
  const nb = r.api.filter((a) => a.endpoint === 'neighborhood' && a.connections === 1 && isDefault(a));
  const ladybug = r.ingest.filter((i) => i.path === 'embedded' && i.ok && i.engine === 'ladybug');
  const time: Series[] = [
    { name: 'embedded ingest', colour: COLOURS[0]!, points: pts(byPath('embedded'), (i) => i.ms / 1000) },
    ...(ladybug.length > 0
      ? [
          {
            name: 'embedded ingest (LadybugDB)',
            colour: COLOURS[5]!,
            points: pts(ladybug, (i) => i.ms / 1000),
          },
        ]
      : []),
    { name: 'Neo4j ingest', colour: COLOURS[1]!, points: pts(byPath('neo4j'), (i) => i.ms / 1000) },
    {
      name: 'first frame',
      colour: COLOURS[2]!,
      points: pts(
        r.browser.filter((b) => b.ok),
        (b) => (b.firstRenderMs ?? 0) / 1000,
      ),
    },
    {
      name: 'cold /api/graph',
      colour: COLOURS[3]!,
      points: pts(r.server.filter(isDefault), (s) => s.coldGraphMs / 1000),
    },
    { name: '/api/neighborhood p95', colour: COLOURS[4]!, points: pts(nb, (a) => a.p95 / 1000) },
  ];
  const memory: Series[] = [
    {
      name: 'embedded ingest peak RSS',
      colour: COLOURS[0]!,
      points: pts(byPath('embedded'), (i) => i.peakRssBytes / 2 ** 20),
    },
    {
      name: 'server peak RSS',
      colour: COLOURS[5]!,
      points: pts(r.server.filter(isDefault), (s) => s.peakRssBytes / 2 ** 20),
    },
    {
      name: '/api/graph gzip',
      colour: COLOURS[3]!,
      points: pts(r.server.filter(isDefault), (s) => s.graphGzipBytes / 2 ** 20),
    },
  ];
  const w = 520;
  const h = 380;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * w}" height="${h + 24}" viewBox="0 0 ${2 * w} ${h + 24}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    panel('Time against size', 'seconds', time, 0, w, h),
    panel('Memory and payload against size', 'MiB', memory, w, w, h),
    `<text x="8" y="${h + 16}" fill="#555">${escapeXml(`${r.date} · ${r.machine.hostname} · ${r.machine.cores} cores · load ${fmt(r.machine.loadStart, 1)}–${fmt(r.machine.loadEnd, 1)}`)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
