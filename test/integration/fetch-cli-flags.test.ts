/**
 * Every command that starts a server (serve, start, dev) takes the same fetch-job flags as
 * `crosstalk fetch` and checks them the same way: real process (bin/crosstalk.js), no server left
 * running (a bad flag stops the command before any store is opened).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/temp';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/crosstalk.js');

async function crosstalk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e: unknown) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

const FETCH_FLAGS = [
  '--allow-fetch',
  '--no-fetch',
  '--no-fetch-pubmed',
  '--mailto <email>',
  '--api-key <key>',
  '--ncbi-api-key <key>',
  '--openalex-url <url>',
  '--pubmed-url <url>',
  '--fetch-cache <dir>',
  '--no-fetch-cache',
  '--fetch-max <n>',
];

describe.each(['serve', 'start', 'dev'])('crosstalk %s', (command) => {
  it('lists the fetch-job flags', async () => {
    const r = await crosstalk(command, '--help');
    expect(r.code).toBe(0);
    for (const flag of FETCH_FLAGS) expect(r.stdout, flag).toContain(flag);
    expect(r.stdout).toContain('(env OPENALEX_URL)');
    expect(r.stdout).toContain('(env PUBMED_URL)');
  }, 60_000);

  it('refuses a bad --openalex-url and --fetch-max before it starts', async () => {
    const url = await crosstalk(command, '--openalex-url', 'nope', '--db', path.join(ROOT, '.no-such-db'));
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('--openalex-url must be an http(s) URL, not "nope"');
    const max = await crosstalk(command, '--fetch-max', '-1', '--db', path.join(ROOT, '.no-such-db'));
    expect(max.code).toBe(2);
    expect(max.stderr).toContain('--fetch-max must be a whole number ≥ 0');
  }, 60_000);
});
