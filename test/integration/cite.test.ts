/** POST /api/cite over the real embedded store loaded with the bundled graph, through real HTTP. */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/model/api';
import { REVIEW_DOI, REVIEW_ID } from '../../src/model/ids';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

/** A surname-only work without a year in graph/works.jsonl (Frost's "mechanostat" proposal). */
const FROST_ID = 'doi:10.1002/ar.1092190104';

async function cite(body: unknown): Promise<Response> {
  return fetch(new URL('/api/cite', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

describe('POST /api/cite', () => {
  it('answers BibTeX of the review as an attachment, with its DOI, PMID, journal and pages', async () => {
    const res = await cite({ ids: [REVIEW_ID], format: 'bibtex' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="crosstalk-works-1.bib"');
    expect(res.headers.get('x-cite-count')).toBe('1');
    expect(res.headers.get('x-cite-unknown')).toBe('0');
    const text = await res.text();
    expect(text).toContain(`doi = {${REVIEW_DOI}}`);
    expect(text).toContain('pmid = {40011751}');
    expect(text).toContain('author = {Kirk, Ben and others}');
    const [item] = new Cite(text).data;
    expect(item).toMatchObject({
      DOI: REVIEW_DOI,
      PMID: '40011751',
      'container-title': 'Nat Rev Endocrinol',
      volume: '21',
      issue: '6',
      page: '375-390',
      title: 'Bone and muscle crosstalk in ageing and disease',
    });
  });

  it('answers RIS and CSL-JSON; a work without a year or given names gets none', async () => {
    const ris = await cite({ ids: [FROST_ID, REVIEW_ID], format: 'ris' });
    expect(ris.status).toBe(200);
    expect(ris.headers.get('content-type')).toBe('application/x-research-info-systems; charset=utf-8');
    const risText = await ris.text();
    const [frost, review] = new Cite(risText).data;
    expect(frost).toMatchObject({ DOI: '10.1002/ar.1092190104', author: [{ family: 'Frost' }] });
    expect(frost!.issued).toBeUndefined();
    expect(review).toMatchObject({ DOI: REVIEW_DOI });
    expect(risText).toContain('AN  - 40011751');

    const csl = await cite({ ids: [FROST_ID], format: 'csl-json' });
    expect(csl.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    const [item] = (await csl.json()) as Record<string, unknown>[];
    expect(item).toMatchObject({ id: FROST_ID, author: [{ family: 'Frost' }] });
    expect(item).not.toHaveProperty('issued');
    expect(item).not.toHaveProperty('PMID');
  });

  it('cites every work of the graph in one request', async () => {
    const graph = (await (await fetch(new URL('/api/graph', base))).json()) as {
      nodes: { id: string; kind: string }[];
    };
    const ids = graph.nodes.filter((n) => n.kind === 'work').map((n) => n.id);
    const res = await cite({ ids, format: 'bibtex' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cite-count')).toBe(String(ids.length));
    const text = await res.text();
    const keys = [...text.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(ids.length);
    expect(new Set(keys).size).toBe(ids.length);
  });

  it('skips unknown work ids and counts them', async () => {
    const res = await cite({ ids: [REVIEW_ID, 'doi:10.9999/not-in-graph', 'pmid:1'], format: 'ris' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cite-count')).toBe('1');
    expect(res.headers.get('x-cite-unknown')).toBe('2');
    const none = await cite({ ids: ['doi:10.9999/not-in-graph'], format: 'ris' });
    expect(none.status).toBe(404);
    expect(((await none.json()) as ApiError).error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['an unknown format', { ids: [REVIEW_ID], format: 'endnote' }],
    ['no format', { ids: [REVIEW_ID] }],
    ['no ids', { ids: [], format: 'bibtex' }],
    ['ids that are not a list', { ids: REVIEW_ID, format: 'bibtex' }],
    ['a concept id', { ids: [REVIEW_ID, 'concept:irisin'], format: 'bibtex' }],
    ['a number as id', { ids: [42], format: 'bibtex' }],
    [
      'more than 5000 ids',
      { ids: Array.from({ length: 5001 }, (_, i) => `pmid:${i + 1}`), format: 'bibtex' },
    ],
    ['a list body', [REVIEW_ID]],
  ])('refuses %s with 400 BAD_REQUEST', async (_name, body) => {
    const res = await cite(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const err = (await res.json()) as ApiError;
    expect(err.error.code).toBe('BAD_REQUEST');
    expect(err.error.message.length).toBeGreaterThan(10);
  });
});
