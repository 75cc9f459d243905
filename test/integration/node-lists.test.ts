/**
 * GET /api/nodes/<id> with paged lists, through real HTTP over the real embedded store and the
 * bundled graph: the details hold the first page of each long list and its total; `?list=` gives
 * any page in the same order; bad parameters are 400s and the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ConceptDetail, NodeListPage, WorkDetail } from '../../src/model/api';
import { DETAIL_LIST_LIMIT } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, base));
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

describe('GET /api/nodes/:id paged lists', () => {
  it('gives a concept its first works and their total, and every page after it in order', async () => {
    const { status, body } = await get<ConceptDetail>('/api/nodes/concept:bone');
    expect(status).toBe(200);
    expect(body.works).toHaveLength(DETAIL_LIST_LIMIT);
    expect(body.totals.works).toBeGreaterThan(2 * DETAIL_LIST_LIMIT);
    const whole = await get<ConceptDetail>(`/api/nodes/concept:bone?limit=1000`);
    expect(whole.body.works).toHaveLength(body.totals.works);
    expect(whole.body.works.slice(0, DETAIL_LIST_LIMIT)).toEqual(body.works);
    const pages: ConceptDetail['works'] = [];
    for (let offset = 0; offset < body.totals.works; offset += 40) {
      const page = await get<NodeListPage>(`/api/nodes/concept:bone?list=works&offset=${offset}&limit=40`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ id: 'concept:bone', list: 'works', offset, limit: 40 });
      expect(page.body.total).toBe(body.totals.works);
      pages.push(...(page.body.items as ConceptDetail['works']));
    }
    expect(pages).toEqual(whole.body.works);
    expect(pages.every((w) => w.foundIn.length > 0)).toBe(true);
  });

  it('pages a work’s references (a DOI with slashes as the id) and answers totals only with limit=0', async () => {
    const { body } = await get<WorkDetail>(`/api/nodes/${encodeURIComponent(REVIEW_ID)}?limit=0`);
    expect(body.references).toEqual([]);
    expect(body.totals.references).toBe(5);
    const page = await get<NodeListPage>(`/api/nodes/${REVIEW_ID}?list=references&offset=3&limit=10`);
    expect(page.status).toBe(200);
    const all = await get<WorkDetail>(`/api/nodes/${REVIEW_ID}`);
    expect(page.body.items).toEqual(all.body.references.slice(3));
  });

  it('refuses bad parameters with 400 and unknown nodes with 404, and keeps answering', async () => {
    const bone = '/api/nodes/concept:bone';
    for (const query of [
      '?limit=-1',
      '?limit=1001',
      '?limit=ten',
      '?list=friends',
      '?list=works&offset=-3',
      '?list=works&offset=1.5',
      '?offset=25',
      '?page=2',
      '?list=citedBy',
    ]) {
      const r = await get<ApiError>(bone + query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code, query).toBe('BAD_REQUEST');
    }
    const onWork = await get<ApiError>(`/api/nodes/${REVIEW_ID}?list=works`);
    expect(onWork.status).toBe(400);
    expect(onWork.body.error.message).toBe(
      'A work has no list "works"; its lists: references, citedBy, similar.',
    );
    expect((await get<ApiError>('/api/nodes/concept:none?list=works')).status).toBe(404);
    expect((await get<ApiError>('/api/nodes/author:none?list=works')).status).toBe(404);
    expect((await get<ApiError>('/api/nodes/hello?list=works')).status).toBe(404);
    const past = await get<NodeListPage>(`${bone}?list=works&offset=100000`);
    expect(past.status).toBe(200);
    expect(past.body.items).toEqual([]);
    expect((await get<ConceptDetail>(bone)).status).toBe(200);
  });
});
