import { describe, expect, it } from 'vitest';
import type { NetworkEdge } from './api';
import {
  clusterLabels,
  clusterWorks,
  literatureMap,
  type ConceptMentions,
  mentionsFromIndex,
  sharedConcepts,
  similarityLinks,
  strongestLinks,
  type LiteratureMap,
} from './litmap';
import { NetworkIndex } from './network-index';
import { CitationGraph } from './relatedness';

/**
 * The documented graph of these tests (x>y: x cites y; x~k: x mentions concept k):
 *   s>a1 s>a2 s>a3 s>b1 s>b2 s>b3            the seed cites all six
 *   a1>ra1 a1>ra2  a2>ra1 a2>ra2  a3>ra1 a3>ra2 a3>rb1
 *   b1>rb1 b1>rb2  b2>rb1 b2>rb2  b3>rb1 b3>rb2
 *   a1~irisin a2~irisin a3~irisin  a1~bone a2~bone  b1~bone b2~bone b3~bone  x~bone  b1~sost b2~sost
 * Coupling strengths (shared references / √(|R(u)|·|R(v)|)): a1–a2 = b_i–b_j = 2/√4 = 1,
 * a1–a3 = a2–a3 = 2/√6 ≈ 0.816, a3–b_i = 1/√6 ≈ 0.408. Co-citation is only by the seed, which
 * does not count. Document frequencies: bone 6, irisin 3, sost 2.
 */
