/**
 * `npm run bench -- [--quick] [--sizes 1000,10000,100000:8-14,100000] [--engines kuzu,ladybug] [--neo4j] [--out bench] [--seed 1]`
 *
 * Measures, for the bundled graph and synthetic datasets of each size (written under .data/bench,
 * never graph/): ingest (embedded, with each engine of --engines; Neo4j with --neo4j or
 * NEO4J_BENCH_URI; the naive row-by-row MERGE baseline on the smallest size), the real server's RSS
 * and API latency (autocannon, 1 and 32 clients) for each engine, and the first frame / interactive
 * time in headless Chromium (default engine only: the page's cost is the browser's). Each engine
 * runs in its own processes (one engine per process, see src/store/embedded/engine.ts). Writes
 * <out>/results/<date>-<machine>.json, <out>/README.md and <out>/cost-vs-size.svg.
 * Not part of `npm test` (a --quick run is smoke-tested there).
 *
 * Over 400 lines: the bench's one orchestration (arguments, child runs, phases, report); each part
 * it drives lives in its own module (server-bench, browser-bench, cli-bench, modules).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Command, InvalidArgumentError } from 'commander';
import { format, resolveConfig } from 'prettier';
import { buildUi, uiNeedsBuild } from '../cli/build-ui';
import { DEFAULT_NEO4J_PASSWORD, type Neo4jConfig } from '../store/neo4j/config';
import { ENGINE_NAMES, type EngineName } from '../store/embedded/engine';
import { chromiumVersion, measureBrowser } from './browser-bench';
import { measureCli } from './cli-bench';
import { BENCH_MODULES } from './modules';
import type { IngestJob, IngestMeasurement } from './ingest-child';
import { BUNDLED, ROOT, log } from './paths';
import {
  checkTargets,
  computeRatios,
  renderMarkdown,
  renderSvg,
  type ApiRow,
  type BenchResults,
  type BrowserRow,
  type CliRow,
  type DatasetInfo,
  type IngestRow,
  type MetricRow,
  type ServerRow,
} from './report';
import { checkSpeedTargets } from './speed-targets';
import { cannon, drained, endpointsFor, get, rssOf, startServer } from './server-bench';
import { profileDataset, writeSynthDataset } from './synth-files';

interface Options {
  quick: boolean;
  sizes: SizeSpec[];
  neo4j: boolean;
  out: string;
  seed: string;
  duration: number;
  work: string;
  naiveBudget: number;
  browser: boolean;
  cli: boolean;
  /** Embedded engines, the default (kuzu) first. */
  engines: EngineName[];
}

/** A synthetic size: works, and references per work when not the generator's 30–60. */
interface SizeSpec {
  works: number;
  refs?: [number, number];
}

/** Parses `1000,100000:8-14`: work counts, each optionally with a range of references per work. */
const sizesArg = (v: string): SizeSpec[] => {
  const specs = v.split(',').map((x): SizeSpec | null => {
    const m = /^(\d+)(?::(\d+)-(\d+))?$/.exec(x.trim());
    if (!m) return null;
    const works = Number(m[1]);
    if (works < 10) return null;
    if (m[2] === undefined) return { works };
    const refs: [number, number] = [Number(m[2]), Number(m[3])];
    return refs[0] <= refs[1] ? { works, refs } : null;
  });
  if (specs.length === 0 || specs.some((x) => x === null))
    throw new InvalidArgumentError(
      'a comma-separated list of work counts ≥ 10, each optionally :MIN-MAX references',
    );
  return specs as SizeSpec[];
};

/**
 * Default sizes: 1k and 10k works; 100k works with 8–14 references per work inside the set
 * (about 1M citations, the shape of the targets); and 100k works with 30–60 (about 4.5M).
 */
const DEFAULT_SIZES: SizeSpec[] = [
  { works: 1_000 },
  { works: 10_000 },
  { works: 100_000, refs: [8, 14] },
  { works: 100_000 },
];

