/**
 * Smoke test of `npm run bench -- --quick`: the benchmark runs end to end on tiny sizes and writes a
 * well-formed results file, table and plot. Timings are not checked (they are the benchmark's job).
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/bench/report';
import { hasChromium } from '../support/browser';
import { ROOT, tempDir } from '../support/temp';

const run = promisify(execFile);

describe('npm run bench -- --quick', () => {
  it('writes results JSON, a README table and an SVG plot', { timeout: 900_000 }, async () => {
    const out = await tempDir('crosstalk-bench-');
    const work = await tempDir('crosstalk-bench-work-');
    const args = ['run', 'bench', '--', '--quick', '--out', out, '--work', work];
    if (!hasChromium()) args.push('--no-browser');
    await run('npm', args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

    const files = await readdir(path.join(out, 'results'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-.+-quick\.json$/);
    const results = JSON.parse(await readFile(path.join(out, 'results', files[0]!), 'utf8')) as BenchResults;
    expect(results.quick).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.datasets.map((d) => d.name)).toEqual(['bundled', 'synth-200']);
    // Both embedded engines by default, each ingested and served (Kuzu's rows carry no engine).
    const paths = results.ingest.map(
      (i) => `${i.dataset}:${i.path}${i.engine ? `-${i.engine}` : ''}:${i.ok}`,
    );
    expect(paths).toEqual([
      'bundled:embedded:true',
      'bundled:embedded-ladybug:true',
      'synth-200:embedded:true',
      'synth-200:embedded-ladybug:true',
      'synth-200:naive:true',
    ]);
    expect(results.ingest.every((i) => i.peakRssBytes > 0 && i.records > 0)).toBe(true);
    expect(results.machine.kuzu).toMatch(/^kuzu \d/);
    expect(results.machine.ladybug).toMatch(/^ladybug \d/);
    expect(results.server.map((s) => `${s.dataset}:${s.engine ?? 'kuzu'}`)).toEqual([
      'bundled:kuzu',
      'bundled:ladybug',
      'synth-200:kuzu',
      'synth-200:ladybug',
    ]);
    expect(results.server.every((s) => s.graphBytes > s.graphGzipBytes && s.peakRssBytes > 0)).toBe(true);
    for (const ep of ['graph', 'node', 'search', 'neighborhood', 'cypher 04-most-cited']) {
      const rows = results.api.filter((a) => a.endpoint === ep && a.engine === undefined);
      expect(rows.map((r) => r.connections).sort()).toEqual([1, 1, 32, 32]);
      const ladybug = results.api.filter((a) => a.endpoint === ep && a.engine === 'ladybug');
      expect(ladybug.map((r) => r.connections).sort()).toEqual([1, 1, 32, 32]);
      expect(rows.every((r) => r.requests > 0 && r.p50 <= r.p95 && r.p95 <= r.p99)).toBe(true);
    }
    if (hasChromium()) {
      // The browser is measured on the default engine only (the page's cost is the browser's).
      expect(results.browser.map((b) => b.dataset)).toEqual(['bundled', 'synth-200']);
      expect(results.browser.every((b) => b.ok && (b.firstRenderMs ?? 0) > 0)).toBe(true);
    }
    expect(Object.keys(results.ratios)).toContain('embedded vs naive MERGE, load records/s (smallest size)');
    expect(results.ratios['embedded vs naive MERGE, load records/s (smallest size)']).toBeGreaterThan(0);
    expect(results.ratios['LadybugDB / Kuzu, ingest wall time (synth-200)']).toBeGreaterThan(0);
    expect(results.ratios['LadybugDB / Kuzu, /api/search p50 1 client (synth-200)']).toBeGreaterThan(0);
    expect(results.targets.length).toBeGreaterThanOrEqual(6);

    const readme = await readFile(path.join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Benchmarks/);
    expect(readme).toMatch(/\| synth-200 +\| +200 \|/);
    expect(readme).toContain('cost-vs-size.svg');
    const svg = await readFile(path.join(out, 'cost-vs-size.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('</svg>');
    expect(svg).toContain('<polyline');
  });
});
