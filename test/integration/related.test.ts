/**
 * GET /api/related/<id> and POST /api/related over the real embedded store with the bundled
 * dataset, through real HTTP. The bundled graph knows few citations (284; the review has five
 * known references and no known citing work), so the answers are small and say so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATED_KINDS, type ApiError, type DatasetPayload, type RelatedPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { DIRECT_CITATION_WEIGHT } from '../../src/model/relatedness';
import { startTestServer } from '../support/server';
import { BUNDLED } from '../support/temp';

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
    expect(body.rows[0]!.evidence[0]!.text).toBe('cites 2 of these 2 works');
  });

  it('gives the same answer twice', async () => {
    const a = await related('doi:10.1002/jbmr.1980', '?kind=related');
    const b = await related('doi:10.1002/jbmr.1980', '?kind=related');
    expect(a.body).toEqual(b.body);
  });
});

describe('the review finder over the whole graph (POST with no ids)', () => {
  /** The citations of graph/citations.jsonl, read here: references and citing works of each work. */
  function citationsOfTheFile(): {
    refs: Map<string, Set<string>>;
    citers: Map<string, Set<string>>;
    lines: number;
  } {
    const refs = new Map<string, Set<string>>();
    const citers = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, k: string, v: string): void => {
      m.set(k, (m.get(k) ?? new Set()).add(v));
    };
    const lines = readFileSync(path.join(BUNDLED, 'citations.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    for (const line of lines) {
      const c = JSON.parse(line) as { from: string; to: string; kind: string };
      expect(c.kind).toBe('cites');
      add(refs, c.from, c.to);
      add(citers, c.to, c.from);
    }
    return { refs, citers, lines: lines.length };
  }
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

  it('ranks every citing work by the works of the graph it cites, ties by citations then id, naming them', async () => {
    const { refs, citers, lines } = citationsOfTheFile();
    const citedBy = (id: string): number => citers.get(id)?.size ?? 0;
    const expected = [...refs.keys()].sort(
      (a, b) => refs.get(b)!.size - refs.get(a)!.size || citedBy(b) - citedBy(a) || byCodeUnit(a, b),
    );
    const dataset = (await (await fetch(new URL('/api/dataset', base))).json()) as DatasetPayload;
    const { status, body } = await post({ ids: [], kind: 'review-finder', limit: 100 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'review-finder', seeds: [], unknown: [], limit: 100 });
    // 41 works cite, 310 are cited, 284 citations (no line repeats a pair).
    expect(body.total).toBe(refs.size);
    expect(body.basis).toEqual({
      seeds: dataset.works,
      references: citers.size,
      citedBy: refs.size,
      neighbourhood: dataset.works,
    });
    expect(dataset.citations).toBe(lines);
    expect(body.message).toBe(
      `Rests on the whole graph: ${dataset.works} works and ${lines} citations among them (${refs.size} works citing, ${citers.size} works cited).`,
    );
    expect(body.method).toMatch(/^Whole graph: /);
    expect(body.rows.map((r) => r.id)).toEqual(expected);
    // The top: 11 references, then 10 each, the one cited twice first.
    expect(body.rows.slice(0, 3).map((r) => [r.id, r.score, r.citedBy])).toEqual([
      ['ref:ouci.dntb.gov.ua-works-lRjLZnel#0', 11, 0],
      ['doi:10.1016/bs.acc.2019.07.010', 10, 2],
      ['doi:10.1002/jbmr.1969', 10, 0],
    ]);
    for (const [i, row] of body.rows.entries()) {
      const cited = [...refs.get(row.id)!].sort(byCodeUnit);
      expect(row).toMatchObject({
        rank: i + 1,
        score: cited.length,
        references: cited.length,
        citedBy: citedBy(row.id),
      });
      expect(row.evidence).toEqual([
        {
          kind: 'cites-selection',
          text: `cites ${cited.length} of the ${dataset.works} works of the graph`,
          count: cited.length,
          strength: null,
          adamicAdar: null,
          works: cited.slice(0, 10),
          worksTotal: cited.length,
          by: [],
          byTotal: 0,
        },
      ]);
      // PageRank over every work of the graph (460 ≤ 5000).
      expect(row.pageRank).toBeGreaterThan(0);
    }
    expectEveryNameKnown(body);
  });

  it('lists the first 20 by default, the same twice', async () => {
    const a = await post({ ids: [], kind: 'review-finder' });
    expect(a.body.rows).toHaveLength(20);
    expect(a.body.total).toBe(41);
    expect((await post({ ids: [], kind: 'review-finder' })).body).toEqual(a.body);
  });

  it.each(RELATED_KINDS.filter((k) => k !== 'review-finder'))(
    'refuses no ids for %s, saying why',
    async (kind) => {
      const { status, body } = await post<ApiError>({ ids: [], kind });
      expect(status).toBe(400);
      expect(body.error).toEqual({
        code: 'BAD_REQUEST',
        message: `An empty id list means the whole graph, which only "review-finder" ranks; "${kind}" needs at least one work id.`,
      });
    },
  );
});

describe('bad requests', () => {
  it('names the kinds when the kind is unknown (GET and POST)', async () => {
    const allowed = 'related, prior, derivative, review-finder, not-cited';
    const res = await fetch(new URL(`/api/related/${encodeURIComponent(REVIEW_ID)}?kind=similar`, base));
    expect(res.status).toBe(400);
    expect((await res.json()) as ApiError).toEqual({
      error: { code: 'BAD_REQUEST', message: `querystring/kind must be one of ${allowed}` },
    });
    const { status, body } = await post<ApiError>({ ids: [REVIEW_ID], kind: 'reviews' });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'BAD_REQUEST', message: `body/kind must be one of ${allowed}` });
    // Other validation messages keep fastify's wording.
    const limit = await fetch(new URL(`/api/related/${encodeURIComponent(REVIEW_ID)}?limit=101`, base));
    expect(((await limit.json()) as ApiError).error.message).toBe('querystring/limit must be <= 100');
  });

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