/** Runs a command in a child process; resolves with its stdout. */
function runChild(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses `kuzu,ladybug`: embedded engines, Kuzu (the baseline of every target) always first. */
const enginesArg = (v: string): EngineName[] => {
  const names = v.split(',').map((x) => x.trim());
  const bad = names.filter((x) => !(ENGINE_NAMES as readonly string[]).includes(x));
  if (bad.length > 0 || names.length === 0)
    throw new InvalidArgumentError(`a comma-separated list of ${ENGINE_NAMES.join(', ')}`);
  return ENGINE_NAMES.filter((e) => names.includes(e));
};

/** The project's TypeScript loader for child processes (see bin/ts-hooks.js). */
const HOOKS = pathToFileURL(path.join(ROOT, 'bin', 'ts-hooks.js')).href;

/** Engine name and version as the ingest children reported them (the bench process loads none). */
const engineVersions = new Map<EngineName, string>();

async function runIngest(dataset: string, job: IngestJob, timeoutMs: number): Promise<IngestRow> {
  const r = await runChild(
    ['--import', HOOKS, path.join(ROOT, 'src/bench/ingest-child.ts'), JSON.stringify(job)],
    timeoutMs,
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let m: IngestMeasurement;
  try {
    m = JSON.parse(line) as IngestMeasurement;
  } catch {
    const why =
      r.code === null
        ? `killed after ${timeoutMs / 1000} s`
        : `exit ${r.code}: ${r.stderr.trim().slice(-300)}`;
    m = {
      path: job.path,
      ok: false,
      error: why,
      ms: 0,
      prepareMs: 0,
      records: 0,
      loadRecordsPerSec: 0,
      complete: false,
      nodes: 0,
      rels: 0,
      peakRssBytes: 0,
      steps: {},
    };
  }
  const row: IngestRow = {
    dataset,
    path: m.path,
    ...(job.path === 'embedded' && job.engine && job.engine !== 'kuzu' ? { engine: job.engine } : {}),
    ok: m.ok,
    ms: m.ms,
    prepareMs: m.prepareMs,
    records: m.records,
    recordsPerSec: m.ms > 0 ? m.records / (m.ms / 1000) : 0,
    loadRecordsPerSec: m.loadRecordsPerSec,
    complete: m.complete,
    peakRssBytes: m.peakRssBytes,
    steps: m.steps,
    ...(m.phases ? { phases: m.phases } : {}),
  };
  if (m.error) row.error = m.error;
  if (m.engineVersion) engineVersions.set(job.engine ?? 'kuzu', m.engineVersion);
  log(
    `ingest ${dataset} ${job.path}${row.engine ? ` (${row.engine})` : ''}: ${m.ok ? `${(m.ms / 1000).toFixed(1)} s, ${Math.round(row.loadRecordsPerSec)} load rec/s, ${Math.round(m.peakRssBytes / 2 ** 20)} MB` : `FAILED ${m.error}`}`,
  );
  return row;
}

/** Writes <out>/README.md (formatted like every Markdown file here, so lint accepts it) and the plot. */
async function writeReport(results: BenchResults, resultsFile: string, out: string): Promise<void> {
  await writeFile(path.join(out, 'cost-vs-size.svg'), renderSvg(results));
  const readmeFile = path.join(out, 'README.md');
  const markdown = renderMarkdown(results, path.relative(out, resultsFile), 'cost-vs-size.svg');
  const style = (await resolveConfig(readmeFile)) ?? {};
  await writeFile(readmeFile, await format(markdown, { ...style, parser: 'markdown' }));
}

/** Runs the benchmark with command-line arguments `argv`; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('bench')
    .option('--quick', 'tiny sizes and short runs (CI smoke test)', false)
    .option('--sizes <list>', 'synthetic sizes in works', sizesArg)
    .option('--neo4j', 'also ingest into Neo4j (NEO4J_BENCH_URI, else a throwaway local one)', false)
    .option(
      '--neo4j-max <citations>',
      'ingest into Neo4j only datasets of at most this many citations',
      (v) => Number(v),
    )
    .option('--out <dir>', 'where results, README.md and the plot go', path.join(ROOT, 'bench'))
    .option('--seed <seed>', 'seed of the synthetic datasets', '1')
    .option('--duration <s>', 'seconds per API measurement', (v) => Number(v))
    .option('--work <dir>', 'scratch folder for datasets and databases', path.join(ROOT, '.data', 'bench'))
    .option('--naive-budget <s>', 'time budget of the naive MERGE load in seconds', (v) => Number(v))
    .option('--no-browser', 'skip the browser measurements')
    .option('--no-cli', 'skip the command-line timings (help, stats, query, ingest, start)')
    .option('--engines <list>', 'embedded engines to measure (kuzu first)', enginesArg)
    .option('--render <results.json>', 'only re-render README.md and the plot from a results file')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e: unknown) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const raw = program.opts<
    Partial<Options> & {
      render?: string;
      neo4jMax?: number;
      quick: boolean;
      out: string;
      seed: string;
      work: string;
      neo4j: boolean;
      browser: boolean;
      cli: boolean;
      engines?: EngineName[];
    }
  >();
  const o: Options = {
    quick: raw.quick,
    sizes: raw.sizes ?? (raw.quick ? [{ works: 200 }] : DEFAULT_SIZES),
    neo4j: raw.neo4j || Boolean(process.env.NEO4J_BENCH_URI),
    out: path.resolve(raw.out),
    seed: raw.seed,
    duration: raw.duration ?? (raw.quick ? 0.5 : 4),
    work: path.resolve(raw.work),
    naiveBudget: (raw.naiveBudget ?? (raw.quick ? 2 : 60)) * 1000,
    browser: raw.browser,
    cli: raw.cli,
    engines: raw.engines ?? [...ENGINE_NAMES],
  };
  if (raw.render) {
    const file = path.resolve(raw.render);
    const previous = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
    const again: BenchResults = {
      ...previous,
      ratios: computeRatios(previous),
      targets: checkTargets(previous),
      speedTargets: checkSpeedTargets(previous),
    };
    await writeFile(file, JSON.stringify(again, null, 2) + '\n');
    await writeReport(again, file, o.out);
    return 0;
  }
  const loadStart = os.loadavg()[0] ?? 0;
  const notes: string[] = [];
  await mkdir(o.work, { recursive: true });
  await mkdir(path.join(o.out, 'results'), { recursive: true });

  // Datasets.
  const profile = await profileDataset(BUNDLED);
  const bundledWorks = readFileSync(path.join(BUNDLED, 'works.jsonl'), 'utf8').trim().split('\n').length;
  const bundledCites = readFileSync(path.join(BUNDLED, 'citations.jsonl'), 'utf8').trim().split('\n').length;
  const datasets: (DatasetInfo & { dir: string })[] = [
    {
      name: 'bundled',
      works: bundledWorks,
      citations: bundledCites,
      synthetic: false,
      bytes: 0,
      dir: BUNDLED,
    },
  ];
  for (const { works: n, refs } of o.sizes) {
    const name = refs ? `synth-${n}-refs-${refs[0]}-${refs[1]}` : `synth-${n}`;
    const dir = path.join(o.work, `${name}-seed-${o.seed}`);
    const s = await writeSynthDataset(dir, {
      works: n,
      seed: o.seed,
      profile,
      refuse: BUNDLED,
      ...(refs ? { refsMin: refs[0], refsMax: refs[1] } : {}),
    });
    log(
      `synthetic ${name}: ${s.citations} citations, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.ms / 1000).toFixed(1)} s`,
    );
    datasets.push({
      name,
      works: n,
      citations: s.citations,
      synthetic: true,
      bytes: s.bytes,
      dir,
    });
  }

  // Neo4j, when asked.
  let neo4jConfig: Neo4jConfig | null = null;
  let neo4jVersion: string | null = null;
  let stopNeo4j: (() => Promise<unknown>) | null = null;
  if (o.neo4j) {
    if (process.env.NEO4J_BENCH_URI) {
      neo4jConfig = {
        uri: process.env.NEO4J_BENCH_URI,
        user: process.env.NEO4J_BENCH_USER ?? 'neo4j',
        password: process.env.NEO4J_BENCH_PASSWORD ?? DEFAULT_NEO4J_PASSWORD,
      };
      neo4jVersion = 'external';
    } else {
      const { startLocalNeo4j } = await import('../../neo4j/local-neo4j');
      const dir = path.join(o.work, 'neo4j');
      await rm(dir, { recursive: true, force: true });
      const password = `bench-${process.pid}`;
      const port = 17687 + (process.pid % 1000);
      log('starting a throwaway local Neo4j …');
      const neo = await startLocalNeo4j({ dir, port, password, heap: '3g', readyTimeoutMs: 300_000 });
      neo4jConfig = { uri: neo.uri, user: 'neo4j', password };
      neo4jVersion = neo.version;
      stopNeo4j = () => neo.stop();
    }
  }

  const ingestRows: IngestRow[] = [];
  const serverRows: ServerRow[] = [];
  const apiRows: ApiRow[] = [];
  const browserRows: BrowserRow[] = [];
  const metricRows: MetricRow[] = [];
  const smallest = datasets.filter((d) => d.synthetic).sort((a, b) => a.works - b.works)[0];

  // The UI is built before anything is timed (as `npm install` builds it): `start` then only serves.
  if ((o.browser || o.cli) && (await uiNeedsBuild())) {
    log('building the UI …');
    try {
      await buildUi();
    } catch (e: unknown) {
      notes.push(
        `The UI build failed (${e instanceof Error ? e.message : String(e)}); the existing dist/ was used.`,
      );
    }
  }

  let cliRows: CliRow[] = [];
  if (o.cli) {
    try {
      cliRows = await measureCli(o.work, o.quick ? 1 : 3, log);
    } catch (e: unknown) {
      notes.push(`The command-line timings failed: ${e instanceof Error ? e.message : String(e)}`);
      log(`cli timings FAILED: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  try {
    for (const d of datasets) {
      const dbOf = (e: EngineName): string =>
        path.join(o.work, e === 'kuzu' ? `db-${d.name}` : `db-${d.name}-${e}`);
      for (const engine of o.engines) {
        ingestRows.push(
          await runIngest(d.name, { path: 'embedded', data: d.dir, db: dbOf(engine), engine }, 3_600_000),
        );
      }
      if (d === smallest) {
        ingestRows.push(
          await runIngest(
            d.name,
            {
              path: 'naive',
              data: d.dir,
              db: path.join(o.work, `db-naive-${d.name}`),
              budgetMs: o.naiveBudget,
            },
            3_600_000,
          ),
        );
        await rm(path.join(o.work, `db-naive-${d.name}`), { recursive: true, force: true });
      }
      if (neo4jConfig && d.synthetic && d.citations <= (raw.neo4jMax ?? Infinity)) {
        ingestRows.push(
          await runIngest(d.name, { path: 'neo4j', data: d.dir, db: '', neo4j: neo4jConfig }, 3_600_000),
        );
      }
      for (const engine of o.engines) {
        const loaded = (r: IngestRow): boolean =>
          r.dataset === d.name && r.path === 'embedded' && r.ok && (r.engine ?? 'kuzu') === engine;
        if (!ingestRows.some(loaded)) continue;
        const tag = engine === 'kuzu' ? {} : { engine };

        const server = await startServer(dbOf(engine), engine);
        try {
          const graphPlain = await get(`${server.url}/api/graph`, false);
          const graphGzip = await get(`${server.url}/api/graph`, true);
          const payload = JSON.parse(graphPlain.bytes.toString('utf8')) as {
            nodes: unknown[];
            edges: unknown[];
            overview?: { isOverview: boolean; totalNodes: number };
          };
          const eps = await endpointsFor(d);
          for (const mod of BENCH_MODULES) if (mod.endpoints) eps.push(...(await mod.endpoints(d)));
          const pathsEp = eps.find((e) => e.name === 'paths')!;
          const coldPaths = await get(server.url + pathsEp.path, false);
          const hasPaths = coldPaths.status !== 404 || !/Route GET/.test(coldPaths.bytes.toString());
          await get(`${server.url}/api/search?q=bone`, false); // builds the search index
          log(
            `server ${d.name} (${engine}): up in ${(server.startMs / 1000).toFixed(1)} s, cold /api/graph ${(graphPlain.ms / 1000).toFixed(1)} s, ${(graphPlain.bytes.length / 1e6).toFixed(1)} MB`,
          );
          for (const ep of eps) {
            if (ep.name === 'paths' && !hasPaths) continue;
            for (const c of [1, 32]) {
              // The previous run may have left a backlog (at 100k works, 32 searches queue for
              // seconds): wait until the server answers a cheap request, then a short pause.
              await drained(server.url);
              await new Promise((r) => setTimeout(r, o.quick ? 200 : 1_000));
              const row = { dataset: d.name, ...tag, ...(await cannon(server.url, ep, c, o.duration)) };
              apiRows.push(row);
              log(
                `api ${d.name} (${engine}) ${ep.name} ×${c}: p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} ms, ${Math.round(row.rps)} req/s, non-2xx ${row.non2xx}, errors ${row.errors}`,
              );
            }
          }
          for (const mod of BENCH_MODULES) {
            if (!mod.measure) continue;
            await drained(server.url);
            try {
              const figures = await mod.measure({
                dataset: d,
                dataDir: d.dir,
                serverUrl: server.url,
                engine,
                quick: o.quick,
                browser: o.browser && engine === o.engines[0],
                workDir: o.work,
                load: (ep, c) => cannon(server.url, ep, c, o.duration),
                log,
              });
              for (const f of figures) metricRows.push({ dataset: d.name, ...tag, module: mod.name, ...f });
            } catch (e: unknown) {
              notes.push(
                `${mod.name} on ${d.name} (${engine}) failed: ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          }
          // The browser goes last: at 10k+ works the requests its page makes kept the server busy for
          // minutes, and API runs after it got no answer at all (first full run, 2026-11-26).
          if (o.browser && engine === o.engines[0]) {
            await drained(server.url);
            const b = await measureBrowser(
              d.name,
              `${server.url}/`,
              o.quick ? 60_000 : 300_000,
              o.quick ? 1 : 3,
            );
            log(
              `browser ${d.name}: ${b.ok ? `first frame ${((b.firstRenderMs ?? 0) / 1000).toFixed(1)} s, interactive ${((b.interactiveMs ?? 0) / 1000).toFixed(1)} s` : b.error}`,
            );
            browserRows.push(b);
          }
          const rss = rssOf(server.child.pid!);
          serverRows.push({
            dataset: d.name,
            ...tag,
            startMs: server.startMs,
            rssBytes: rss.rss,
            peakRssBytes: rss.peak,
            coldGraphMs: graphPlain.ms,
            coldPathsMs: hasPaths ? coldPaths.ms : null,
            graphBytes: graphPlain.bytes.length,
            graphGzipBytes: graphGzip.bytes.length || gzipSync(graphPlain.bytes).length,
            graphNodes: payload.nodes.length,
            graphEdges: payload.edges.length,
            isOverview: payload.overview?.isOverview ?? false,
            totalNodes: payload.overview?.totalNodes ?? payload.nodes.length,
          });
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await stopNeo4j?.();
  }

  const chromiumV = chromiumVersion();
  const base = {
    format: 1 as const,
    date: new Date().toISOString(),
    quick: o.quick,
    seed: o.seed,
    apiDurationSec: o.duration,
    machine: {
      hostname: os.hostname(),
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      node: process.version,
      chromium: chromiumV,
      kuzu: engineVersions.get('kuzu') ?? 'kuzu (not measured)',
      ladybug: engineVersions.get('ladybug') ?? null,
      neo4j: neo4jVersion,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      loadStart,
      loadEnd: os.loadavg()[0] ?? 0,
    },
    datasets: datasets.map(({ dir: _dir, ...d }) => d),
    ingest: ingestRows,
    server: serverRows,
    api: apiRows,
    browser: browserRows,
    metrics: metricRows,
    cli: cliRows,
    notes,
  };
  if (!o.neo4j) notes.push('Neo4j was not measured in this run (pass --neo4j, or set NEO4J_BENCH_URI).');
  const results: BenchResults = {
    ...base,
    ratios: computeRatios(base),
    targets: checkTargets({ ...base, ratios: {} }),
    speedTargets: checkSpeedTargets({ ...base, ratios: {} }),
  };
  const stamp = `${results.date.slice(0, 10)}-${os.hostname().replace(/[^\w.-]+/g, '_')}${o.quick ? '-quick' : ''}`;
  const resultsFile = path.join(o.out, 'results', `${stamp}.json`);
  await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
  await writeReport(results, resultsFile, o.out);
  log(`wrote ${resultsFile}, ${path.join(o.out, 'README.md')} and cost-vs-size.svg`);
  for (const t of [...(results.speedTargets ?? []), ...results.targets])
    log(`target: ${t.target}: ${t.measured} → ${t.met === null ? 'n/a' : t.met ? 'met' : 'NOT met'}`);
  return 0;
}
