/** The HTTP API over the real embedded store, through real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  ConceptDetail,
  CrosstalkPayload,
  NeighborhoodPayload,
  NetworkNode,
  NetworkNodesPayload,
  NetworkPayload,
  PathsPayload,
  SearchPayload,
  StatsPayload,
  WorkDetail,
} from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

async function get<T>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(new URL(path, base), init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

describe('GET /api/graph', () => {
  it('sends every work and concept with its layout, and the network edges', async () => {
    const { status, body, headers } = await get<NetworkPayload>('/api/graph');
    expect(status).toBe(200);
    expect(body.nodes).toHaveLength(460 + 134);
    expect(body.overview.isOverview).toBe(false);
    const review = body.nodes.find((n) => n.id === REVIEW_ID);
    expect(review).toMatchObject({ kind: 'work', isReview: true, year: 2025 });
    expect(body.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    expect(body.edges.filter((e) => e.kind === 'CITES')).toHaveLength(284);
    expect(body.edges.filter((e) => e.kind === 'MENTIONS')).toHaveLength(1206);
    expect(headers.get('etag')).toMatch(/^".+"$/);
  });

  it('answers 304 to a matching ETag and compresses when asked', async () => {
    const first = await fetch(new URL('/api/graph', base), { headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const second = await fetch(new URL('/api/graph', base), { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });

  it('sends a bounded overview above the configured size, keeping the review and concepts', async () => {
    const small = await startTestServer({ maxNetworkNodes: 200 });
    try {
      const res = await fetch(new URL('/api/graph', small.url));
      const body = (await res.json()) as NetworkPayload;
      expect(body.overview).toMatchObject({
        isOverview: true,
        shownNodes: 200,
        totalNodes: 594,
        maxNodes: 200,
      });
      expect(body.nodes).toHaveLength(200);
      expect(body.nodes.some((n) => n.id === REVIEW_ID)).toBe(true);
      expect(body.nodes.filter((n) => n.kind === 'concept')).toHaveLength(134);
      const ids = new Set(body.nodes.map((n) => n.id));
      expect(body.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('bounds the links too, keeping the vocabulary and the review first, and says so', async () => {
    const full = (await get<NetworkPayload>('/api/graph')).body;
    expect(full.overview).toMatchObject({ isOverview: false, shownEdges: 1655, totalEdges: 1655 });
    const small = await startTestServer({ maxNetworkEdges: 300 });
    try {
      const body = (await (await fetch(new URL('/api/graph', small.url))).json()) as NetworkPayload;
      expect(body.overview).toMatchObject({
        isOverview: true,
        shownNodes: 594,
        shownEdges: 300,
        totalEdges: 1655,
        maxEdges: 300,
      });
      expect(body.edges).toHaveLength(300);
      const structural = full.edges.filter((e) => ['IS_A', 'SECRETED_BY', 'ACTS_ON'].includes(e.kind));
      const key = (e: { source: string; target: string; kind: string }): string =>
        `${e.source}|${e.target}|${e.kind}`;
      const kept = new Set(body.edges.map(key));
      expect(structural.every((e) => kept.has(key(e)))).toBe(true);
      expect(body.edges.filter((e) => e.source === REVIEW_ID && e.kind === 'CITES')).toHaveLength(5);
    } finally {
      await small.close();
    }
  });
});

describe('GET /api/nodes/:id', () => {
  it('describes a work with links, references, concepts and sources (id with or without encoding)', async () => {
    for (const path of [`/api/nodes/${REVIEW_ID}`, `/api/nodes/${encodeURIComponent(REVIEW_ID)}`]) {
      const { status, body } = await get<WorkDetail>(path);
      expect(status).toBe(200);
      expect(body).toMatchObject({ kind: 'work', id: REVIEW_ID, pmid: '40011751', isReview: true });
      expect(body.references).toHaveLength(5);
      expect(body.references.map((r) => r.title)).toContain(
        'Multimodal cell atlas of the ageing human skeletal muscle',
      );
      expect(body.concepts.map((c) => c.id)).toEqual(
        expect.arrayContaining(['concept:bone', 'concept:skeletal-muscle']),
      );
      expect(body.sources).toEqual(['https://pubmed.ncbi.nlm.nih.gov/40011751/']);
    }
  });

  it('resolves ref: ids with # when encoded', async () => {
    const id = 'ref:pubmed.ncbi.nlm.nih.gov-40011751#1';
    const { status, body } = await get<WorkDetail>(`/api/nodes/${encodeURIComponent(id)}`);
    expect(status).toBe(200);
    expect(body.title).toBe('Aging and the muscle-bone relationship');
    expect(body.citedBy.map((w) => w.id)).toEqual([REVIEW_ID]);
  });

  it('describes a concept with its relations and evidence works', async () => {
    const { status, body } = await get<ConceptDetail>('/api/nodes/concept:irisin');
    expect(status).toBe(200);
    expect(body.parents.map((p) => p.id)).toContain('concept:myokine');
    const onBone = body.relations.find((r) => r.type === 'ACTS_ON' && r.other.id === 'concept:bone');
    expect(onBone?.effect).toBe('promotes');
    expect(onBone?.evidence.length).toBeGreaterThanOrEqual(1);
    expect(onBone?.evidence.every((w) => /irisin/i.test(w.title ?? ''))).toBe(true);
    expect(body.works.length).toBeGreaterThanOrEqual(10);
  });

  it('answers 404 JSON for an unknown id and 400 for a blank one', async () => {
    const missing = await get<ApiError>('/api/nodes/doi:10.9999/none');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bogus = await get<ApiError>('/api/nodes/hello');
    expect(bogus.status).toBe(404);
    const blank = await get<ApiError>('/api/nodes/%20');
    expect(blank.status).toBe(400);
  });
});

describe('GET /api/search', () => {
  const search = async (q: string): Promise<SearchPayload> =>
    (await get<SearchPayload>(`/api/search?q=${encodeURIComponent(q)}`)).body;

  it('finds a concept by name, synonym or abbreviation', async () => {
    expect((await search('irisin')).hits[0]?.id).toBe('concept:irisin');
    expect((await search('FNDC5')).hits.map((h) => h.id)).toContain('concept:irisin');
    expect((await search('osteoprotegerin')).hits[0]?.id).toBe('concept:opg');
  });

  it('finds a work by a pasted DOI, doi.org URL or PMID', async () => {
    for (const q of [
      '10.1038/s41574-025-01088-x',
      'https://doi.org/10.1038/s41574-025-01088-x',
      '40011751',
      'PMID: 40011751',
    ]) {
      const r = await search(q);
      expect(r.hits[0]?.id, q).toBe(REVIEW_ID);
    }
  });

  it('matches prefixes, typos and authors', async () => {
    expect((await search('osteosarcop')).hits.map((h) => h.id)).toContain('concept:osteosarcopenia');
    expect((await search('osteosarcopnia')).hits.map((h) => h.id)).toContain('concept:osteosarcopenia');
    const kirk = await search('Kirk crosstalk');
    expect(kirk.hits.map((h) => h.id)).toContain(REVIEW_ID);
  });

  it('rejects a missing, empty or oversized query and a bad limit with 400', async () => {
    for (const q of [
      '/api/search',
      '/api/search?q=',
      `/api/search?q=${'x'.repeat(300)}`,
      '/api/search?q=bone&limit=0',
      '/api/search?q=bone&limit=x',
    ]) {
      const r = await get<ApiError>(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('POST /api/network/nodes', () => {
  const post = (body: unknown) =>
    get<NetworkNodesPayload & ApiError>('/api/network/nodes', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('sends the nodes an overview left out exactly as /api/graph draws them', async () => {
    const full = (await get<NetworkPayload>('/api/graph')).body;
    const small = await startTestServer({ maxNetworkNodes: 200 });
    try {
      const overview = (await (await fetch(new URL('/api/graph', small.url))).json()) as NetworkPayload;
      const shown = new Set(overview.nodes.map((n) => n.id));
      const left = full.nodes.filter((n) => !shown.has(n.id)).slice(0, 25);
      expect(left.length).toBe(25);
      const res = await fetch(new URL('/api/network/nodes', small.url), {
        method: 'POST',
        body: JSON.stringify({ ids: [...left.map((n) => n.id), 'doi:10.9999/not-here', 'concept:nothing'] }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(200);
      const { nodes } = (await res.json()) as NetworkNodesPayload;
      const byId = (xs: NetworkNode[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(nodes)).toEqual(byId(left));
    } finally {
      await small.close();
    }
  });

  it('answers bad bodies with 400', async () => {
    expect((await post({ ids: [] })).status).toBe(400);
    expect((await post({ ids: [{}] })).status).toBe(400);
    expect((await post({ ids: Array.from({ length: 5001 }, (_, i) => `doi:10.1/${i}`) })).status).toBe(400);
    expect((await post({ ids: ['concept:bone'], extra: 1 })).status).toBe(400);
    const ok = await post({ ids: ['concept:bone', ' concept:bone '] });
    expect(ok.status).toBe(200);
    expect(ok.body.nodes.map((n) => n.id)).toEqual(['concept:bone']);
  });
});

describe('GET /api/neighborhood/:id', () => {
  it('returns the nodes and edges around a node', async () => {
    const { status, body } = await get<NeighborhoodPayload>(
      `/api/neighborhood/${encodeURIComponent(REVIEW_ID)}?hops=1`,
    );
    expect(status).toBe(200);
    expect(body.nodeIds).toContain('doi:10.1038/s41586-024-07348-6');
    expect(body.nodeIds).toContain('concept:bone');
    expect(body.edges.filter((e) => e.kind === 'CITES' && e.source === REVIEW_ID)).toHaveLength(5);
  });

  it('restricts to the asked relationship kinds and grows with hops', async () => {
    const cites = (
      await get<NeighborhoodPayload>(`/api/neighborhood/${encodeURIComponent(REVIEW_ID)}?hops=1&kinds=CITES`)
    ).body;
    expect(cites.nodeIds).toHaveLength(6);
    expect(cites.edges.every((e) => e.kind === 'CITES')).toBe(true);
    const two = (
      await get<NeighborhoodPayload>(`/api/neighborhood/${encodeURIComponent(REVIEW_ID)}?hops=2&kinds=CITES`)
    ).body;
    expect(two.nodeIds.length).toBeGreaterThan(cites.nodeIds.length);
  });

  it('rejects bad hops and kinds with 400, unknown ids with 404', async () => {
    expect((await get<ApiError>('/api/neighborhood/concept:bone?hops=4')).status).toBe(400);
    expect((await get<ApiError>('/api/neighborhood/concept:bone?hops=0')).status).toBe(400);
    const kinds = await get<ApiError>('/api/neighborhood/concept:bone?kinds=CITES,FOO');
    expect(kinds.status).toBe(400);
    expect(kinds.body.error.message).toMatch(/FOO/);
    expect((await get<ApiError>('/api/neighborhood/concept:nothing')).status).toBe(404);
  });
});

describe('GET /api/paths', () => {
  const paths = (q: string) => get<PathsPayload>(`/api/paths?${q}`);
  const nature = 'doi:10.1038/s41586-024-07348-6';

  it('traces a citation chain from the review, with every step and the nodes on it', async () => {
    const { status, body } = await paths(
      `from=${encodeURIComponent(REVIEW_ID)}&to=${encodeURIComponent(nature)}&via=cites&directed=true`,
    );
    expect(status).toBe(200);
    expect(body.length).toBe(1);
    expect(body.paths).toEqual([
      { nodes: [REVIEW_ID, nature], edges: [{ source: REVIEW_ID, target: nature, kind: 'CITES' }] },
    ]);
    expect(body.nodes[REVIEW_ID]?.label).toBe('Bone and muscle crosstalk in ageing and disease');
    expect(body.message).toMatch(/1 shortest path of 1 step, following citations in their direction/);
  });

  it('follows any relationship through concepts, and lists every shortest path', async () => {
    const { body } = await paths(`from=concept:sclerostin&to=concept:adipose-tissue&via=any&limit=100`);
    expect(body.length).not.toBeNull();
    expect(body.paths.length).toBeGreaterThan(0);
    for (const p of body.paths) {
      expect(p.nodes[0]).toBe('concept:sclerostin');
      expect(p.nodes.at(-1)).toBe('concept:adipose-tissue');
      expect(p.edges).toHaveLength(body.length!);
      for (const id of p.nodes) expect(body.nodes[id]).toBeDefined();
    }
  });

  it('says clearly when there is no path, and when ignoring direction would find one', async () => {
    const back = await paths(
      `from=${encodeURIComponent(nature)}&to=${encodeURIComponent(REVIEW_ID)}&via=cites&directed=true`,
    );
    expect(back.status).toBe(200);
    expect(back.body.length).toBeNull();
    expect(back.body.paths).toEqual([]);
    expect(back.body.message).toMatch(
      /^No path of at most 8 steps .* There is one if direction is ignored\.$/,
    );
    const none = await paths(`from=${encodeURIComponent(REVIEW_ID)}&to=concept:irisin&via=cites`);
    expect(none.body.length).toBeNull();
    expect(none.body.message).not.toMatch(/direction is ignored/);
  });

  it('answers 404 for an unknown end and 400 for bad parameters, and keeps serving', async () => {
    const unknown = await get<ApiError>(
      `/api/paths?from=${encodeURIComponent(REVIEW_ID)}&to=concept:nothing`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/concept:nothing/);
    for (const q of [
      'from=concept:bone',
      'from=concept:bone&to=concept:bone',
      'from=concept:bone&to=concept:irisin&via=FOO',
      'from=concept:bone&to=concept:irisin&max=0',
      'from=concept:bone&to=concept:irisin&max=99',
      'from=concept:bone&to=concept:irisin&limit=1000',
      'from=concept:bone&to=concept:irisin&directed=maybe',
    ]) {
      const r = await get<ApiError>(`/api/paths?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('BAD_REQUEST');
    }
    expect((await paths('from=concept:bone&to=concept:irisin')).status).toBe(200);
  });
});

describe('GET /api/crosstalk', () => {
  it('lists the factors from muscle to bone with the evidence of each half, every work resolvable', async () => {
    const { status, body } = await get<CrosstalkPayload>('/api/crosstalk');
    expect(status).toBe(200);
    expect(body.tissues.map((t) => t.name)).toEqual(['bone', 'skeletal muscle', 'adipose tissue']);
    expect(body.cells).toHaveLength(9);
    const muscleToBone = body.cells.find(
      (c) => c.source === 'concept:skeletal-muscle' && c.target === 'concept:bone',
    )!;
    const ids = muscleToBone.factors.map((f) => f.id);
    expect(ids).toContain('concept:myokine');
    expect(ids).toContain('concept:il-6');
    // irisin acts on bone, but no work in graph/ says muscle secretes it (it is under toVerify).
    expect(ids).not.toContain('concept:irisin');
    for (const cell of body.cells) {
      for (const f of cell.factors) {
        expect(f.secretedBy.length).toBeGreaterThan(0);
        expect(f.actsOn.length).toBeGreaterThan(0);
        for (const w of f.works) expect(body.works[w]?.id).toBe(w);
      }
    }
  });
});

describe('GET /api/queries', () => {
  it('lists the example query library with titles and purposes', async () => {
    const { status, body } =
      await get<{ id: string; title: string; purpose: string; cypher: string }[]>('/api/queries');
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThanOrEqual(6);
    expect(body[0]).toMatchObject({
      id: '01-review-references',
      title: "The review's references and what they mention",
    });
    expect(body.every((q) => q.purpose.length > 10 && /RETURN/.test(q.cypher))).toBe(true);
  });
});

describe('the server', () => {
  it('reports counts and provenance', async () => {
    const { body } = await get<StatsPayload>('/api/stats');
    expect(body.backend).toBe('embedded');
    expect(body.counts.nodes.Work).toBe(460);
    expect(body.dataset?.dataDir).toBe('graph');
  });

  it('answers unknown routes and methods with JSON 404s and keeps serving', async () => {
    const r = await get<ApiError>('/api/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    const post = await get<ApiError>('/api/graph', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(404);
    const broken = await get<ApiError>('/api/nodes/%E0%A4%A');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('BAD_REQUEST');
    expect((await get<StatsPayload>('/api/stats')).status).toBe(200);
  });
});
