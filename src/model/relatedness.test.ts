import { describe, expect, it } from 'vitest';
import type { NetworkEdge } from './api';
import { NetworkIndex } from './network-index';
import {
  CitationGraph,
  DIRECT_CITATION_WEIGHT,
  adamicAdar,
  coCitation,
  coupling,
  derivativeWorks,
  describeEvidence,
  neighbourhood,
  notCitedBy,
  pageRank,
  priorWorks,
  relatedWorks,
  reviewFinder,
  reviewFinderInGraph,
  type Ranking,
} from './relatedness';

/** A graph of citations written as "a>c" (a cites c), plus other kinds of relationship. */
function graph(cites: string[], others: NetworkEdge[] = [], extraNodes: string[] = []): CitationGraph {
  const edges: NetworkEdge[] = cites.map((p) => {
    const [source, target] = p.split('>') as [string, string];
    return { source, target, kind: 'CITES' };
  });
  const ids = new Set([...extraNodes, ...[...edges, ...others].flatMap((e) => [e.source, e.target])]);
  return CitationGraph.fromIndex(NetworkIndex.fromEdges(ids, [...edges, ...others]));
}

/**
 * The documented graph of these tests (x>y: x cites y):
 *   a>c a>d a>e   b>c b>d   f>a f>b   g>a g>b g>c   h>e
 * so R(a)={c,d,e} R(b)={c,d} R(f)={a,b} R(g)={a,b,c} R(h)={e}
 *    C(a)={f,g}   C(b)={f,g} C(c)={a,b,g} C(d)={a,b} C(e)={a,h}.
 * SIMILAR_TO a–x and a→c (beside the citation) and a concept mention must change nothing.
 */
const G = graph(
  ['a>c', 'a>d', 'a>e', 'b>c', 'b>d', 'f>a', 'f>b', 'g>a', 'g>b', 'g>c', 'h>e'],
  [
    { source: 'a', target: 'x', kind: 'SIMILAR_TO' },
    { source: 'a', target: 'c', kind: 'SIMILAR_TO' },
    { source: 'x', target: 'a', kind: 'SIMILAR_TO' },
    { source: 'a', target: 'concept:k', kind: 'MENTIONS' },
  ],
);
const p = (id: string): number => G.positionOf(id)!;
const ids = (xs: readonly number[]): string[] => xs.map((u) => G.ids[u]!);
const order = (r: Ranking): string[] => r.rows.map((row) => G.ids[row.work]!);
const scoreOf = (r: Ranking, id: string): number => r.rows.find((row) => row.work === p(id))!.score;

describe('pairwise measures on the documented graph', () => {
  it('counts co-citations and their Salton strength', () => {
    // C(a) ∩ C(b) = {f,g}: 2 / √(2·2) = 1.
    expect(coCitation(G, p('a'), p('b'))).toEqual({ count: 2, strength: 1, works: [p('f'), p('g')] });
    // C(c) ∩ C(d) = {a,b}: 2 / √(3·2).
    const cd = coCitation(G, p('c'), p('d'));
    expect(cd.count).toBe(2);
    expect(cd.strength).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(coCitation(G, p('a'), p('h'))).toEqual({ count: 0, strength: 0, works: [] });
  });

  it('counts bibliographic coupling and its Salton strength', () => {
    // R(a) ∩ R(b) = {c,d}: 2 / √(3·2).
    const ab = coupling(G, p('a'), p('b'));
    expect(ids(ab.works)).toEqual(['c', 'd']);
    expect(ab.strength).toBeCloseTo(2 / Math.sqrt(6), 12);
    // R(f) ∩ R(g) = {a,b}: 2 / √(2·3).
    expect(coupling(G, p('f'), p('g')).strength).toBeCloseTo(2 / Math.sqrt(6), 12);
    // A reference with no citers on one side: strength 0, not NaN.
    expect(coupling(G, p('c'), p('a'))).toEqual({ count: 0, strength: 0, works: [] });
  });

  it('weighs shared references by Adamic–Adar', () => {
    // Shared c (cited 3 times) and d (cited twice): 1/ln 3 + 1/ln 2.
    expect(adamicAdar(G, p('a'), p('b'))).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(2), 12);
    expect(adamicAdar(G, p('a'), p('h'))).toBeCloseTo(1 / Math.log(2), 12);
    expect(adamicAdar(G, p('a'), p('a'))).toBe(0);
  });

  it('counts citations only: similar articles and concepts are not citations', () => {
    expect(G.citedByCount(p('a'))).toBe(2);
    expect(G.referenceCount(p('a'))).toBe(3);
    expect(G.citedByCount(p('x'))).toBe(0);
    expect(G.referenceCount(p('x'))).toBe(0);
    expect(relatedWorks(G, [p('a')]).rows.some((r) => r.work === p('x'))).toBe(false);
    expect(ids(neighbourhood(G, [p('a')]))).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
  });
});