const CITES = [
  ...['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((w) => `s>${w}`),
  'a1>ra1',
  'a1>ra2',
  'a2>ra1',
  'a2>ra2',
  'a3>ra1',
  'a3>ra2',
  'a3>rb1',
  'b1>rb1',
  'b1>rb2',
  'b2>rb1',
  'b2>rb2',
  'b3>rb1',
  'b3>rb2',
];
const MENTIONS = [
  'a1~irisin',
  'a2~irisin',
  'a3~irisin',
  'a1~bone',
  'a2~bone',
  'b1~bone',
  'b2~bone',
  'b3~bone',
  'x~bone',
  'b1~sost',
  'b2~sost',
];
const edges: NetworkEdge[] = [
  ...CITES.map((p) => {
    const [source, target] = p.split('>') as [string, string];
    return { source, target, kind: 'CITES' as const };
  }),
  ...MENTIONS.map((p) => {
    const [source, c] = p.split('~') as [string, string];
    return { source, target: `concept:${c}`, kind: 'MENTIONS' as const };
  }),
];
const index = NetworkIndex.fromEdges(
  edges.flatMap((e) => [e.source, e.target]),
  edges,
);
const G = CitationGraph.fromIndex(index);
const M = mentionsFromIndex(index);
const p = (id: string): number => G.positionOf(id)!;
const name = (u: number): string => G.ids[u]!;
const names = (us: readonly number[]): string[] => us.map(name);

function linkOf(m: Pick<LiteratureMap, 'links'>, x: string, y: string) {
  const [a, b] = [p(x), p(y)].sort((i, j) => i - j);
  return m.links.find((l) => l.a === a && l.b === b);
}

describe('similarity links', () => {
  it('adds co-citation and coupling strengths, and drops pairs below the threshold', () => {
    const works = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map(p);
    const links = similarityLinks(G, works, 0.1);
    expect(linkOf({ links }, 'a1', 'a2')).toEqual({
      a: Math.min(p('a1'), p('a2')),
      b: Math.max(p('a1'), p('a2')),
      similarity: 1 + 1 / Math.sqrt(1 * 1), // co-cited by s once (1/√(1·1)) + coupling 1
      coCitations: 1,
      sharedReferences: 2,
    });
    const ignoringSeed = similarityLinks(G, works, 0.1, new Set([p('s')]));
    expect(linkOf({ links: ignoringSeed }, 'a1', 'a2')?.similarity).toBe(1);
    expect(linkOf({ links: ignoringSeed }, 'a1', 'a3')?.similarity).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(linkOf({ links: ignoringSeed }, 'a3', 'b1')?.similarity).toBeCloseTo(1 / Math.sqrt(6), 12);
    // The 6 pairs inside the groups and a3–b1, a3–b2, a3–b3.
    expect(ignoringSeed).toHaveLength(9);
    const strict = similarityLinks(G, works, 0.5, new Set([p('s')]));
    expect(strict).toHaveLength(6);
    expect(linkOf({ links: strict }, 'a3', 'b1')).toBeUndefined();
  });

  it('does not link two works only because the seed cites both', () => {
    const links = similarityLinks(G, [p('b1'), p('a1')], 0.1, new Set([p('s')]));
    expect(links).toEqual([]);
  });
});

describe('drawn links: each work’s k strongest', () => {
  const l = (a: number, b: number, similarity: number) => ({
    a,
    b,
    similarity,
    coCitations: 0,
    sharedReferences: 0,
  });
  it('keeps a link that is among the k strongest of either end, in the given order', () => {
    const links = [l(0, 1, 0.9), l(0, 2, 0.8), l(0, 3, 0.7), l(1, 2, 0.5), l(2, 3, 0.1)];
    // k = 1: 0 and 1 keep 0–1, 2 keeps 0–2 (0.8 > 0.5 > 0.1), 3 keeps 0–3 (0.7 > 0.1).
    expect(strongestLinks(links, 1)).toEqual([links[0], links[1], links[2]]);
    // k = 2: 1 adds 1–2, 3 adds 2–3: every link stays.
    expect(strongestLinks(links, 2)).toEqual(links);
  });

  it('breaks ties by the other end’s smaller position', () => {
    const links = [l(5, 6, 0.5), l(5, 7, 0.5), l(6, 7, 0.9)];
    // 5: 5–6 (tie with 5–7, 6 < 7); 6 and 7: 6–7. 5–7 is the strongest of neither end.
    expect(strongestLinks(links, 1)).toEqual([links[0], links[2]]);
  });

  it('thins the map’s links and clusters over the links drawn', () => {
    // Nine pairs reach 0.1 (a1–a2, a1–a3, a2–a3, a3–b1..b3, b1–b2, b1–b3, b2–b3). With one link a
    // work: a1–a2 (1), a1–a3 (2/√6, a1 before a2), b1–b2 (1, b2 before b3), b1–b3.
    const m = literatureMap(G, M, [p('s')], { linksPerWork: 1 });
    expect(m.linksAbove).toBe(9);
    expect(m.links.map((x) => `${name(x.a)}–${name(x.b)}`)).toEqual(['a1–a2', 'a1–a3', 'b1–b2', 'b1–b3']);
    expect(m.clusters.map((c) => names(c.works).sort())).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(literatureMap(G, M, [p('s')]).links).toHaveLength(9);
  });
});

describe('clusters and their labels', () => {
  it('finds the two groups and names each by its most specific shared concepts', () => {
    const m = literatureMap(G, M, [p('s')]);
    // The seed, then its six related works (each cited by it, 0.1).
    expect(name(m.works[0]!)).toBe('s');
    expect(names(m.works).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 's']);
    expect(m.scores[0]).toBeNull();
    expect(m.scores.slice(1).every((x) => x !== null && Math.abs(x - 0.1) < 1e-12)).toBe(true);
    expect(m.clusters.map((c) => names(c.works).sort())).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    // The seed has no link of its own: unclustered.
    expect(m.clusterOf[0]).toBeNull();
    // A: irisin (3 works of the graph) before bone (6). B: sost (2, mentioned by 2 of 3) before bone.
    const label = (c: number) =>
      m.clusters[c]!.shared.map((s) => [name(s.concept), s.documentFrequency, s.inCluster]);
    expect(label(0)).toEqual([
      ['concept:irisin', 3, 3],
      ['concept:bone', 6, 2],
    ]);
    expect(label(1)).toEqual([
      ['concept:sost', 2, 2],
      ['concept:bone', 6, 3],
    ]);
  });

  it('needs a concept in at least max(2, ⌈25%⌉) of a cluster’s works to call it shared', () => {
    expect(sharedConcepts(M, [p('a1'), p('b1'), p('b3')]).map((s) => name(s.concept))).toEqual([
      'concept:bone',
    ]);
    expect(sharedConcepts(M, [p('a1')])).toEqual([]);
  });

  it('is deterministic and does not depend on the order works are given in', () => {
    const works = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map(p);
    const links = similarityLinks(G, works, 0.1, new Set([p('s')]));
    const once = clusterWorks(works, links);
    expect(clusterWorks([...works].reverse(), [...links].reverse())).toEqual(once);
    expect(literatureMap(G, M, [p('s')])).toEqual(literatureMap(G, M, [p('s')]));
  });

  it('keeps the map within its size, seeds first', () => {
    const m = literatureMap(G, M, [p('a1'), p('s')], { size: 3 });
    expect(m.works).toHaveLength(3);
    expect(names(m.works.slice(0, 2))).toEqual(['a1', 's']);
    expect(m.candidates).toBeGreaterThan(1);
  });
});

/**
 * Concept mentions given by hand (no citations needed): work u mentions `of[u]`; the graph's
 * document frequency of concept c is `df[c]`.
 */
function handMentions(of: number[][], df: Record<number, number>): ConceptMentions {
  return { conceptsOf: (u) => of[u] ?? [], documentFrequency: (c) => df[c] ?? 0 };
}

