/**
 * GET /api/related/<id> and POST /api/related over the real embedded store with the bundled
 * dataset, through real HTTP. The bundled graph knows few citations (284; the review has five
 * known references and no known citing work), so the answers are small and say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, RelatedPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { DIRECT_CITATION_WEIGHT } from '../../src/model/relatedness';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

const REVIEW_REFS = [
  'doi:10.1007/s11914-020-00599-y',
  'doi:10.1007/s11914-024-00890-2',
  'doi:10.1038/s41586-024-07348-6',
  'ref:pubmed.ncbi.nlm.nih.gov-40011751#1',
  'ref:pubmed.ncbi.nlm.nih.gov-40011751#3',
];

async function related<T = RelatedPayload>(id: string, query = ''): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(`/api/related/${encodeURIComponent(id)}${query}`, base));
  return { status: res.status, body: (await res.json()) as T };
}

async function post<T = RelatedPayload>(body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL('/api/related', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Every id an answer names (seeds, rows, evidence) has a title in `works`, so the UI can link it. */
function expectEveryNameKnown(body: RelatedPayload): void {
  const named = [
    ...body.seeds,
    ...body.rows.flatMap((r) => [r.id, ...r.evidence.flatMap((e) => [...e.works, ...e.by])]),
  ];
  for (const id of named) expect(body.works[id], id).toMatchObject({ id });
}

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

describe('related works of the review', () => {
  it('lists its five references, each with the citation as evidence, and says what it rests on', async () => {
    const { status, body } = await related(REVIEW_ID);
    expect(status).toBe(200);
    expect(body.kind).toBe('related');
    expect(body.basis).toEqual({ seeds: 1, references: 5, citedBy: 0, neighbourhood: 6 });
    expect(body.rows.map((r) => r.id).sort()).toEqual(REVIEW_REFS);
    for (const row of body.rows) {
      expect(row.score).toBe(DIRECT_CITATION_WEIGHT);
      expect(row.evidence).toEqual([
        expect.objectContaining({ kind: 'cited-by-seed', text: 'cited by it', works: [REVIEW_ID] }),
      ]);
    }
    expect(body.message).toBe('Rests on 0 works citing it and 5 references of its known to the graph.');
    expect(body.works[REVIEW_ID]).toMatchObject({
      title: 'Bone and muscle crosstalk in ageing and disease',
      year: 2025,
      firstAuthor: 'Ben Kirk',
      // The bundled data was not fetched from OpenAlex: no global counts.
      globalCitedBy: null,
    });
    expectEveryNameKnown(body);
  });

  it('audits what the review did not cite: a work one of its references cites', async () => {
    const { status, body } = await related(REVIEW_ID, '?kind=not-cited');
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({
      id: 'doi:10.1073/pnas.97.4.1566',
      rank: 1,
      score: 1,
      evidence: [
        {
          kind: 'cited-by-references',
          text: 'cited by 1 of its 5 references',
          works: ['doi:10.1007/s11914-024-00890-2'],
          worksTotal: 1,
        },
      ],
    });
    expect(body.message).toBe(
      'Rests on its 5 references known to the graph: 1 of them lists references of its own, 0 are cited by other works.',
    );
    expect(REVIEW_REFS).not.toContain(body.rows[0]!.id);
    expectEveryNameKnown(body);
  });

  it('says why derivative works are empty', async () => {
    const { status, body } = await related(REVIEW_ID, '?kind=derivative');
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
    expect(body.total).toBe(0);
    expect(body.message).toMatch(
      /^No work cites any of the works around it\. Rests on the 6 works around it/,
    );
    expect(body.message).toContain('crosstalk fetch');
  });

  it('finds prior works: its references and what they cite', async () => {
    const { body } = await related(REVIEW_ID, '?kind=prior&limit=50');
    expect(body.rows.map((r) => r.id).sort()).toEqual([...REVIEW_REFS, 'doi:10.1073/pnas.97.4.1566'].sort());
    expect(body.rows.every((r) => r.score === 1)).toBe(true);
    expect(body.rows[0]!.evidence[0]!.text).toBe('cited by 1 of the 6 works around it');
    // PageRank over the works around it: the work cited by a reference gathers the most.
    const best = [...body.rows].sort((a, b) => b.pageRank! - a.pageRank!)[0]!;
    expect(best.id).toBe('doi:10.1073/pnas.97.4.1566');
  });
});

describe('related works elsewhere in the bundled graph', () => {
  it('ranks works coupled with a work by their shared references, naming them', async () => {
    const { status, body } = await related('doi:10.1002/jbmr.1666', '?limit=100');
    expect(status).toBe(200);
    const row = body.rows.find((r) => r.id === 'doi:10.1002/jbmr.1980')!;
    const shared = row.evidence.find((e) => e.kind === 'shared-references')!;
    expect(shared).toMatchObject({ count: 2, text: 'shares 2 references', worksTotal: 2 });
    expect(shared.works).toHaveLength(2);
    // Both list 9 references: 2 / √(9·9).
    expect(shared.strength).toBeCloseTo(2 / 9, 12);
    expect(row.references).toBe(9);
    // Ranked by score.
    for (let i = 1; i < body.rows.length; i++) {
      expect(body.rows[i - 1]!.score).toBeGreaterThanOrEqual(body.rows[i]!.score);
    }
    expectEveryNameKnown(body);
  });

  it('finds reviews citing many works of a selection (POST), and lists unknown ids', async () => {
    const { status, body } = await post({
      ids: [
        'doi:10.1007/s11914-024-00890-2',
        'doi:10.1007/s11914-020-00599-y',
        'doi:10.9999/not-in-the-graph',
      ],
      kind: 'review-finder',
    });
    expect(status).toBe(200);
    expect(body.unknown).toEqual(['doi:10.9999/not-in-the-graph']);
    expect(body.seeds).toHaveLength(2);
    expect(body.rows[0]).toMatchObject({ id: REVIEW_ID, score: 2 });
    expect(body.rows[0]!.evidence[0]!.text).toBe('cites 2 of the 2 works of the selection');
  });

  it('gives the same answer twice', async () => {
    const a = await related('doi:10.1002/jbmr.1980', '?kind=related');
    const b = await related('doi:10.1002/jbmr.1980', '?kind=related');
    expect(a.body).toEqual(b.body);
  });
});

describe('bad requests', () => {
  it.each([
    ['an unknown kind', `/api/related/${encodeURIComponent(REVIEW_ID)}?kind=similar`, 400],
    ['a limit of 0', `/api/related/${encodeURIComponent(REVIEW_ID)}?limit=0`, 400],
    ['a limit above 100', `/api/related/${encodeURIComponent(REVIEW_ID)}?limit=101`, 400],
    ['a concept', '/api/related/concept%3Airisin', 400],
    ['an unknown work', '/api/related/doi%3A10.9999%2Fnope', 404],
  ])('refuses %s', async (_name, path, code) => {
    const res = await fetch(new URL(path, base));
    expect(res.status).toBe(code);
    expect(((await res.json()) as ApiError).error.message).toBeTruthy();
  });

  it('audits one review at a time', async () => {
    const { status, body } = await post<ApiError>({
      ids: [REVIEW_ID, 'doi:10.1002/jbmr.1666'],
      kind: 'not-cited',
    });
    expect(status).toBe(400);
    expect(body.error.message).toContain('one work at a time');
  });
});
