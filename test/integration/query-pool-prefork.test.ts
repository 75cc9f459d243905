/**
 * The query worker that `crosstalk query` forks at its first line (bin/prefork.js), before the CLI
 * has loaded: the pool adopts it only when it was forked exactly as the pool would fork it, and the
 * adopted worker is held to the pool's limits like any other; a worker that is not adopted (bad
 * usage, a refused query) is gone when the command ends. Real processes, real embedded store.
 */
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeSpecOf, type StoreOptions } from '../../src/cli/open-store';
import { DEFAULT_WORKER_BUFFER_POOL_BYTES, QueryPool } from '../../src/server/query-pool/pool';
import type { StoreSpec } from '../../src/store/graph-store';
import { ROOT, TINY, tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/crosstalk.js');
const SLOT = Symbol.for('crosstalk.preforkedQueryWorker');
/** Runs for minutes unless stopped. */
const SLOW =
  'UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y WHERE (x * y) % 7 = 3 RETURN count(*) AS n';

interface Prefork {
  preforkQueryWorker: (argv: string[]) => () => void;
  wantsQueryWorker: (argv: string[]) => boolean;
  likelySpec: (argv: string[], env?: Record<string, string | undefined>) => StoreSpec | null;
}
const prefork = (await import(pathToFileURL(path.join(ROOT, 'bin/prefork.js')).href)) as Prefork;

/** The child bin/prefork.js left in the global slot, if any. */
/** process.argv of `crosstalk query <args>`. */
const queryArgv = (...args: string[]): string[] => ['node', BIN, 'query', ...args];

const slotChild = (): ChildProcess | undefined =>
  (globalThis as { [SLOT]?: { child: ChildProcess } })[SLOT]?.child;

const alive = (pid: number): boolean =>
  existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

/** Live query workers whose environment carries `mark` (so other tests' workers do not count). */
function markedWorkers(mark: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('query-worker')) continue;
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`CROSSTALK_TEST_MARK=${mark}`)) {
        if (alive(Number(name))) pids.push(Number(name));
      }
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

async function crosstalk(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CROSSTALK_DB: '', ...env },
    });
    return { code: 0, stderr };
  } catch (e: unknown) {
    const x = e as { code?: number; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stderr: x.stderr ?? '' };
  }
}