describe('rankings on the documented graph', () => {
  it('ranks related works by co-citation + coupling strength + a tenth for a direct citation, with evidence', () => {
    const r = relatedWorks(G, [p('a')]);
    // b: co-cited by f,g (2/√(2·2) = 1) + shares c,d (2/√(3·2)) = 1.8165
    // h: shares e (1/√(3·1)) = 0.5774
    // c: co-cited by g (1/√(2·3)) + cited by a (0.1) = 0.5082
    // g: shares c (1/√(3·3)) + cites a (0.1) = 0.4333
    // d, e, f: a direct citation only (0.1); d and e are cited twice, f never.
    expect(order(r)).toEqual(['b', 'h', 'c', 'g', 'd', 'e', 'f']);
    expect(scoreOf(r, 'b')).toBeCloseTo(1 + 2 / Math.sqrt(6), 12);
    expect(scoreOf(r, 'c')).toBeCloseTo(1 / Math.sqrt(6) + DIRECT_CITATION_WEIGHT, 12);
    expect(scoreOf(r, 'g')).toBeCloseTo(1 / 3 + DIRECT_CITATION_WEIGHT, 12);
    expect(scoreOf(r, 'h')).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(r.total).toBe(7);
    expect(r.basis).toEqual({ seeds: 1, references: 3, citedBy: 2, neighbourhood: 6 });
    const b = r.rows[0]!;
    expect(b.evidence.map((e) => [e.kind, e.count, ids(e.works)])).toEqual([
      ['cited-together', 2, ['f', 'g']],
      ['shared-references', 2, ['c', 'd']],
    ]);
    expect(b.evidence[1]!.adamicAdar).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(2), 12);
    expect(r.rows.find((x) => x.work === p('g'))!.evidence.map((e) => e.kind)).toEqual([
      'shared-references',
      'cites-seed',
    ]);
  });

  it('sums over a selection and never lists a seed', () => {
    const r = relatedWorks(G, [p('a'), p('b'), p('a')]);
    expect(r.basis.seeds).toBe(2);
    expect(order(r)).not.toContain('a');
    expect(order(r)).not.toContain('b');
    // c: co-cited with a by g (1/√(2·3)) and with b by g (1/√(2·3)); cited by a and b (2 × 0.1).
    expect(scoreOf(r, 'c')).toBeCloseTo(2 / Math.sqrt(6) + 2 * DIRECT_CITATION_WEIGHT, 12);
  });

  it('cuts to the limit and lists the first evidence works, counting all', () => {
    const r = relatedWorks(G, [p('a')], { limit: 2, evidenceLimit: 1 });
    expect(order(r)).toEqual(['b', 'h']);
    expect(r.total).toBe(7);
    expect(r.rows[0]!.evidence[0]).toMatchObject({ works: [p('f')], worksTotal: 2, count: 2 });
  });

  it('finds prior works: most cited by the works around the seed', () => {
    // Around a: a, c, d, e, f, g. c is cited by a and g, b by f and g, d and e by a.
    const r = priorWorks(G, [p('a')]);
    expect(order(r)).toEqual(['c', 'b', 'd', 'e']); // c before b: cited 3 times in the graph, b twice
    expect(r.rows.map((x) => x.score)).toEqual([2, 2, 1, 1]);
    expect(ids(r.rows[0]!.evidence[0]!.works)).toEqual(['a', 'g']);
  });

  it('finds derivative works: citing many of the works around the seed', () => {
    // g cites a and c, b cites c and d, f cites a, h cites e.
    const r = derivativeWorks(G, [p('a')]);
    expect(order(r)).toEqual(['g', 'b', 'f', 'h']); // g before b: 3 references, b has 2
    expect(r.rows.map((x) => x.score)).toEqual([2, 2, 1, 1]);
  });

  it('finds reviews: works citing many works of a selection', () => {
    const r = reviewFinder(G, [p('c'), p('d'), p('e')]);
    expect(order(r)).toEqual(['a', 'b', 'g', 'h']);
    expect(r.rows.map((x) => x.score)).toEqual([3, 2, 1, 1]);
    expect(ids(r.rows[0]!.evidence[0]!.works)).toEqual(['c', 'd', 'e']);
  });

  it('finds reviews over the whole graph: works citing the most works of the graph', () => {
    // |R|: a 3, g 3, b 2, f 2, h 1 (x's similar articles and the concept mention are no citations).
    // Ties by in-graph citations: a (cited by f, g) before g (never cited), b (f, g) before f.
    const isWork = (u: number): boolean => !G.ids[u]!.startsWith('concept:');
    const r = reviewFinderInGraph(G, { isWork });
    expect(order(r)).toEqual(['a', 'g', 'b', 'f', 'h']);
    expect(r.rows.map((x) => x.score)).toEqual([3, 3, 2, 2, 1]);
    expect(r.total).toBe(5);
    expect(r.rows[0]!.evidence.map((e) => [e.kind, e.count, ids(e.works), e.worksTotal])).toEqual([
      ['cites-selection', 3, ['c', 'd', 'e'], 3],
    ]);
    expect(ids(r.rows[1]!.evidence[0]!.works)).toEqual(['a', 'b', 'c']);
    // 9 works (a–h and x); cited: a, b, c, d, e; citing: a, b, f, g, h.
    expect(r.basis).toEqual({ seeds: 9, references: 5, citedBy: 5, neighbourhood: 9 });
    // The first evidence works, counting all; the limit; a filter.
    const cut = reviewFinderInGraph(G, { isWork, limit: 2, evidenceLimit: 2 });
    expect(order(cut)).toEqual(['a', 'g']);
    expect(cut.total).toBe(5);
    expect(cut.rows[0]!.evidence[0]).toMatchObject({ count: 3, works: [p('c'), p('d')], worksTotal: 3 });
    expect(order(reviewFinderInGraph(G, { isCandidate: (u) => u !== p('a') }))).toEqual(['g', 'b', 'f', 'h']);
    // The same scores and evidence as the review finder with every work as the selection.
    const all = G.ids.flatMap((_, u) => (isWork(u) ? [u] : []));
    const bySelection = reviewFinder(G, all, { limit: 100 });
    const byWork = (x: Ranking): [number, number, number[]][] =>
      x.rows
        .map((row) => [row.work, row.score, row.evidence[0]!.works] as [number, number, number[]])
        .sort((m, n) => m[0] - n[0]);
    expect(byWork(reviewFinderInGraph(G, { isWork, limit: 100 }))).toEqual(byWork(bySelection));
    expect(r.basis).toEqual(bySelection.basis);
    expect(describeEvidence(r.rows[0]!.evidence[0]!, { seeds: 9, wholeGraph: true })).toBe(
      'cites 3 of the 9 works of the graph',
    );
  });

  it('lists what a review did not cite: cited by its references or co-cited with them', () => {
    // Review f cites a and b. c is cited by a and b (2) and co-cited by g with a and with b (2):
    // 4. d is cited by a and b: 2. e is cited by a: 1.
    const r = notCitedBy(G, p('f'));
    expect(order(r)).toEqual(['c', 'd', 'e']);
    expect(r.rows.map((x) => x.score)).toEqual([4, 2, 1]);
    const c = r.rows[0]!;
    expect(c.evidence.map((e) => [e.kind, e.count, ids(e.works), ids(e.by)])).toEqual([
      ['cited-by-references', 2, ['a', 'b'], []],
      ['co-cited-with-references', 2, ['a', 'b'], ['g']],
    ]);
    expect(r.basis).toMatchObject({ references: 2, citedBy: 0 });
    // A filter (e.g. published after the review) removes candidates.
    expect(order(notCitedBy(G, p('f'), { isCandidate: (u) => u !== p('d') }))).toEqual(['c', 'e']);
    // A work citing nothing has nothing to audit.
    expect(notCitedBy(G, p('c')).rows).toEqual([]);
  });

  it('describes evidence in words', () => {
    expect(describeEvidence({ kind: 'cited-together', count: 7, worksTotal: 7 })).toBe(
      'cited together 7 times',
    );
    expect(describeEvidence({ kind: 'cited-together', count: 1, worksTotal: 1 })).toBe('cited together once');
    expect(describeEvidence({ kind: 'shared-references', count: 12, worksTotal: 12 })).toBe(
      'shares 12 references',
    );
    expect(describeEvidence({ kind: 'shared-references', count: 1, worksTotal: 1 }, { seeds: 3 })).toBe(
      'shares 1 reference with these works',
    );
    expect(describeEvidence({ kind: 'cited-by-seed', count: 2, worksTotal: 2 }, { seeds: 3 })).toBe(
      'cited by 2 of these works',
    );
    expect(
      describeEvidence({ kind: 'cites-neighbourhood', count: 4, worksTotal: 4 }, { seeds: 2, around: 9 }),
    ).toBe('cites 4 of the 9 works around them');
    // The review finder: of a selection, of one work (it and its references), of the graph.
    const cites = { kind: 'cites-selection', count: 2, worksTotal: 2 } as const;
    expect(describeEvidence(cites, { seeds: 3, asked: 3 })).toBe('cites 2 of these 3 works');
    expect(describeEvidence(cites, { seeds: 6, asked: 1 })).toBe(
      'cites 2 of the 6 works: it and its references',
    );
    expect(describeEvidence(cites, { seeds: 460, wholeGraph: true })).toBe(
      'cites 2 of the 460 works of the graph',
    );
    expect(
      describeEvidence({ kind: 'cited-by-neighbourhood', count: 2, worksTotal: 2 }, { seeds: 1, around: 6 }),
    ).toBe('cited by 2 of the 6 works around it');
    expect(
      describeEvidence({ kind: 'cited-by-references', count: 1, worksTotal: 1 }, { seeds: 1, references: 5 }),
    ).toBe('cited by 1 of its 5 references');
  });
});

