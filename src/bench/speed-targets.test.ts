import { describe, expect, it } from 'vitest';
import type { ApiRow, BenchResults, CliRow, IngestRow } from './report';
import { checkSpeedTargets, phaseTable } from './speed-targets';

const cli = (command: string, loader: CliRow['loader'], medianMs: number): CliRow => ({
  command,
  loader,
  ok: true,
  medianMs,
  runsMs: [medianMs],
  load: 1,
});
const api = (dataset: string, endpoint: string, connections: number, p50: number, p99: number): ApiRow => ({
  dataset,
  endpoint,
  connections,
  requests: 100,
  rps: 100,
  p50,
  p95: p99,
  p99,
  non2xx: 0,
  errors: 0,
});
const ingest = (
  dataset: string,
  path: IngestRow['path'],
  ms: number,
  phases?: Record<string, number>,
): IngestRow => ({
  dataset,
  path,
  ok: true,
  ms,
  prepareMs: 0,
  records: 1,
  recordsPerSec: 1,
  loadRecordsPerSec: 1,
  complete: true,
  peakRssBytes: 1,
  steps: { 'Work nodes': 40 },
  ...(phases ? { phases } : {}),
});

/** A run with the bundled graph and the 100k / 1.1M shape, numbers chosen by hand. */
const run = (): Omit<BenchResults, 'targets' | 'speedTargets'> => ({
  format: 1,
  date: '2026-12-01T00:00:00Z',
  quick: false,
  seed: '1',
  apiDurationSec: 1,
  machine: {} as BenchResults['machine'],
  datasets: [
    { name: 'bundled', works: 460, citations: 600, synthetic: false, bytes: 0 },
    { name: 'synth-100000-refs-8-14', works: 100_000, citations: 1_090_000, synthetic: true, bytes: 0 },
  ],
  ingest: [
    ingest('bundled', 'embedded', 900, { 'read files': 10, layout: 300 }),
    ingest('synth-100000-refs-8-14', 'embedded', 12_000, { 'read files': 200, 'tag concepts': 900 }),
    ingest('synth-100000-refs-8-14', 'neo4j', 120_000),
  ],
  server: [],
  api: [
    api('bundled', 'stats', 1, 0.5, 1),
    api('bundled', 'node', 1, 1.5, 3),
    api('synth-100000-refs-8-14', 'stats', 1, 0.5, 1),
    api('synth-100000-refs-8-14', 'node', 1, 8, 20),
  ],
  browser: [],
  ratios: {},
  notes: [],
  cli: [cli('--help', 'hooks', 200), cli('--help', 'tsx', 800), cli('stats', 'hooks', 400)],
});

describe('checkSpeedTargets', () => {
  const rows = checkSpeedTargets(run());
  const find = (re: RegExp) => rows.find((r) => re.test(r.target))!;

  it('compares the CLI with its tsx run in the same run', () => {
    expect(find(/--help/)).toMatchObject({ met: true, ratio: 0.25 });
    expect(find(/stats` ≤/)).toMatchObject({ met: false, ratio: null });
    expect(find(/one-line/).met).toBeNull();
  });

  it('checks ingest at 100k against 10 s and Neo4j', () => {
    expect(find(/^ingest of 100,000/)).toMatchObject({ met: false, ratio: 0.1 });
    expect(find(/8× faster/)).toMatchObject({ met: true, ratio: 10 });
  });

  it('compares details latency with /api/stats', () => {
    expect(find(/bundled graph, 1 client/)).toMatchObject({ met: true, ratio: 3 });
    expect(find(/details p50 ≤ 5 ms/)).toMatchObject({ met: false, ratio: 16 });
    expect(find(/details p99 ≤ 50 ms, 32/).met).toBeNull();
  });
});

describe('phaseTable', () => {
  it('has one column per phase and store step, in the order first seen', () => {
    const [header, , bundled, big] = phaseTable(run());
    expect(header).toBe('| dataset | wall | read files | layout | Work nodes | tag concepts |');
    expect(bundled).toBe('| bundled | 900 | 10 | 300 | 40 | — |');
    expect(big).toBe('| synth-100000-refs-8-14 | 12,000 | 200 | — | 40 | 900 |');
  });
});
