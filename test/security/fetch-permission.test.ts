/**
 * Who may make the server fetch: on by default on loopback, off on any other --host unless
 * --allow-fetch, off everywhere with --no-fetch. Checked through the real HTTP server (built as
 * `serve` builds it, and as the real CLI process starts it); a refused job sends no request to the
 * OpenAlex/PubMed stand-in and leaves the store as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchStatusPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { fetchPermission, isLoopbackHost } from '../../src/server/jobs/fetch-permission';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { startFetchServer } from '../support/fetch-server';
import { ROOT } from '../support/temp';

let api: FixtureApi;
beforeAll(async () => {
  api = await startFixtureApi();
});
afterAll(async () => api?.close());

async function post(base: string): Promise<{ status: number; code: string }> {
  const res = await fetch(new URL('/api/fetch', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ work: REVIEW_ID }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code ?? '' };
}

const status = async (base: string): Promise<FetchStatusPayload> =>
  (await (await fetch(new URL('/api/fetch', base))).json()) as FetchStatusPayload;

describe('the rule', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '128.0.0.1', 'localhost.example.org']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
  it('on for loopback, off elsewhere unless --allow-fetch, off with --no-fetch', () => {
    expect(fetchPermission('127.0.0.1', {}).enabled).toBe(true);
    expect(fetchPermission(undefined, {}).enabled).toBe(true);
    expect(fetchPermission('0.0.0.0', {}).enabled).toBe(false);
    expect(fetchPermission('0.0.0.0', { allowFetch: true }).enabled).toBe(true);
    expect(fetchPermission('127.0.0.1', { noFetch: true }).enabled).toBe(false);
    expect(fetchPermission('0.0.0.0', { allowFetch: true, noFetch: true }).enabled).toBe(false);
  });
});

describe('through the real server', () => {
  it('a server on 0.0.0.0 without --allow-fetch refuses jobs (403) and asks no API', async () => {
    const server = await startFetchServer(api, { host: '0.0.0.0' });
    try {
      const manifest = await readFile(path.join(server.dbDir, 'manifest.json'), 'utf8');
      api.reset();
      expect(await post(server.base)).toEqual({ status: 403, code: 'FETCH_DISABLED' });
      const s = await status(server.base);
      expect(s.enabled).toBe(false);
      expect(s.reason).toMatch(/--allow-fetch/);
      expect(s.job).toBeNull();
      // Nor may its users hand it keys to fetch with.
      const put = await fetch(new URL('/api/fetch/settings', server.base), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: 'K' }),
      });
      expect(put.status).toBe(403);
      expect(api.requests).toHaveLength(0);
      expect(await readFile(path.join(server.dbDir, 'manifest.json'), 'utf8')).toBe(manifest);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('--allow-fetch lets a server on 0.0.0.0 fetch; --no-fetch stops a loopback one', async () => {
    const [open, closed] = await Promise.all([
      startFetchServer(api, { host: '0.0.0.0', allowFetch: true }),
      startFetchServer(api, { noFetch: true }),
    ]);
    try {
      expect((await status(open.base)).enabled).toBe(true);
      expect(await post(closed.base)).toEqual({ status: 403, code: 'FETCH_DISABLED' });
      expect((await status(closed.base)).reason).toMatch(/--no-fetch/);
    } finally {
      await Promise.all([open.close(), closed.close()]);
    }
  }, 180_000);
});

describe('the CLI', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('`crosstalk serve --host 0.0.0.0` refuses fetch jobs', async () => {
    // A database to serve: the one a fetch server ingested (its server is closed first).
    const loaded = await startFetchServer(null);
    await loaded.close();
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/crosstalk.js'),
        'serve',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--no-ui',
        '--db',
        loaded.dbDir,
      ],
      { cwd: ROOT, env: { ...process.env, CROSSTALK_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`no URL in: ${out}`)), 60_000);
    });
    const base = new URL(url);
    base.hostname = '127.0.0.1';
    expect(await post(base.toString())).toEqual({ status: 403, code: 'FETCH_DISABLED' });
    expect((await status(base.toString())).enabled).toBe(false);
  }, 180_000);
});
