/**
 * The GraphStore contract on the embedded store, with the engine CROSSTALK_ENGINE names (Kuzu, the
 * default, when unset; CI runs this file once more with CROSSTALK_ENGINE=ladybug). A process loads
 * one engine only (see src/store/embedded/engine.ts), so the other engine runs in a child process,
 * as the `crosstalk` command: a database is opened only by the engine that wrote it, with a message
 * that says to re-ingest, and both engines store the same values.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareGraph, type PreparedGraph } from '../../src/ingest/ingest';
import { StoreError } from '../../src/model/errors';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { engineFromEnv, loadEngine, type EngineName } from '../../src/store/embedded/engine';
import { ROOT, TINY, tempDir } from '../support/temp';
import { describeGraphStoreContract } from './graph-store-contract';

const ENGINE = engineFromEnv();
const OTHER: EngineName = ENGINE === 'kuzu' ? 'ladybug' : 'kuzu';

describeGraphStoreContract(
  `embedded (${ENGINE})`,
  async () => new EmbeddedStore(path.join(await tempDir(), 'graph'), { engine: ENGINE }),
);

const execFileAsync = promisify(execFile);

/** Runs the `crosstalk` command in a child process; never throws. */
async function crosstalk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [path.join(ROOT, 'bin/crosstalk.js'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, CROSSTALK_DB: '', CROSSTALK_ENGINE: '' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e: unknown) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

const ALL_WORKS = 'MATCH (w:Work) RETURN w ORDER BY w.id';

describe(`embedded engines: ${ENGINE} here, ${OTHER} in a child process`, () => {
  let prepared: PreparedGraph;
  let own: string;
  let other: string;

  beforeAll(async () => {
    prepared = await prepareGraph(TINY);
    own = path.join(await tempDir(), 'graph');
    const store = new EmbeddedStore(own, { engine: ENGINE });
    await store.load(prepared.graph, { dataDir: TINY, dataHash: prepared.dataHash });
    await store.close();
    other = path.join(await tempDir(), 'graph');
    const r = await crosstalk('ingest', '--engine', OTHER, '--data', TINY, '--db', other);
    expect(r.stderr).toMatch(/Loaded .* into the embedded store/);
    expect(r.code).toBe(0);
  });

  it(`${ENGINE} records itself in the manifest and the stats`, async () => {
    const store = new EmbeddedStore(own, { engine: ENGINE });
    try {
      const version = loadEngine(ENGINE).version;
      expect(version).toMatch(new RegExp(`^${ENGINE} \\d+\\.\\d+\\.\\d+$`));
      expect(await store.manifest()).toMatchObject({ engine: ENGINE, engineVersion: version });
      const stats = await store.stats();
      expect(stats.engineVersion).toBe(version);
      expect(stats.counts).toEqual(prepared.counts);
    } finally {
      await store.close();
    }
  });

  it(`tells start a ${OTHER} database needs a re-ingest with ${ENGINE}, and an empty folder a first one`, async () => {
    const store = new EmbeddedStore(other, { engine: ENGINE });
    expect(await store.loadState(prepared.dataHash)).toEqual({
      state: 'other-engine',
      writtenBy: OTHER,
      engine: ENGINE,
    });
    expect(await new EmbeddedStore(other, { engine: OTHER }).loadState(prepared.dataHash)).toEqual({
      state: 'current',
    });
    const none = new EmbeddedStore(path.join(await tempDir(), 'none'), { engine: ENGINE });
    expect(await none.loadState(prepared.dataHash)).toEqual({ state: 'empty' });
  });

  it(`${OTHER} records itself in the manifest, and stats shows it`, async () => {
    const m = await new EmbeddedStore(other, { engine: OTHER }).manifest();
    expect(m?.engine).toBe(OTHER);
    expect(m?.engineVersion).toMatch(new RegExp(`^${OTHER} \\d+\\.\\d+\\.\\d+$`));
    const r = await crosstalk('stats', '--engine', OTHER, '--db', other);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`backend: embedded (${m!.engineVersion})`);
  });

  it(`a ${OTHER} database opened with ${ENGINE} says to re-ingest, and stays readable by ${OTHER}`, async () => {
    const store = new EmbeddedStore(other, { engine: ENGINE });
    try {
      const e: unknown = await store.query('RETURN 1 AS x').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).message).toContain(`written by the ${OTHER} engine`);
      expect((e as StoreError).message).toContain(`crosstalk ingest --engine ${ENGINE}`);
    } finally {
      await store.close();
    }
    const r = await crosstalk(
      'query',
      '--engine',
      OTHER,
      '--db',
      other,
      '--format',
      'json',
      'MATCH (w:Work) RETURN count(w) AS n',
    );
    expect(r.stdout).toBe(`[{"n":${prepared.counts.nodes.Work}}]\n`);
  });

  it(`a ${ENGINE} database opened with ${OTHER} says to re-ingest (exit code 1)`, async () => {
    const r = await crosstalk('query', '--engine', OTHER, '--db', own, 'RETURN 1 AS x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`written by the ${ENGINE} engine, but this run uses ${OTHER}`);
    expect(r.stderr).toContain(`crosstalk ingest --engine ${OTHER}`);
  });

  it('stores the same values on both engines (every Work of the tiny fixture)', async () => {
    const [mine, theirs] = await Promise.all([
      crosstalk('query', '--engine', ENGINE, '--db', own, '--format', 'json', ALL_WORKS),
      crosstalk('query', '--engine', OTHER, '--db', other, '--format', 'json', ALL_WORKS),
    ]);
    expect(mine.code).toBe(0);
    const rows = JSON.parse(mine.stdout) as unknown[];
    expect(rows).toHaveLength(prepared.counts.nodes.Work);
    expect(JSON.parse(theirs.stdout)).toEqual(rows);
  });
});
