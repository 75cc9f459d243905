/**
 * GET /api/litmap/<id> and POST /api/litmap over the real embedded store with the bundled
 * dataset, through real HTTP. The bundled graph knows few citations, so the maps are small: the
 * map around one of the review's references holds the review's five references (cited together
 * by the review) as one cluster, named by the concepts they share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import type { LitMapPayload } from '../../src/model/litmap';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

const RANK_REVIEW = 'doi:10.1007/s11914-024-00890-2';
const REVIEW_REFS = [
  'doi:10.1007/s11914-020-00599-y',
  'doi:10.1007/s11914-024-00890-2',
  'doi:10.1038/s41586-024-07348-6',
  'ref:pubmed.ncbi.nlm.nih.gov-40011751#1',
  'ref:pubmed.ncbi.nlm.nih.gov-40011751#3',
];

async function get<T = LitMapPayload>(id: string, query = ''): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(`/api/litmap/${encodeURIComponent(id)}${query}`, base));
  return { status: res.status, body: (await res.json()) as T };
}

async function post<T = LitMapPayload>(body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL('/api/litmap', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
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

describe('the literature map around a work', () => {
  it('holds the work and its related works, links them by similarity and names the cluster', async () => {
    const { status, body } = await get(RANK_REVIEW);
    expect(status).toBe(200);
    expect(body.seeds).toEqual([RANK_REVIEW]);
    expect(body.works[0]).toMatchObject({ id: RANK_REVIEW, isSeed: true, score: null, year: 2024 });
    expect(body.works.map((w) => w.id).sort()).toEqual(
      [...REVIEW_REFS, REVIEW_ID, 'doi:10.1073/pnas.97.4.1566'].sort(),
    );
    // The review cites all five references: every pair is co-cited once, strength 1/√(1·1).
    expect(body.links).toHaveLength(10);
    for (const l of body.links) {
      expect(REVIEW_REFS).toContain(l.source);
      expect(REVIEW_REFS).toContain(l.target);
      expect(l).toMatchObject({ similarity: 1, coCitations: 1, sharedReferences: 0 });
    }
    // The review itself and the work the seed cites are linked to nothing: unclustered.
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0]).toMatchObject({ id: 0, size: 5, label: 'ageing · skeletal muscle' });
    const unclustered = body.works.filter((w) => w.cluster === null).map((w) => w.id);
    expect(unclustered.sort()).toEqual([REVIEW_ID, 'doi:10.1073/pnas.97.4.1566'].sort());
    // Most specific first: fewer works of the graph mention ageing than skeletal muscle.
    const [first, second] = body.clusters[0]!.concepts;
    expect(first!.documentFrequency).toBeLessThanOrEqual(second!.documentFrequency);
    expect(body.message).toBe(
      '7 works: it and the best 6 of 6 related works; 10 links of similarity ≥ 0.1; 1 cluster.',
    );
  });

  it('keeps the main view’s year filters (never leaving a seed out) and says so', async () => {
    const { body } = await get(RANK_REVIEW, '?yearMin=2020');
    expect(body.works.map((w) => w.id)).not.toContain('doi:10.1073/pnas.97.4.1566');
    expect(body.works.map((w) => w.id)).not.toContain('ref:pubmed.ncbi.nlm.nih.gov-40011751#1');
    expect(body.message).toContain('The year filters left 2 works out.');
    const seedOnly = await get(RANK_REVIEW, '?yearMin=2030');
    expect(seedOnly.body.works.map((w) => w.id)).toEqual([RANK_REVIEW]);
  });

  it('draws a map around a selection, and a bigger threshold keeps fewer links', async () => {
    const { status, body } = await post({
      ids: [RANK_REVIEW, 'doi:10.1002/jbmr.1666', 'doi:10.1/none'],
      size: 50,
    });
    expect(status).toBe(200);
    expect(body.seeds).toEqual([RANK_REVIEW, 'doi:10.1002/jbmr.1666']);
    expect(body.unknown).toEqual(['doi:10.1/none']);
    expect(body.works.slice(0, 2).every((w) => w.isSeed)).toBe(true);
    const loose = await get('doi:10.1002/jbmr.1666', '?threshold=0.05');
    const strict = await get('doi:10.1002/jbmr.1666', '?threshold=0.5');
    expect(loose.body.links.length).toBeGreaterThan(strict.body.links.length);
    expect(strict.body.links.every((l) => l.similarity >= 0.5)).toBe(true);
  });

  it('says why the review’s own map has no links: its citations are not evidence of similarity', async () => {
    const { body } = await get(REVIEW_ID);
    expect(body.works).toHaveLength(6);
    expect(body.links).toEqual([]);
    expect(body.clusters).toEqual([]);
  });
});

describe('bad requests', () => {
  it('refuses concepts, unknown works, bad sizes and thresholds with a clear 4xx', async () => {
    const concept = await post<ApiError>({ ids: ['concept:bone'] });
    expect(concept.status).toBe(400);
    expect(concept.body.error.message).toMatch(/drawn around works/);
    expect((await get<ApiError>('doi:10.1/none')).status).toBe(404);
    expect((await get<ApiError>(RANK_REVIEW, '?size=301')).status).toBe(400);
    expect((await get<ApiError>(RANK_REVIEW, '?threshold=0')).status).toBe(400);
    expect((await get<ApiError>(RANK_REVIEW, '?yearMin=2020&yearMax=2010')).status).toBe(400);
    expect((await get<ApiError>(RANK_REVIEW, '?colour=red')).status).toBe(400);
    const many = await post<ApiError>({ ids: Array.from({ length: 201 }, (_, i) => `doi:10.1/${i}`) });
    expect(many.status).toBe(400);
    expect((await post<ApiError>({ ids: [] })).status).toBe(400);
  });
});
