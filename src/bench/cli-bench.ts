/**
 * What a user waits for at the command line (issue 19): `crosstalk --help`, `stats`, a one-line
 * `query`, `ingest` of the bundled graph and `start` until it serves, each as a whole process, the
 * median of a few runs. Every command is timed twice in the same run: the way `npm install` leaves
 * it (the one-file bundles of bin/bundle.js, over bin/ts-hooks.js; row loader "hooks") and through
 * tsx (CROSSTALK_LOADER=tsx, how the CLI ran before), so the report can give the ratio; `node -e 0`
 * is the floor.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';
import type { CliRow } from './report';

const BIN = path.join(ROOT, 'bin', 'crosstalk.js');

/** Runs `node args` until it exits, or until `until` matches its output (then kills it). */
function timeProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  until: RegExp | null,
  timeoutMs: number,
): Promise<{ ms: number; ok: boolean; output: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (child.exitCode !== null || child.signalCode !== null) return resolve({ ms, ok, output });
      // A server stopped while it starts may miss the first signal: SIGKILL after 5 s. Resolve only
      // once it is gone, so the next run finds the database unlocked.
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve({ ms, ok, output });
      });
      child.kill('SIGTERM');
    };
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (until?.test(output)) finish(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => finish(false), timeoutMs);
    child.on('exit', (code) => finish(until === null && code === 0));
  });
}

interface CliCase {
  command: string;
  args: (db: string) => string[];
  until?: RegExp;
  /** Runs before each timed run (e.g. remove the database for a fresh ingest). */
  before?: (db: string) => Promise<void>;
}

/**
 * Times the commands on the bundled graph, with databases under `workDir`. `runs` per command and
 * loader (the median is reported, every run kept).
 */
export async function measureCli(workDir: string, runs: number, log: (s: string) => void): Promise<CliRow[]> {
  const db = path.join(workDir, 'cli-db');
  const freshDb = path.join(workDir, 'cli-db-fresh');
  const env = (loader: 'hooks' | 'tsx'): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      // Not the user's dataset: every command reads the bundled graph.
      CROSSTALK_DATASET: path.join(workDir, 'cli-no-user-dataset'),
    };
    delete e.CROSSTALK_DB;
    delete e.CROSSTALK_ENGINE;
    delete e.CROSSTALK_LOADER;
    if (loader === 'tsx') e.CROSSTALK_LOADER = 'tsx';
    return e;
  };
  // The database the read commands use (and the up-to-date one `start` finds).
  await rm(db, { recursive: true, force: true });
  const first = await timeProcess([BIN, 'ingest', '--db', db], env('hooks'), null, 600_000);
  if (!first.ok) throw new Error(`ingest for the CLI timings failed: ${first.output.slice(-300)}`);
  // The bundles as `npm install` builds them: an edit since then made them stale (a stale bundle
  // is skipped, so the timings would be those of the per-file sources).
  const bundled = await timeProcess([path.join(ROOT, 'bin', 'bundle.js')], process.env, null, 300_000);
  if (!bundled.ok) throw new Error(`bundling the CLI failed: ${bundled.output.slice(-300)}`);
  log(`cli: bundled the command line in ${(bundled.ms / 1000).toFixed(1)} s`);
  const serving = /serving the \w+ graph at http/;
  const cases: CliCase[] = [
    { command: '--help', args: () => [BIN, '--help'] },
    { command: 'stats', args: (d) => [BIN, 'stats', '--db', d] },
    {
      command: 'query (one line)',
      args: (d) => [BIN, 'query', '--db', d, 'MATCH (w:Work) RETURN count(w) AS works'],
    },
    {
      command: 'ingest (bundled graph)',
      args: () => [BIN, 'ingest', '--db', freshDb],
      before: () => rm(freshDb, { recursive: true, force: true }),
    },
    {
      command: 'start → serving (database up to date)',
      args: (d) => [BIN, 'start', '--db', d, '--data', path.join(ROOT, 'graph'), '--port', '0', '--no-fetch'],
      until: serving,
    },
    {
      command: 'start → serving (no database yet)',
      args: () => [
        BIN,
        'start',
        '--db',
        freshDb,
        '--data',
        path.join(ROOT, 'graph'),
        '--port',
        '0',
        '--no-fetch',
      ],
      until: serving,
      before: () => rm(freshDb, { recursive: true, force: true }),
    },
  ];
  const rows: CliRow[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) floor.push((await timeProcess(['-e', '0'], process.env, null, 60_000)).ms);
  rows.push(row('node -e 0', 'node', floor, true));
  for (const c of cases) {
    // One untimed run first (it absorbs a UI build or re-ingest that a changed tree asks for), then
    // the two loaders alternate, so neither always runs first on a busy machine.
    await c.before?.(db);
    await timeProcess(c.args(db), env('hooks'), c.until ?? null, 600_000);
    const times = { hooks: [] as number[], tsx: [] as number[] };
    const ok = { hooks: true, tsx: true };
    const last = { hooks: '', tsx: '' };
    for (let i = 0; i < runs; i++) {
      for (const loader of i % 2 === 0 ? (['hooks', 'tsx'] as const) : (['tsx', 'hooks'] as const)) {
        await c.before?.(db);
        const r = await timeProcess(c.args(db), env(loader), c.until ?? null, 600_000);
        ok[loader] &&= r.ok;
        last[loader] = r.output;
        times[loader].push(r.ms);
      }
    }
    for (const loader of ['hooks', 'tsx'] as const) {
      const x = row(c.command, loader, times[loader], ok[loader]);
      if (!ok[loader]) x.error = last[loader].trim().slice(-300);
      rows.push(x);
      log(
        `cli ${c.command} (${loader}): median ${(x.medianMs / 1000).toFixed(2)} s of ${runs}${x.ok ? '' : ` FAILED ${x.error}`} (load ${os.loadavg()[0]?.toFixed(1)})`,
      );
    }
  }
  await rm(freshDb, { recursive: true, force: true });
  return rows;
}

function row(command: string, loader: CliRow['loader'], runsMs: number[], ok: boolean): CliRow {
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    command,
    loader,
    ok,
    medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN,
    runsMs: sorted,
    load: os.loadavg()[0] ?? 0,
  };
}