describe('the query worker forked at the start of crosstalk query', () => {
  let db: string;
  let spec: StoreSpec;

  beforeAll(async () => {
    db = path.join(await tempDir(), 'graph');
    const r = await crosstalk({}, 'ingest', '--data', TINY, '--db', db);
    expect(r.code, r.stderr).toBe(0);
    spec = { backend: 'embedded', dir: db, options: { engine: 'kuzu' } };
  }, 120_000);

  it('is forked for query only, not for its help', () => {
    expect(prefork.wantsQueryWorker(['node', 'crosstalk', 'query', 'RETURN 1'])).toBe(true);
    expect(prefork.wantsQueryWorker(['node', 'crosstalk', 'query', '--help'])).toBe(false);
    expect(prefork.wantsQueryWorker(['node', 'crosstalk', 'stats'])).toBe(false);
  });

  it('guesses the spec the command will hand the pool, with the buffer pool of the pool', () => {
    const withPool = (x: StoreSpec): StoreSpec =>
      x.backend === 'embedded'
        ? { ...x, options: { ...x.options, bufferPoolBytes: DEFAULT_WORKER_BUFFER_POOL_BYTES } }
        : x;
    // [arguments, CROSSTALK_DB and CROSSTALK_ENGINE, the options the CLI parses from them]
    const cases: [string[], [string | undefined, string | undefined], StoreOptions][] = [
      [['RETURN 1'], [undefined, undefined], { store: 'embedded', db: path.join(ROOT, '.data', 'graph') }],
      [['--db', 'x/db', 'RETURN 1'], [undefined, undefined], { store: 'embedded', db: 'x/db' }],
      [
        ['--db=/y', '--engine', 'ladybug', 'RETURN 1'],
        [undefined, 'kuzu'],
        { store: 'embedded', db: '/y', engine: 'ladybug' },
      ],
      [['RETURN 1'], ['/z', 'LadyBug'], { store: 'embedded', db: '/z' }],
    ];
    const saved = [process.env.CROSSTALK_DB, process.env.CROSSTALK_ENGINE] as const;
    const setEnv = (name: string, value: string | undefined): void => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    };
    try {
      for (const [args, [dbEnv, engineEnv], opts] of cases) {
        setEnv('CROSSTALK_DB', dbEnv);
        setEnv('CROSSTALK_ENGINE', engineEnv);
        expect(prefork.likelySpec(queryArgv(...args), process.env)).toEqual(withPool(storeSpecOf(opts)));
      }
    } finally {
      setEnv('CROSSTALK_DB', saved[0]);
      setEnv('CROSSTALK_ENGINE', saved[1]);
    }
    expect(prefork.likelySpec(queryArgv('--store', 'neo4j', 'RETURN 1'))).toBeNull();
  });

  it('is adopted by the pool as its worker, and the time limit of the pool still stops its query', async () => {
    prefork.preforkQueryWorker(queryArgv('--db', db, 'RETURN 1'));
    const pid = slotChild()?.pid;
    expect(pid).toBeTypeOf('number');
    const pool = new QueryPool({ spec, size: 1, spares: 0, timeLimitMs: 1_000 });
    try {
      expect(slotChild()).toBeUndefined();
      expect(pool.pids).toEqual([pid]);
      const answer = await pool.run({ cypher: 'MATCH (w:Work) RETURN count(w) AS n', graph: false });
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ rows: [{ n: 9 }] });
      const slow = pool.run({
        cypher: SLOW,
        graph: false,
      });
      await expect(slow).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
      // Stopped at the pool's limit either by the engine itself (its timeout is what is left of the
      // limit; the worker then stays) or by the supervisor's SIGKILL at limit + grace (the worker is
      // replaced), depending on where the engine is when the limit falls: either way the pool
      // answers the next query, and a killed worker is no longer one of its workers.
      const again = await pool.run({ cypher: 'MATCH (w:Work) RETURN count(w) AS n', graph: false });
      expect(JSON.parse(again.body.toString('utf8'))).toMatchObject({ rows: [{ n: 9 }] });
      if (!pool.pids.includes(pid!)) await expect.poll(() => alive(pid!), { timeout: 10_000 }).toBe(false);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('having opened another store than the pool names: answers from the store of the pool', async () => {
    prefork.preforkQueryWorker(queryArgv('--db', path.join(db, 'no-such-db'), 'RETURN 1'));
    const pid = slotChild()?.pid;
    const pool = new QueryPool({ spec, size: 1, spares: 0 });
    try {
      expect(pool.pids).toEqual([pid]);
      const answer = await pool.run({ cypher: 'MATCH (w:Work) RETURN count(w) AS n', graph: false });
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ rows: [{ n: 9 }] });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('having loaded another engine than the store of the pool needs: killed, and the pool forks its own', async () => {
    prefork.preforkQueryWorker(queryArgv('--engine', 'ladybug', '--db', db, 'RETURN 1'));
    const pid = slotChild()?.pid;
    expect(pid).toBeTypeOf('number');
    const pool = new QueryPool({ spec, size: 1, spares: 0 });
    try {
      expect(pool.pids).not.toContain(pid);
      await expect.poll(() => alive(pid!), { timeout: 5_000 }).toBe(false);
      const answer = await pool.run({ cypher: 'MATCH (w:Work) RETURN count(w) AS n', graph: false });
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ rows: [{ n: 9 }] });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('forked with another heap cap than the pool uses: killed, and the pool forks its own', async () => {
    prefork.preforkQueryWorker(queryArgv('--db', db, 'RETURN 1'));
    const pid = slotChild()?.pid;
    expect(pid).toBeTypeOf('number');
    const pool = new QueryPool({ spec, size: 1, spares: 0, memoryLimitBytes: 512 * 1024 * 1024 });
    try {
      expect(slotChild()).toBeUndefined();
      expect(pool.pids).not.toContain(pid);
      await expect.poll(() => alive(pid!), { timeout: 5_000 }).toBe(false);
      const answer = await pool.run({ cypher: 'MATCH (w:Work) RETURN count(w) AS n', graph: false });
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ rows: [{ n: 9 }] });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('not adopted, it is killed when the command ends', async () => {
    const drop = prefork.preforkQueryWorker(queryArgv('RETURN 1'));
    const pid = slotChild()?.pid;
    expect(pid).toBeTypeOf('number');
    drop();
    expect(slotChild()).toBeUndefined();
    await expect.poll(() => alive(pid!), { timeout: 5_000 }).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'leaves no worker behind after bad usage, a refused query or an answer',
    async () => {
      const mark = `prefork-${process.pid}-${Date.now()}`;
      const env = { CROSSTALK_TEST_MARK: mark };
      const usage = await crosstalk(env, 'query', '--timeout', 'soon', 'RETURN 1');
      expect(usage.code, usage.stderr).toBe(2);
      const refused = await crosstalk(env, 'query', '--db', db, 'CALL db.x()');
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/^error: Refused: CALL db\.x/);
      const ok = await crosstalk(env, 'query', '--db', db, 'RETURN 1 AS x');
      expect(ok.code, ok.stderr).toBe(0);
      await expect.poll(() => markedWorkers(mark), { timeout: 10_000 }).toEqual([]);
      // The scan does see a worker while one runs.
      const slow = crosstalk(env, 'query', '--db', db, '--timeout', '3000', SLOW);
      await expect.poll(() => markedWorkers(mark).length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await slow).code).toBe(1);
      await expect.poll(() => markedWorkers(mark), { timeout: 10_000 }).toEqual([]);
    },
    60_000,
  );
});
