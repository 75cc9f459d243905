/**
 * The process boundary as the `crosstalk` command shows it: `crosstalk query` runs the query in a
 * worker process (a pool of one), so an engine crash or a runaway query ends with a clear message
 * and exit code 1, never a segfault; and a server killed outright leaves no query worker behind.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TINY, tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/crosstalk.js');

interface CliResult {
  code: number | null;
  signal: string | null;
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
    });
    return { code: 0, signal: null, stdout, stderr, ms: performance.now() - started };
  } catch (e: unknown) {
    const x = e as { code?: number; signal?: string; stdout?: string; stderr?: string };
    return {
      code: typeof x.code === 'number' ? x.code : null,
      signal: x.signal ?? null,
      stdout: x.stdout ?? '',
      stderr: x.stderr ?? '',
      ms: performance.now() - started,
    };
  }
}

/** Live processes whose parent is `parent` and whose command line mentions the query worker. */
function workersOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      if (ppid === parent && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('query-worker')) {
        pids.push(Number(name));
      }
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

const alive = (pid: number): boolean =>
  existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

describe('crosstalk query behind the process boundary', () => {
  let db: string;

  beforeAll(async () => {
    db = path.join(await tempDir(), 'graph');
    const r = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(r.code).toBe(0);
  });

  it('a query that crashes the engine: a clear message and exit code 1, not a segfault', async () => {
    for (const q of ['RETURN keys(null) AS k', 'RETURN 1 IN null AS x']) {
      const r = await crosstalk('query', '--db', db, q);
      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error: The engine crashed on this query; nothing was changed\. Try /);
      expect(r.stdout).toBe('');
    }
    const p = await crosstalk('query', '--db', db, '--param', 'c=null', 'RETURN 1 IN $c AS x');
    expect(p.code, p.stderr).toBe(1);
    expect(p.stderr).toMatch(/engine crashed/);
    // The database is untouched.
    const ok = await crosstalk(
      'query',
      '--db',
      db,
      '--format',
      'json',
      'MATCH (w:Work) RETURN count(w) AS n',
    );
    expect(ok).toMatchObject({ code: 0, stdout: '[{"n":9}]\n' });
  }, 300_000);

  it('a query past --timeout is stopped: exit code 1 and a message naming the time limit', async () => {
    const r = await crosstalk(
      'query',
      '--db',
      db,
      '--timeout',
      '1000',
      'UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y WHERE (x * y) % 7 = 3 RETURN count(*) AS n',
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/time limit/);
    // Two process starts (the command, its worker) come on top of the limit; unstopped, this
    // query runs for many minutes.
    expect(r.ms).toBeLessThan(30_000);
  }, 180_000);

  it.skipIf(process.platform !== 'linux')(
    'a server killed with SIGKILL leaves no query worker behind',
    async () => {
      const server = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--no-ui'], {
        cwd: ROOT,
        env: { ...process.env, CROSSTALK_DB: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          server.stdout.on('data', (b: Buffer) => {
            out += b.toString();
            const m = /serving .* at (http:\/\/\S+)/.exec(out);
            if (m) resolve(m[1]!);
          });
          server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
        });
        const r = await fetch(new URL('api/cypher', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'MATCH (w:Work) RETURN count(w) AS n' }),
        });
        expect(r.status).toBe(200);
        const workers = workersOf(server.pid!);
        expect(workers.length).toBeGreaterThanOrEqual(2);
        server.kill('SIGKILL');
        // Their IPC channel closes with the server: each exits by itself.
        await expect.poll(() => workers.filter(alive), { timeout: 5_000 }).toEqual([]);
      } finally {
        server.kill('SIGKILL');
      }
    },
    180_000,
  );
});