describe('PageRank', () => {
  it('reaches the known fixed point of a small graph', () => {
    // p>q p>r q>r r>p, d = 0.85, N = 3: PR(p) = 0.05 + 0.85·PR(r), PR(q) = 0.05 + 0.85·PR(p)/2,
    // PR(r) = 0.05 + 0.85·(PR(p)/2 + PR(q)); solved by hand: 686/1769, 380/1769, 703/1769.
    const g = graph(['p>q', 'p>r', 'q>r', 'r>p']);
    const nodes = ['p', 'q', 'r'].map((id) => g.positionOf(id)!);
    const r = pageRank(g, nodes);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThan(100);
    expect(r.scores[0]).toBeCloseTo(686 / 1769, 10);
    expect(r.scores[1]).toBeCloseTo(380 / 1769, 10);
    expect(r.scores[2]).toBeCloseTo(703 / 1769, 10);
  });

  it('spreads the credit of works citing nothing, and counts only citations inside the set', () => {
    // p>q alone: PR(p) = 0.075 + 0.85·PR(q)/2 and PR(p) + PR(q) = 1, so PR(p) = 0.5/1.425.
    const g = graph(['p>q', 'q>z', 'z>p']);
    const r = pageRank(g, [g.positionOf('p')!, g.positionOf('q')!]);
    expect(r.scores[0]).toBeCloseTo(0.5 / 1.425, 10);
    expect(r.scores[1]).toBeCloseTo(1 - 0.5 / 1.425, 10);
    expect(pageRank(g, []).scores).toHaveLength(0);
  });

  it('stops at the stated number of iterations', () => {
    const g = graph(['p>q', 'p>r', 'q>r', 'r>p']);
    const r = pageRank(g, [0, 1, 2], { iterations: 3 });
    expect(r).toMatchObject({ iterations: 3, converged: false });
    expect(r.scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe('on a synthetic graph', () => {
  /** A seeded random citation graph (mulberry32): 300 works, each citing up to 12 earlier ones. */
  function synthetic(): CitationGraph {
    let seed = 42;
    const rand = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const name = (i: number): string => `w${String(i).padStart(3, '0')}`;
    const cites: string[] = [];
    for (let i = 1; i < 300; i++) {
      const k = Math.floor(rand() * 13);
      for (let j = 0; j < k; j++) cites.push(`${name(i)}>${name(Math.floor(rand() * i))}`);
    }
    return graph(cites);
  }

  it('gives each related score as the sum of the pairwise measures', () => {
    const g = synthetic();
    for (const seedId of ['w010', 'w150', 'w299']) {
      const s = g.positionOf(seedId)!;
      const r = relatedWorks(g, [s], { limit: 1000 });
      expect(r.rows.length).toBeGreaterThan(0);
      for (const row of r.rows) {
        const v = row.work;
        const direct = g.references(s).includes(v) || g.citers(s).includes(v) ? DIRECT_CITATION_WEIGHT : 0;
        const expected = coCitation(g, s, v).strength + coupling(g, s, v).strength + direct;
        expect(row.score).toBeCloseTo(expected, 12);
        const cc = row.evidence.find((e) => e.kind === 'cited-together');
        expect(cc?.count ?? 0).toBe(coCitation(g, s, v).count);
        const aa = row.evidence.find((e) => e.kind === 'shared-references')?.adamicAdar ?? 0;
        expect(aa).toBeCloseTo(adamicAdar(g, s, v), 12);
      }
      // Sorted by score, then in-graph citations, then id.
      for (let i = 1; i < r.rows.length; i++) {
        const [a, b] = [r.rows[i - 1]!, r.rows[i]!];
        expect(
          a.score > b.score ||
            (a.score === b.score && g.citedByCount(a.work) > g.citedByCount(b.work)) ||
            (a.score === b.score && g.citedByCount(a.work) === g.citedByCount(b.work) && a.work < b.work),
        ).toBe(true);
      }
    }
  });

  it('gives the same answers twice, and PageRank sums to 1', () => {
    const g = synthetic();
    const s = g.positionOf('w200')!;
    expect(relatedWorks(g, [s])).toEqual(relatedWorks(synthetic(), [s]));
    expect(notCitedBy(g, s)).toEqual(notCitedBy(synthetic(), s));
    expect(reviewFinderInGraph(g)).toEqual(reviewFinderInGraph(synthetic()));
    const pr = pageRank(g, neighbourhood(g, [s]));
    expect(pr.converged).toBe(true);
    expect(pr.scores.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 10);
  });
});
