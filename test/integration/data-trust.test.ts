/**
 * Data you can trust, on the real embedded store and the real `crosstalk` command: loads killed
 * mid-way, a crash between the two renames of the swap, a full disk, a read-only folder, and a
 * server whose database another process re-ingested.
 *
 * Full disk and read-only folders are real file systems: a 10 MB tmpfs and a read-only tmpfs,
 * mounted for the test (tests run as root here, where chmod does not stop writes). Where mounting
 * is not allowed, a non-root run uses chmod for the read-only case; anything that cannot be tested
 * for real says so on stderr and is skipped, never faked.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CypherResponse, SearchPayload, StatsPayload } from '../../src/model/api';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { BUNDLED, ROOT, TINY, tempDir } from '../support/temp';
import { startTestServer } from '../support/server';

const BIN = path.join(ROOT, 'bin/crosstalk.js');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function crosstalk(...args: string[]): Promise<CliResult> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CROSSTALK_DB: '' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (e: unknown) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof x.code === 'number' ? x.code : -1,
      stdout: x.stdout ?? '',
      stderr: x.stderr ?? '',
      ms: performance.now() - started,
    };
  }
}

/** The id of a process that has exited (what a killed ingest leaves in its folder names). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

/** The `error:` lines of a command's stderr. */
const errorLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('error:'));

/** Folders next to the store folder `dir` that a load creates (`.graph.loading-…`, `.graph.old-…`). */
const siblingsOf = (dir: string): string[] =>
  readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`.${path.basename(dir)}.`));

async function workCount(dir: string): Promise<number> {
  const store = new EmbeddedStore(dir);
  try {
    return (await store.stats()).counts.nodes.Work;
  } finally {
    await store.close();
  }
}

// ---- real file systems for the disk cases --------------------------------------------------------

const mounted: string[] = [];
const isRoot = process.getuid?.() === 0;

/** Mounts a tmpfs at a new folder; null (and a loud note) when this machine does not allow it. */
async function tmpfs(options: string): Promise<string | null> {
  const dir = path.join(await tempDir('crosstalk-mnt-'), 'fs');
  await mkdir(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e: unknown) {
    process.stderr.write(
      `\n*** data-trust: cannot mount a tmpfs (${options}) here: ${(e as Error).message.split('\n')[0]}\n`,
    );
    return null;
  }
  mounted.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounted) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
});

describe('loads that die', () => {
  it('removes the staging folder of a killed ingest at the next ingest', async () => {
    const db = path.join(await tempDir(), 'graph');
    const child = spawn(process.execPath, [BIN, 'ingest', '--data', BUNDLED, '--db', db], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const staging = path.join(path.dirname(db), `.graph.loading-${child.pid}`);
    // Killed while the engine writes: the database file exists in the staging folder.
    const deadline = Date.now() + 120_000;
    while (!existsSync(path.join(staging, 'graph.kuzu')) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
    }
    expect(existsSync(path.join(staging, 'graph.kuzu')), 'the ingest reached the engine').toBe(true);
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    expect(existsSync(staging), 'a killed ingest leaves its staging folder').toBe(true);
    expect(existsSync(db)).toBe(false);

    const next = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(next.code, next.stderr).toBe(0);
    expect(siblingsOf(db)).toEqual([]);
    expect(await workCount(db)).toBe(9);
  });

  it('never touches the folders of an ingest that is still running', async () => {
    const db = path.join(await tempDir(), 'graph');
    expect((await crosstalk('ingest', '--data', TINY, '--db', db)).code).toBe(0);
    // A folder named after a live process (this one is the test runner's parent, alive).
    const live = path.join(path.dirname(db), `.graph.loading-${process.ppid}`);
    await mkdir(live);
    const next = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(live)).toBe(true);
    await rm(live, { recursive: true });
  });

  describe('a crash between the two renames of the swap', () => {
    let previous: string;
    let next: string;

    beforeAll(async () => {
      // Two real databases: the one --db held, and the one the dying load had finished.
      previous = path.join(await tempDir(), 'graph');
      next = path.join(await tempDir(), 'graph');
      expect((await crosstalk('ingest', '--data', TINY, '--db', previous)).code).toBe(0);
      expect((await crosstalk('ingest', '--data', BUNDLED, '--db', next)).code).toBe(0);
    });

    it('puts the new database in place at the next open, when the load had finished it', async () => {
      const db = path.join(await tempDir(), 'graph');
      const pid = await deadPid();
      // The state after rename 1 (--db → .old) and before rename 2 (.loading → --db).
      await rename(previous, path.join(path.dirname(db), `.graph.old-${pid}`));
      await rename(next, path.join(path.dirname(db), `.graph.loading-${pid}`));
      expect(existsSync(db)).toBe(false);

      const stats = await crosstalk('stats', '--db', db, '--format', 'json');
      expect(stats.code, stats.stderr).toBe(0);
      const works = (JSON.parse(stats.stdout) as { counts: { nodes: { Work: number } } }).counts.nodes.Work;
      expect(works).toBeGreaterThan(9); // the bundled dataset, not the tiny one
      // The previous database is still there until the next ingest removes it.
      expect(siblingsOf(db)).toEqual([`.graph.old-${pid}`]);
      expect((await crosstalk('ingest', '--data', TINY, '--db', db)).code).toBe(0);
      expect(siblingsOf(db)).toEqual([]);
      expect(await workCount(db)).toBe(9);

      // Move the databases back for the next case.
      previous = path.join(await tempDir(), 'graph');
      next = path.join(await tempDir(), 'graph');
      expect((await crosstalk('ingest', '--data', TINY, '--db', previous)).code).toBe(0);
    });

    it('puts the previous database back when the new one was not finished', async () => {
      const db = path.join(await tempDir(), 'graph');
      const pid = await deadPid();
      await rename(previous, path.join(path.dirname(db), `.graph.old-${pid}`));
      // An unfinished staging folder: no manifest yet.
      await mkdir(path.join(path.dirname(db), `.graph.loading-${pid}`));
      expect(await workCount(db)).toBe(9);
      expect(existsSync(path.join(db, 'manifest.json'))).toBe(true);
      // The next ingest also recovers and cleans before it loads.
      expect((await crosstalk('ingest', '--data', TINY, '--db', db)).code).toBe(0);
      expect(siblingsOf(db)).toEqual([]);
    });
  });
});