describe('labels that tell clusters apart', () => {
  // Two clusters of the map: X = works 0–3, Y = works 4–7. Concept 10 is mentioned by all eight
  // (graph df 8); 11 by 0, 1, 2 (df 50: common in the graph, but in the map only in X); 12 by 0,
  // 1 and 4 (df 3, the most specific).
  const of = [[10, 11, 12], [10, 11, 12], [10, 11], [10], [10, 12], [10], [10], [10]];
  const M2 = handMentions(of, { 10: 8, 11: 50, 12: 3 });
  const X = [0, 1, 2, 3];
  const clustered = [0, 1, 2, 3, 4, 5, 6, 7];

  it('ranks a cluster’s shared concepts by lift against all clustered works', () => {
    // X needs max(2, ⌈0.25·4⌉) = 2 works. Lift = (in X / 4) ÷ (in the map / 8):
    // 11: (3/4)/(3/8) = 2; 12: (2/4)/(3/8) = 4/3; 10: (4/4)/(8/8) = 1.
    const shared = sharedConcepts(M2, X, clustered);
    expect(shared.map((c) => [c.concept, c.inCluster, c.inMap])).toEqual([
      [11, 3, 3],
      [12, 2, 3],
      [10, 4, 8],
    ]);
    expect(shared.map((c) => c.lift)).toEqual([2, 4 / 3, 1]);
    // Against the cluster alone every lift is 1: the most specific first (df 3, 8, 50), as before.
    expect(sharedConcepts(M2, X).map((c) => c.concept)).toEqual([12, 10, 11]);
  });

  it('breaks a tie of lift by the most specific concept', () => {
    // Works 0, 1 mention 20 (df 9) and 21 (df 4), nothing else does: both lifts are (2/2)/(2/4) = 2.
    const m = handMentions([[20, 21], [20, 21], [22], [22]], { 20: 9, 21: 4, 22: 1 });
    expect(sharedConcepts(m, [0, 1], [0, 1, 2, 3]).map((c) => [c.concept, c.lift])).toEqual([
      [21, 2],
      [20, 2],
    ]);
  });

  it('adds the next concept to labels that would be the same, and says when they stay alike', () => {
    const c = (...concepts: number[]) => ({ shared: concepts.map((concept) => ({ concept })) });
    // 0 and 1 both start as {1, 2} (in another order): each adds its third, 3 and 4, and they
    // differ. 2 and 3 both name {5, 6}; 2 adds 7, 3 has nothing more, and they differ too.
    // 4 and 5 are {8, 9} with nothing more: alike. 6 shares nothing: no label, alike to none.
    expect(clusterLabels([c(1, 2, 3), c(2, 1, 4), c(5, 6, 7), c(5, 6), c(8, 9), c(9, 8), c()])).toEqual([
      { label: [1, 2, 3], alike: [] },
      { label: [2, 1, 4], alike: [] },
      { label: [5, 6, 7], alike: [] },
      { label: [5, 6], alike: [] },
      { label: [8, 9], alike: [5] },
      { label: [9, 8], alike: [4] },
      { label: [], alike: [] },
    ]);
  });

  it('grows a label to at most four concepts', () => {
    const c = (...concepts: number[]) => ({ shared: concepts.map((concept) => ({ concept })) });
    // The same five concepts in each: they grow to four, still the same set, and stay alike.
    expect(clusterLabels([c(1, 2, 3, 4, 5), c(1, 2, 3, 4, 5), c(6)])).toEqual([
      { label: [1, 2, 3, 4], alike: [1] },
      { label: [1, 2, 3, 4], alike: [0] },
      { label: [6], alike: [] },
    ]);
  });

  it('labels the map’s two groups by what sets each apart', () => {
    // Lifts against the six clustered works (the seed is unclustered): A: irisin (3/3)/(3/6) = 2,
    // bone (2/3)/(5/6) = 0.8; B: sost (2/3)/(2/6) = 2, bone (3/3)/(5/6) = 1.2.
    const m = literatureMap(G, M, [p('s')]);
    expect(m.clusters.map((c) => names(c.label))).toEqual([
      ['concept:irisin', 'concept:bone'],
      ['concept:sost', 'concept:bone'],
    ]);
    expect(m.clusters[0]!.shared.map((x) => x.lift)).toEqual([2, 0.8]);
    expect(m.clusters[1]!.shared[0]!.lift).toBe(2);
    expect(m.clusters[1]!.shared[1]!.lift).toBeCloseTo(1.2, 12);
    expect(m.clusters.map((c) => c.alike)).toEqual([[], []]);
  });
});
