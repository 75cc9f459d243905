import { describe, expect, it } from 'vitest';
import { checkTargets, computeRatios, renderSvg, type BenchResults, type IngestRow } from './report';

const ingest = (dataset: string, path: IngestRow['path'], ms: number): IngestRow => ({
  dataset,
  path,
  ok: true,
  ms,
  prepareMs: ms / 2,
  records: 1,
  recordsPerSec: 1,
  loadRecordsPerSec: 1,
  complete: true,
  peakRssBytes: 2 ** 30,
  steps: {},
});

/** A run with the targets' shape (100k works / 1.1M citations) and the heavier 100k one. */
function run(): BenchResults {
  const datasets = [
    { name: 'bundled', works: 460, citations: 284, synthetic: false, bytes: 0 },
    { name: 'synth-10000', works: 10_000, citations: 448_668, synthetic: true, bytes: 1 },
    { name: 'synth-100000', works: 100_000, citations: 4_497_807, synthetic: true, bytes: 1 },
    { name: 'synth-100000-refs-8-14', works: 100_000, citations: 1_090_000, synthetic: true, bytes: 1 },
  ];
  const api = (dataset: string, endpoint: string, p95: number) => ({
    dataset,
    endpoint,
    connections: 1,
    requests: 100,
    rps: 100,
    p50: p95 / 2,
    p95,
    p99: p95,
    non2xx: 0,
    errors: 0,
  });
  const browser = (dataset: string, firstRenderMs: number) => ({
    dataset,
    ok: true,
    firstRenderMs,
    interactiveMs: firstRenderMs,
    longTasks: 0,
    longestTaskMs: 0,
  });
  const r = {
    format: 1 as const,
    date: '2026-11-27T00:00:00Z',
    quick: false,
    seed: '1',
    apiDurationSec: 4,
    machine: {
      hostname: 'vm',
      cores: 2,
      cpuModel: 'x',
      memoryBytes: 1,
      node: 'v20',
      chromium: null,
      kuzu: 'kuzu',
      neo4j: null,
      platform: 'linux',
      loadStart: 1,
      loadEnd: 1,
    },
    datasets,
    ingest: [
      ingest('synth-10000', 'embedded', 5_000),
      ingest('synth-10000', 'neo4j', 40_000),
      ingest('synth-100000', 'embedded', 40_000),
      ingest('synth-100000-refs-8-14', 'embedded', 12_000),
      ingest('synth-100000-refs-8-14', 'neo4j', 90_000),
    ],
    server: datasets.map((d) => ({
      dataset: d.name,
      startMs: 1,
      rssBytes: 1,
      peakRssBytes: d.citations > 2e6 ? 1.6 * 2 ** 30 : 2 ** 29,
      coldGraphMs: 1,
      coldPathsMs: 1,
      graphBytes: 1,
      graphGzipBytes: 1,
      graphNodes: 1,
      graphEdges: 1,
      isOverview: true,
      totalNodes: 1,
    })),
    api: [
      api('synth-100000', 'neighborhood', 30),
      api('synth-100000', 'paths', 3),
      api('synth-100000-refs-8-14', 'neighborhood', 2),
      api('synth-100000-refs-8-14', 'paths', 2),
    ],
    browser: [
      browser('bundled', 1_000),
      browser('synth-100000', 1_600),
      browser('synth-100000-refs-8-14', 1_400),
    ],
    notes: [],
  };
  return { ...r, ratios: computeRatios(r), targets: [] };
}

