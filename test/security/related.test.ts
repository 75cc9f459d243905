/**
 * Hostile input to GET /api/related/<id> and POST /api/related, against the real HTTP server over
 * the embedded store with the bundled dataset: every bad request gets a 4xx with the JSON error
 * shape, the work per request stays bounded, and the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, RelatedPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { MAX_RELATED_LIMIT, MAX_RELATED_SEEDS } from '../../src/server/routes/related';
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

async function call(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(path, base), init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the test says what it expected
  }
  return { status: res.status, body };
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The server still answers a normal request. */
async function expectAlive(): Promise<void> {
  const { status, body } = await call(`/api/related/${encodeURIComponent(REVIEW_ID)}`);
  expect(status).toBe(200);
  expect((body as RelatedPayload).rows.length).toBe(5);
}

const enc = encodeURIComponent;

describe('GET /api/related with hostile ids and parameters', () => {
  it.each([
    ['a Cypher injection', `/api/related/${enc("doi:x' OR 1=1 //")}`, 404],
    [
      'a Cypher injection that is not work-shaped',
      `/api/related/${enc("') MATCH (n) DETACH DELETE n //")}`,
      400,
    ],
    ['an id of 501 characters', `/api/related/${enc(`doi:${'x'.repeat(497)}`)}`, 400],
    ['a blank id', '/api/related/%20%20', 400],
    ['no id', '/api/related/', 400],
    ['a NUL byte', '/api/related/doi%3A10.1%00x', 404],
    ['a lone surrogate escape', '/api/related/doi%3A%ED%A0%80', 400],
    ['an author', `/api/related/${enc('author:kirk')}`, 400],
    ['a kind that is a list', `/api/related/${enc(REVIEW_ID)}?kind=related&kind=prior`, 400],
    ['a kind in capitals', `/api/related/${enc(REVIEW_ID)}?kind=RELATED`, 400],
    ['a negative limit', `/api/related/${enc(REVIEW_ID)}?limit=-1`, 400],
    ['a huge limit', `/api/related/${enc(REVIEW_ID)}?limit=1e9`, 400],
    ['a limit that is not a number', `/api/related/${enc(REVIEW_ID)}?limit=ten`, 400],
    ['an unknown parameter', `/api/related/${enc(REVIEW_ID)}?depth=99`, 400],
  ])('refuses %s with a JSON error', async (_name, path, status) => {
    const { status: got, body } = await call(path);
    expect(got).toBe(status);
    expect((body as ApiError).error.code).toMatch(/^(BAD_REQUEST|NOT_FOUND)$/);
    expect((body as ApiError).error.message.length).toBeGreaterThan(0);
  });

  it('keeps answering after all of them', async () => {
    await expectAlive();
  });
});

describe('POST /api/related with hostile bodies', () => {
  it.each([
    ['not JSON', '{"ids": [', 400],
    ['an array instead of an object', [REVIEW_ID], 400],
    ['no ids', { kind: 'related' }, 400],
    ['an empty id list (the whole graph) for related works', { ids: [] }, 400],
    ['an empty id list for the audit of one review', { ids: [], kind: 'not-cited' }, 400],
    ['a kind that is not a string', { ids: [], kind: ['review-finder'] }, 400],
    ['a kind that names code', { ids: [], kind: 'review-finder; DROP' }, 400],
    ['ids that are not strings', { ids: [{ $ne: null }] }, 400],
    ['an unknown field', { ids: [REVIEW_ID], cypher: 'MATCH (n) RETURN n' }, 400],
    [
      'one id too many',
      { ids: Array.from({ length: MAX_RELATED_SEEDS + 1 }, (_, i) => `doi:10.1/${i}`) },
      400,
    ],
    ['a limit above the cap', { ids: [REVIEW_ID], limit: MAX_RELATED_LIMIT + 1 }, 400],
    ['ids of no work in the graph', { ids: ['doi:10.9999/a', 'pmid:1'] }, 404],
    ['a concept among works', { ids: [REVIEW_ID, 'concept:irisin'] }, 400],
  ])('refuses %s', async (_name, body, status) => {
    const { status: got, body: answer } = await call('/api/related', postJson(body));
    expect(got).toBe(status);
    expect((answer as ApiError).error.message.length).toBeGreaterThan(0);
  });

  it('refuses a body larger than the server takes', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `doi:10.1/${'x'.repeat(20)}${i}`);
    const { status } = await call('/api/related', postJson({ ids }));
    expect(status).toBe(413);
  });

  it('answers the largest selection allowed, bounded in rows and evidence, within a generous bound', async () => {
    // Every work of the graph that cites or is cited, up to the cap, as one selection.
    const { body: prior } = await call(`/api/related/${enc('doi:10.1002/jbmr.1666')}?kind=prior&limit=100`);
    const { body: derivative } = await call(
      `/api/related/${enc('doi:10.1002/jbmr.1666')}?kind=derivative&limit=100`,
    );
    const some = [...(prior as RelatedPayload).rows, ...(derivative as RelatedPayload).rows].map((r) => r.id);
    const ids = [...new Set([REVIEW_ID, ...some])];
    while (ids.length < MAX_RELATED_SEEDS) ids.push(`doi:10.9999/unknown-${ids.length}`);
    for (const kind of ['related', 'prior', 'derivative', 'review-finder']) {
      const started = Date.now();
      const { status, body } = await call('/api/related', postJson({ ids, kind, limit: MAX_RELATED_LIMIT }));
      expect(status).toBe(200);
      const answer = body as RelatedPayload;
      expect(answer.rows.length).toBeLessThanOrEqual(MAX_RELATED_LIMIT);
      for (const row of answer.rows) {
        for (const e of row.evidence) expect(e.works.length).toBeLessThanOrEqual(10);
      }
      expect(answer.unknown.length).toBe(ids.length - answer.seeds.length);
      // A correctness bound, not a benchmark: the answer comes, and soon.
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    await expectAlive();
  });

  it('answers the whole graph (no ids) bounded in rows and evidence', async () => {
    const { status, body } = await call(
      '/api/related',
      postJson({ ids: [], kind: 'review-finder', limit: MAX_RELATED_LIMIT }),
    );
    expect(status).toBe(200);
    const answer = body as RelatedPayload;
    expect(answer.seeds).toEqual([]);
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.rows.length).toBeLessThanOrEqual(MAX_RELATED_LIMIT);
    for (const row of answer.rows)
      for (const e of row.evidence) expect(e.works.length).toBeLessThanOrEqual(10);
    await expectAlive();
  });

  it('names the allowed kinds in the refusal of an unknown one, without echoing it', async () => {
    for (const [path, init, where] of [
      [`/api/related/${enc(REVIEW_ID)}?kind=${enc('<script>')}`, undefined, 'querystring'],
      ['/api/related', postJson({ ids: [], kind: '<script>' }), 'body'],
    ] as const) {
      const { status, body } = await call(path, init);
      expect(status).toBe(400);
      expect((body as ApiError).error).toEqual({
        code: 'BAD_REQUEST',
        message: `${where}/kind must be one of related, prior, derivative, review-finder, not-cited`,
      });
    }
  });

  it('answers many requests at once and stays up', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(`/api/related/${enc(REVIEW_ID)}?kind=${['related', 'prior', 'not-cited'][i % 3]}`),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await expectAlive();
  });
});