describe('a disk that cannot take the database', () => {
  it('stops a load on a full disk with one clear line, leaving the existing database and no staging folder', async () => {
    const fs = await tmpfs('size=10m');
    if (!fs) {
      process.stderr.write('*** data-trust: the full-disk case is NOT tested on this machine.\n');
      return;
    }
    const db = path.join(fs, 'graph');
    // The tiny dataset's database takes ~7.3 MB: the first load fits, a second copy beside it does not.
    const first = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(first.code, first.stderr).toBe(0);
    const r = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(
      /^error: No space left on the disk holding .* nothing was changed\./,
    );
    expect(r.ms).toBeLessThan(60_000);
    expect(siblingsOf(db)).toEqual([]);
    expect(await workCount(db)).toBe(9);
  });

  it('stops a load into a read-only folder with one clear line and creates nothing', async () => {
    let fs = await tmpfs('ro,size=1m');
    let how = 'a read-only tmpfs';
    if (!fs && !isRoot) {
      // Without mounts, chmod stops a non-root user for real.
      fs = path.join(await tempDir(), 'ro');
      await mkdir(fs);
      await chmod(fs, 0o555);
      how = 'a chmod 555 folder';
    }
    if (!fs) {
      process.stderr.write(
        '*** data-trust: the read-only case is NOT tested on this machine (root, no mount).\n',
      );
      return;
    }
    const db = path.join(fs, 'graph');
    const r = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(r.code, how).toBe(1);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(/read-only file system|No permission to write/);
    expect(r.ms).toBeLessThan(60_000);
    expect(readdirSync(fs)).toEqual([]);
  });
});

describe('a server whose database another process re-ingested', () => {
  it('notices the new manifest and serves the new data on every route, closing the old database', async () => {
    const server = await startTestServer({ data: TINY });
    try {
      const get = async <T>(route: string): Promise<T> => {
        const res = await fetch(new URL(route, server.url));
        expect(res.status, route).toBe(200);
        return (await res.json()) as T;
      };
      const cypher = async (query: string): Promise<CypherResponse> => {
        const res = await fetch(new URL('api/cypher', server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as CypherResponse;
      };
      const before = await get<StatsPayload>('api/stats');
      expect(before.counts.nodes.Work).toBe(9);
      expect((await cypher('MATCH (w:Work) RETURN count(w) AS n')).rows).toEqual([{ n: 9 }]);
      // A work of the bundled dataset that the tiny one does not have.
      const title = 'Welcome to the ICD-10 code for sarcopenia';
      const line = (await readFile(path.join(BUNDLED, 'works.jsonl'), 'utf8'))
        .split('\n')
        .find((l) => l.includes(`"title": "${title}"`));
      const id = (JSON.parse(line!) as { id: string }).id;
      const search = async (): Promise<string[]> =>
        (await get<SearchPayload>(`api/search?q=${encodeURIComponent(title)}`)).hits.map((h) => h.id);
      expect(await search()).not.toContain(id);

      const r = await crosstalk('ingest', '--data', BUNDLED, '--db', server.dbDir);
      expect(r.code, r.stderr).toBe(0);

      const after = await get<StatsPayload>('api/stats');
      expect(after.counts.nodes.Work).toBeGreaterThan(9);
      expect(after.dataset?.loadedAt).not.toBe(before.dataset?.loadedAt);
      expect((await cypher('MATCH (w:Work) RETURN count(w) AS n')).rows).toEqual([
        { n: after.counts.nodes.Work },
      ]);
      expect((await search())[0]).toBe(id);
      expect((await get<{ id: string }>(`api/nodes/${encodeURIComponent(id)}`)).id).toBe(id);

      // The replaced database file is no longer held open by this process (Linux shows it).
      if (existsSync('/proc/self/fd')) {
        const held = readdirSync('/proc/self/fd')
          .map((fd) => {
            try {
              return readlinkSync(`/proc/self/fd/${fd}`);
            } catch {
              return '';
            }
          })
          .filter((target) => target.startsWith(server.dbDir) && target.endsWith('(deleted)'));
        expect(held).toEqual([]);
      }
    } finally {
      await server.close();
    }
  });
});
