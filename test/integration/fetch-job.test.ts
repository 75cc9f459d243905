/**
 * Fetch jobs through the real HTTP server over the real embedded store, against the local
 * OpenAlex/PubMed stand-in: a job for the review grows the graph the server answers from (the
 * review's details go from 5 known references to OpenAlex's 8), writes only the user dataset, and
 * records the expansion; a second run sends no request; a cancelled job leaves the store and the
 * dataset as they were; bad input gets 4xx; credentials appear in no answer and no file.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetPayload, FetchJobPayload, FetchStatusPayload, WorkDetail } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { startFetchServer, type FetchTestServer } from '../support/fetch-server';
import { BUNDLED } from '../support/temp';

let api: FixtureApi;
let server: FetchTestServer;

async function call<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(url, server.base), {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function until(id: string, done: (j: FetchJobPayload) => boolean): Promise<FetchJobPayload> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await call<FetchJobPayload>('GET', `/api/fetch/${id}`);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`job still ${body.state}: ${body.step}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const finished = (j: FetchJobPayload): boolean => ['done', 'failed', 'cancelled'].includes(j.state);

const sha = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  }
  return out;
}

let bundledHash: string;

beforeAll(async () => {
  bundledHash = await sha(path.join(BUNDLED, 'works.jsonl'));
  api = await startFixtureApi();
  server = await startFetchServer(api);
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

describe('a fetch job for the review', () => {
  let first: FetchJobPayload;

  it('starts (202), reports progress and finishes with what it added', async () => {
    const before = await call<WorkDetail>('GET', `/api/nodes/${encodeURIComponent(REVIEW_ID)}`);
    expect(before.body.references).toHaveLength(5);
    expect(before.body.openalexReferenceCount).toBeNull();
    const started = await call<FetchJobPayload>('POST', '/api/fetch', { work: REVIEW_ID });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ work: REVIEW_ID, state: 'fetching' });
    first = await until(started.body.id, finished);
    expect(first.state, first.error ?? '').toBe('done');
    expect(first.result?.written).toBe(true);
    // The stand-in's works are mostly in the bundled graph already: they are filled and linked.
    expect(first.result!.newWorks + first.result!.filledWorks).toBeGreaterThan(0);
    expect(first.result!.newCitations).toBeGreaterThan(0);
    expect(first.result!.networkRequests).toBeGreaterThan(0);
    expect(first.requests.done).toBe(first.result!.networkRequests + first.result!.cachedRequests);
  });

  it('the server answers from the grown graph without a restart', async () => {
    const after = await call<WorkDetail>('GET', `/api/nodes/${encodeURIComponent(REVIEW_ID)}`);
    expect(after.body.openalexReferenceCount).toBe(8);
    expect(after.body.references.length).toBeGreaterThan(5);
    expect(after.body.citedBy.length).toBeGreaterThan(0);
    const graph = await call<{ nodes: { id: string }[] }>('GET', '/api/graph');
    expect(graph.body.nodes.length).toBeGreaterThan(0);
    const search = await call<{ hits: { id: string }[] }>('GET', '/api/search?q=fcell');
    expect(search.status).toBe(200);
  });

  it('wrote the user dataset, recorded the expansion and left graph/ alone', async () => {
    expect(await sha(path.join(BUNDLED, 'works.jsonl'))).toBe(bundledHash);
    const d = await call<DatasetPayload>('GET', '/api/dataset');
    expect(d.body.folder?.kind).toBe('user');
    expect(d.body.backToBundled).toMatch(/--data graph/);
    expect(d.body.expansions).toHaveLength(1);
    expect(d.body.expansions[0]).toMatchObject({
      seed: REVIEW_ID,
      by: 'explorer',
      newWorks: first.result!.newWorks,
    });
    const manifest = JSON.parse(await readFile(path.join(server.dbDir, 'manifest.json'), 'utf8')) as {
      dataDir: string;
    };
    expect(manifest.dataDir).toBe(server.userDir);
  });

  it('a second run sends no request: everything comes from the cache', async () => {
    const seen = api.requests.length;
    const started = await call<FetchJobPayload>('POST', '/api/fetch', { work: REVIEW_ID });
    const job = await until(started.body.id, finished);
    expect(job.state, job.error ?? '').toBe('done');
    expect(api.requests.length).toBe(seen);
    expect(job.result?.networkRequests).toBe(0);
    expect(job.result!.cachedRequests).toBeGreaterThan(0);
    expect(job.result?.written).toBe(false);
  });

  it('keeps the e-mail and API key out of answers, the dataset, the cache and provenance', async () => {
    const status = await call<FetchStatusPayload>('GET', '/api/fetch');
    expect(JSON.stringify(status.body)).not.toMatch(/SECRET|secret-mail/);
    for (const file of [...(await filesUnder(server.userDir)), ...(await filesUnder(server.cacheDir))]) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(/SECRET-OPENALEX-KEY|secret-mail/);
    }
    // They were sent to the stand-in, as to OpenAlex.
    expect(api.requests.some((r) => r.query.get('api_key') === 'SECRET-OPENALEX-KEY')).toBe(true);
  });
});

describe('cancelling', () => {
  it('a cancelled job leaves the store and the dataset as they were', async () => {
    const manifestFile = path.join(server.dbDir, 'manifest.json');
    const manifestBefore = await readFile(manifestFile, 'utf8');
    const worksBefore = await sha(path.join(server.userDir, 'works.jsonl'));
    // A work whose answers are not cached yet; every answer is slow, so the cancel lands mid-way.
    api.inject({ kind: 'slow', ms: 1500 }, () => true, 50);
    const started = await call<FetchJobPayload>('POST', '/api/fetch', {
      work: 'doi:10.1016/j.celrep.2018.01.041',
    });
    expect(started.status).toBe(202);
    const busy = await call<{ error: { code: string } }>('POST', '/api/fetch', { work: REVIEW_ID });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('FETCH_BUSY');
    const cancelled = await call<FetchJobPayload>('DELETE', `/api/fetch/${started.body.id}`);
    expect(cancelled.status).toBe(200);
    const job = await until(started.body.id, finished);
    expect(job.state).toBe('cancelled');
    api.reset();
    expect(await readFile(manifestFile, 'utf8')).toBe(manifestBefore);
    expect(await sha(path.join(server.userDir, 'works.jsonl'))).toBe(worksBefore);
  });
});

describe('the e-mail and keys given at run time', () => {
  it('are used by the next job, kept in memory and never echoed', async () => {
    const put = await call<Record<string, boolean>>('PUT', '/api/fetch/settings', {
      mailto: 'run-time@example.org',
      apiKey: 'MEMORY-ONLY-KEY',
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ mailto: true, apiKey: true, ncbiApiKey: false });
    const status = await call<FetchStatusPayload>('GET', '/api/fetch');
    expect(status.body.credentials).toEqual({ mailto: true, apiKey: true, ncbiApiKey: false });
    expect(JSON.stringify(status.body)).not.toMatch(/MEMORY-ONLY-KEY|run-time@/);
    // A work whose answers are not cached yet: its requests carry the new key.
    const started = await call<FetchJobPayload>('POST', '/api/fetch', {
      work: 'doi:10.1186/s13018-025-05828-7',
    });
    const job = await until(started.body.id, finished);
    expect(job.state, job.error ?? '').toBe('done');
    expect(api.requests.some((r) => r.query.get('api_key') === 'MEMORY-ONLY-KEY')).toBe(true);
    expect(api.requests.some((r) => r.query.get('mailto') === 'run-time@example.org')).toBe(true);
    for (const file of [...(await filesUnder(server.userDir)), ...(await filesUnder(server.cacheDir))]) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(/MEMORY-ONLY-KEY|run-time@/);
    }
  });

  it.each([
    [{ mailto: 'not an address' }],
    [{ apiKey: 'has space' }],
    [{ apiKey: 'x'.repeat(201) }],
    [{ other: 'x' }],
  ])('PUT %j → 400', async (body) => {
    expect((await call('PUT', '/api/fetch/settings', body)).status).toBe(400);
  });
});

describe('bad input', () => {
  it.each([
    [{}, 400, 'BAD_REQUEST'],
    [{ work: '' }, 400, 'BAD_REQUEST'],
    [{ work: 42 }, 400, 'BAD_REQUEST'],
    [{ work: REVIEW_ID, extra: 1 }, 400, 'BAD_REQUEST'],
    [{ work: 'x'.repeat(501) }, 400, 'BAD_REQUEST'],
    [{ work: 'concept:irisin' }, 400, 'BAD_REQUEST'],
    [{ work: 'doi:10.9999/not-in-the-graph' }, 404, 'NOT_FOUND'],
  ])('POST %j → %i %s', async (body, status, code) => {
    const r = await call<{ error: { code: string } }>('POST', '/api/fetch', body);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it('unknown jobs are 404, and the server keeps answering', async () => {
    expect((await call('GET', '/api/fetch/no-such-job')).status).toBe(404);
    expect((await call('DELETE', '/api/fetch/no-such-job')).status).toBe(404);
    expect((await call('GET', '/api/stats')).status).toBe(200);
  });
});
