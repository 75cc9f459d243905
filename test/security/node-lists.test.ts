/**
 * Hostile input to the paged details, GET /api/nodes/<id>?list=&offset=&limit=, against the real
 * HTTP server over the embedded store with the bundled dataset: every bad parameter gets a 400 with
 * the JSON error shape, a page is never larger than its cap, nothing outside the graph is read, and
 * the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ConceptDetail, NodeListPage } from '../../src/model/api';
import { MAX_DETAIL_LIST_LIMIT } from '../../src/model/api';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

async function call(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(path, base));
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the test says what it expected
  }
  return { status: res.status, body };
}

const BONE = '/api/nodes/concept:bone';

describe('paged details under hostile parameters', () => {
  it('refuses odd values, repeated and unknown parameters with a 400 in the error shape', async () => {
    for (const query of [
      '?limit=1e9',
      '?limit=99999999999999999999',
      '?limit=1&limit=2',
      '?limit=%00',
      '?limit=NaN',
      '?limit=Infinity',
      '?list=works&offset=1e20',
      '?list=works&offset=-0.5',
      '?list=works&list=references',
      '?list=__proto__',
      '?list=constructor',
      '?list=toString',
      '?list=works%00',
      '?list=' + 'w'.repeat(10_000),
      '?__proto__=1',
      '?constructor[prototype][x]=1',
    ]) {
      const r = await call(BONE + query);
      expect(r.status, query).toBe(400);
      expect((r.body as ApiError).error.code, query).toBe('BAD_REQUEST');
    }
    expect((await call('/api/stats')).status).toBe(200);
  });

  it('refuses numbers that are not finite on every route, not only here', async () => {
    // Ajv coerces "Infinity" to a number and then skips minimum/maximum (see src/server/finite-numbers.ts).
    for (const path of [
      `${BONE}?limit=-Infinity`,
      `${BONE}?list=works&offset=Infinity`,
      '/api/neighborhood/concept:bone?hops=Infinity',
      '/api/search?q=bone&limit=Infinity',
    ]) {
      const r = await call(path);
      expect(r.status, path).toBe(400);
      expect((r.body as ApiError).error.code, path).toBe('BAD_REQUEST');
    }
    const res = await fetch(new URL('/api/litmap', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ids": ["concept:bone"], "size": 1e999}',
    });
    expect(res.status).toBe(400);
    // A query text that merely says Infinity is a string, and fine.
    expect((await call('/api/search?q=Infinity')).status).toBe(200);
  });

  it('never sends more than the largest page, however the list is asked for', async () => {
    const whole = (await call(`${BONE}?limit=${MAX_DETAIL_LIST_LIMIT}`)).body as ConceptDetail;
    expect(whole.works.length).toBeLessThanOrEqual(MAX_DETAIL_LIST_LIMIT);
    const page = (await call(`${BONE}?list=works&offset=0&limit=${MAX_DETAIL_LIST_LIMIT}`))
      .body as NodeListPage;
    expect(page.items.length).toBeLessThanOrEqual(MAX_DETAIL_LIST_LIMIT);
    expect(page.total).toBe(whole.totals.works);
  });

  it('reads nothing outside the graph for ids that look like paths, with a list asked for', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'file%3A%2F%2F%2Fetc%2Fpasswd']) {
      const r = await call(`/api/nodes/${id}?list=works&offset=0&limit=10`);
      expect([400, 404], id).toContain(r.status);
      expect(JSON.stringify(r.body), id).not.toMatch(/root:|\/bin\/(ba)?sh/);
    }
  });

  it('keeps answering others while 64 requests ask for the largest pages at once', async () => {
    const flood = Array.from({ length: 64 }, (_, i) =>
      call(`${BONE}?list=works&offset=${i}&limit=${MAX_DETAIL_LIST_LIMIT}`),
    );
    const stats = await call('/api/stats');
    expect(stats.status).toBe(200);
    const answers = await Promise.all(flood);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await call(BONE)).status).toBe(200);
  });
});