describe('checkTargets', () => {
  it('checks every target at each size of 100k works, naming the size', () => {
    const rows = checkTargets(run());
    const at = (citations: string) => rows.filter((x) => x.measured.includes(citations));
    const shape = at('1,090,000 citations');
    const heavy = at('4,497,807 citations');
    expect(shape.map((x) => x.target)).toEqual(heavy.map((x) => x.target));
    expect(shape).toHaveLength(7);
    expect(heavy).toHaveLength(7);
    const met = (rs: typeof rows, target: RegExp) => rs.find((x) => target.test(x.target))?.met;
    expect(met(shape, /ingest of 100k/)).toBe(true);
    expect(met(heavy, /ingest of 100k/)).toBe(false);
    expect(met(shape, /5× faster/)).toBe(true);
    expect(met(heavy, /5× faster/)).toBeNull();
    expect(met(shape, /within 1\.5×/)).toBe(true);
    expect(met(heavy, /within 1\.5×/)).toBe(false);
    expect(met(heavy, /neighborhood/)).toBe(false);
    expect(met(heavy, /RSS/)).toBe(false);
    expect(met(shape, /RSS/)).toBe(true);
  });

  it('compares first frames of each 100k size with the bundled graph', () => {
    const ratios = computeRatios(run());
    expect(ratios['first frame, synth-100000 vs bundled graph']).toBeCloseTo(1.6);
    expect(ratios['first frame, synth-100000-refs-8-14 vs bundled graph']).toBeCloseTo(1.4);
    expect(ratios['embedded vs Neo4j UNWIND, ingest wall time (synth-100000-refs-8-14)']).toBeCloseTo(7.5);
  });

  it('plots against citations, so two sizes of 100k works are two points', () => {
    const svg = renderSvg({ ...run(), targets: checkTargets(run()) });
    expect(svg).toContain('citations (log)');
    expect(svg.startsWith('<svg')).toBe(true);
  });
});

describe('the LadybugDB dimension', () => {
  /** run() plus LadybugDB rows for the 1M-citation size: twice Kuzu's ingest, slower searches. */
  function withLadybug(): BenchResults {
    const r = run();
    const d = 'synth-100000-refs-8-14';
    const search = (engine: 'kuzu' | 'ladybug', p50: number) => ({
      dataset: d,
      ...(engine === 'ladybug' ? { engine } : {}),
      endpoint: 'search',
      connections: 1,
      requests: 100,
      rps: 100,
      p50,
      p95: p50 * 2,
      p99: p50 * 2,
      non2xx: 0,
      errors: 0,
    });
    const base = {
      ...r,
      ingest: [...r.ingest, { ...ingest(d, 'embedded', 24_000), engine: 'ladybug' as const }],
      api: [
        ...r.api,
        search('kuzu', 10),
        search('ladybug', 40),
        {
          ...r.api.find((a) => a.dataset === d && a.endpoint === 'paths')!,
          engine: 'ladybug' as const,
          p50: 4,
        },
        {
          ...r.api.find((a) => a.dataset === d && a.endpoint === 'neighborhood')!,
          engine: 'ladybug' as const,
          p95: 500,
        },
      ],
      server: [
        ...r.server,
        { ...r.server.find((s) => s.dataset === d)!, engine: 'ladybug' as const, peakRssBytes: 2 ** 32 },
      ],
    };
    return { ...base, ratios: computeRatios(base) };
  }

  it('reports LadybugDB / Kuzu for ingest and API latency of the same data', () => {
    const ratios = withLadybug().ratios;
    expect(ratios['LadybugDB / Kuzu, ingest wall time (synth-100000-refs-8-14)']).toBeCloseTo(2);
    expect(ratios['LadybugDB / Kuzu, /api/search p50 1 client (synth-100000-refs-8-14)']).toBeCloseTo(4);
    // search 4×, paths 4 / 1 = 4×, neighbourhood 1 / 1 = 1×: geometric mean of three.
    expect(
      ratios['LadybugDB / Kuzu, API p50 1 client, geometric mean of 3 endpoints (synth-100000-refs-8-14)'],
    ).toBeCloseTo(Math.cbrt(16));
    expect(Object.keys(computeRatios(run())).some((k) => k.startsWith('LadybugDB'))).toBe(false);
  });

  it('checks the targets on Kuzu, the default engine, whatever LadybugDB measured', () => {
    const shape = (r: BenchResults) =>
      checkTargets(r).filter((x) => x.measured.includes('1,090,000 citations'));
    expect(shape(withLadybug())).toEqual(shape(run()));
  });
});
