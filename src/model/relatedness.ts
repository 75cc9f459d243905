/**
 * Citation measures between works, and the rankings built from them: related, prior and
 * derivative works, a review finder (of a selection or of the whole graph), and what a review did
 * not cite. Pure and deterministic: they read a {@link CitationGraph} (the `CITES` relationships of
 * the network index, the same whichever store was loaded) and break every tie by node position,
 * i.e. by id.
 *
 * Only citations count, in their direction: `u` cites `v` when the source of `u` lists `v` among
 * its references. PubMed's "similar articles" (`SIMILAR_TO`) never count, nor do concepts.
 *
 * Notation: R(u) are the works u cites (its references known to the graph), C(u) the works citing
 * u; |X| is the size of a set.
 * - co-citation count cc(u,v) = |C(u) ∩ C(v)| (how many works cite both; Small 1973), strength
 *   (Salton's cosine) cc / √(|C(u)|·|C(v)|);
 * - bibliographic coupling bc(u,v) = |R(u) ∩ R(v)| (references both list; Kessler 1963), strength
 *   bc / √(|R(u)|·|R(v)|);
 * - Adamic–Adar over shared references: Σ over r in R(u) ∩ R(v) of 1 / ln |C(r)| (a shared
 *   reference that few works cite says more than a classic everyone cites; |C(r)| ≥ 2 there);
 * - in-graph citations |C(u)|; PageRank over a chosen set of works (see {@link pageRank}).
 *
 * Over 400 lines: the measures and the rankings built on them share one CitationGraph and one
 * tie-break rule; the formulas are documented here, next to the code that computes them.
 */
import type { NetworkIndex } from './network-index';

/** A direct citation between a seed and a candidate counts this much in the related score (see {@link relatedWorks}). */
export const DIRECT_CITATION_WEIGHT = 0.1;
/** PageRank's damping factor by default: the chance of following a citation rather than jumping. */
export const DEFAULT_DAMPING = 0.85;
/** PageRank's most iterations by default. */
export const DEFAULT_PAGERANK_ITERATIONS = 100;
/** PageRank stops earlier when the scores move less than this in total (L1) in one iteration. */
export const DEFAULT_PAGERANK_TOLERANCE = 1e-12;
/** Rows a ranking returns by default. */
export const DEFAULT_RANK_LIMIT = 20;
/** Evidence works listed per row by default (the counts always cover all of them). */
export const DEFAULT_EVIDENCE_LIMIT = 10;

/** The citations of the network as compressed rows in both directions, over node positions. */
export class CitationGraph {
  private constructor(
    /** Node ids by position (sorted). */
    readonly ids: readonly string[],
    private readonly refStart: Int32Array,
    private readonly refs: Int32Array,
    private readonly citStart: Int32Array,
    private readonly cits: Int32Array,
    private readonly position: (id: string) => number | undefined,
  ) {}

  /** The `CITES` relationships of a network index (nothing else: not `SIMILAR_TO`, not concepts). */
  static fromIndex(index: NetworkIndex): CitationGraph {
    const a = index.adjacency(['CITES']);
    return new CitationGraph(a.ids, a.outStart, a.outTarget, a.inStart, a.inSource, (id) =>
      index.positionOf(id),
    );
  }

  /** Number of nodes (works and concepts; concepts have no citations). */
  get order(): number {
    return this.ids.length;
  }

  /** The position of a node id, or undefined when the graph does not know it. */
  positionOf(id: string): number | undefined {
    return this.position(id);
  }

  /** R(u): the works `u` cites, sorted by position. */
  references(u: number): Int32Array {
    return this.refs.subarray(this.refStart[u], this.refStart[u + 1]);
  }

  /** C(u): the works citing `u`, sorted by position. */
  citers(u: number): Int32Array {
    return this.cits.subarray(this.citStart[u], this.citStart[u + 1]);
  }

  /** |C(u)|: citations `u` receives inside the graph. */
  citedByCount(u: number): number {
    return this.citStart[u + 1]! - this.citStart[u]!;
  }

  /** |R(u)|: references of `u` known to the graph. */
  referenceCount(u: number): number {
    return this.refStart[u + 1]! - this.refStart[u]!;
  }
}

/** Elements of two ascending arrays that are in both, ascending. */
function intersect(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

/** Salton's cosine: `count / √(a·b)`, 0 when either set is empty. */
export function saltonStrength(count: number, a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : count / Math.sqrt(a * b);
}

/** A pairwise measure: how many works are shared, which (ascending positions), and the Salton strength. */
export interface PairMeasure {
  count: number;
  strength: number;
  works: number[];
}

/** Co-citation of `u` and `v`: the works citing both, cc / √(|C(u)|·|C(v)|). */
export function coCitation(g: CitationGraph, u: number, v: number): PairMeasure {
  const works = intersect(g.citers(u), g.citers(v));
  return {
    count: works.length,
    strength: saltonStrength(works.length, g.citedByCount(u), g.citedByCount(v)),
    works,
  };
}

/** Bibliographic coupling of `u` and `v`: the references both list, bc / √(|R(u)|·|R(v)|). */
export function coupling(g: CitationGraph, u: number, v: number): PairMeasure {
  const works = intersect(g.references(u), g.references(v));
  return {
    count: works.length,
    strength: saltonStrength(works.length, g.referenceCount(u), g.referenceCount(v)),
    works,
  };
}

/** Adamic–Adar over shared references: Σ 1 / ln |C(r)| for every r that both `u` and `v` cite (0 for u = v). */
export function adamicAdar(g: CitationGraph, u: number, v: number): number {
  if (u === v) return 0;
  let sum = 0;
  for (const r of intersect(g.references(u), g.references(v))) sum += 1 / Math.log(g.citedByCount(r));
  return sum;
}

/** Options of {@link pageRank}. */
export interface PageRankOptions {
  /** Chance of following a citation (default {@link DEFAULT_DAMPING}). */
  damping?: number;
  /** Most iterations (default {@link DEFAULT_PAGERANK_ITERATIONS}). */
  iterations?: number;
  /** Stop when the scores move less than this in total, L1 (default {@link DEFAULT_PAGERANK_TOLERANCE}). */
  tolerance?: number;
}

/** The answer of {@link pageRank}. */
export interface PageRankResult {
  /** `scores[i]` belongs to `nodes[i]`; they sum to 1. */
  scores: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** True when the tolerance was reached within the iterations. */
  converged: boolean;
}

/**
 * PageRank over the works `nodes` (a local graph: the citations among them only). A citation
 * u → v passes credit from the citing work to the cited one. With N works, damping d and out(u)
 * the citations of u inside the set: PR(v) = (1−d)/N + d·(Σ over u citing v of PR(u)/out(u) +
 * Σ over works u citing nothing in the set of PR(u)/N), the last term spreading the credit of
 * works without references evenly (so the scores keep summing to 1). Starts from 1/N each and
 * iterates (power method) until the scores move less than the tolerance. Repeated nodes count once.
 */
export function pageRank(
  g: CitationGraph,
  nodes: readonly number[],
  options: PageRankOptions = {},
): PageRankResult {
  const d = options.damping ?? DEFAULT_DAMPING;
  const maxIterations = options.iterations ?? DEFAULT_PAGERANK_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_PAGERANK_TOLERANCE;
  const local = new Map<number, number>();
  for (const u of nodes) if (!local.has(u)) local.set(u, local.size);
  const n = local.size;
  const scoresOf = (s: Float64Array): Float64Array => Float64Array.from(nodes, (u) => s[local.get(u)!]!);
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, converged: true };
  // Local out-lists of the citations inside the set.
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [u, i] of local) {
    for (const v of g.references(u)) {
      const j = local.get(v);
      if (j !== undefined) out[i]!.push(j);
    }
  }
  let pr = new Float64Array(n).fill(1 / n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations += 1;
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const targets = out[i]!;
      if (targets.length === 0) dangling += pr[i]!;
      else for (const j of targets) next[j]! += pr[i]! / targets.length;
    }
    let delta = 0;
    for (let j = 0; j < n; j++) {
      next[j] = (1 - d) / n + d * (next[j]! + dangling / n);
      delta += Math.abs(next[j]! - pr[j]!);
    }
    pr = next;
    if (delta < tolerance) {
      converged = true;
      break;
    }
  }
  return { scores: scoresOf(pr), iterations, converged };
}

/** What a piece of evidence says. */
export type EvidenceKind =
  /** related: works citing both the seed and the candidate (`works`). */
  | 'cited-together'
  /** related: references both list (`works`). */
  | 'shared-references'
  /** related: the candidate cites seeds (`works`). */
  | 'cites-seed'
  /** related: seeds cite the candidate (`works`). */
  | 'cited-by-seed'
  /** prior: works around the seeds citing the candidate (`works`). */
  | 'cited-by-neighbourhood'
  /** derivative: works around the seeds the candidate cites (`works`). */
  | 'cites-neighbourhood'
  /** review finder: works of the selection (or of the whole graph) the candidate cites (`works`). */
  | 'cites-selection'
  /** not cited: references of the review citing the candidate (`works`). */
  | 'cited-by-references'
  /** not cited: references of the review co-cited with the candidate (`works`), by the works `by`. */
  | 'co-cited-with-references';

/** Why a candidate is ranked: one measure, the works it rests on (positions) and how many there are. */
export interface Evidence {
  kind: EvidenceKind;
  /** The measure: co-citations, shared references, works (see {@link EvidenceKind}). */
  count: number;
  /** Salton strength (cited-together, shared-references), else null. */
  strength: number | null;
  /** Adamic–Adar over the shared references (shared-references), else null. */
  adamicAdar: number | null;
  /** The first `evidenceLimit` evidence works, ascending positions. */
  works: number[];
  /** How many distinct evidence works there are. */
  worksTotal: number;
  /** The citing works behind co-citations (co-cited-with-references), first `evidenceLimit`. */
  by: number[];
  byTotal: number;
}

/** One ranked work. */
export interface RankedWork {
  work: number;
  score: number;
  evidence: Evidence[];
}

/** How much the answer rests on. */
export interface RankingBasis {
  /** Distinct seed works known to the graph. */
  seeds: number;
  /** Distinct works the seeds cite. */
  references: number;
  /** Distinct works citing the seeds. */
  citedBy: number;
  /** Works around the seeds: the seeds, their references and the works citing them. */
  neighbourhood: number;
}

/** A ranking: the best rows and how many candidates scored above 0. */
export interface Ranking {
  rows: RankedWork[];
  total: number;
  basis: RankingBasis;
}

/** Options of the rankings. */
export interface RankOptions {
  /** Rows returned (default {@link DEFAULT_RANK_LIMIT}). */
  limit?: number;
  /** Evidence works listed per row (default {@link DEFAULT_EVIDENCE_LIMIT}). */
  evidenceLimit?: number;
  /** Candidates this returns false for are left out (e.g. works published after a review). */
  isCandidate?: (u: number) => boolean;
}

/** Distinct members of `xs`, in first-seen order. */
function distinct(xs: Iterable<number>): number[] {
  return [...new Set(xs)];
}

/** The seeds, their references and the works citing them, ascending. */
export function neighbourhood(g: CitationGraph, seeds: readonly number[]): number[] {
  const set = new Set<number>(seeds);
  for (const s of seeds) {
    for (const v of g.references(s)) set.add(v);
    for (const v of g.citers(s)) set.add(v);
  }
  return [...set].sort((a, b) => a - b);
}

function basisOf(g: CitationGraph, seeds: readonly number[], around?: number): RankingBasis {
  const refs = new Set<number>();
  const citers = new Set<number>();
  for (const s of seeds) {
    for (const v of g.references(s)) refs.add(v);
    for (const v of g.citers(s)) citers.add(v);
  }
  return {
    seeds: seeds.length,
    references: refs.size,
    citedBy: citers.size,
    neighbourhood: around ?? neighbourhood(g, seeds).length,
  };
}

/** Adds `w` to the set of `key` in `m`. */
function note(m: Map<number, Set<number>>, key: number, w: number): void {
  let s = m.get(key);
  if (!s) m.set(key, (s = new Set()));
  s.add(w);
}

const sortedHead = (s: Set<number> | undefined, limit: number): number[] =>
  s ? [...s].sort((a, b) => a - b).slice(0, limit) : [];

function evidence(
  kind: EvidenceKind,
  count: number,
  works: Set<number> | undefined,
  limit: number,
  extra: Partial<Pick<Evidence, 'strength' | 'adamicAdar'>> & { by?: Set<number> } = {},
): Evidence {
  return {
    kind,
    count,
    strength: extra.strength ?? null,
    adamicAdar: extra.adamicAdar ?? null,
    works: sortedHead(works, limit),
    worksTotal: works?.size ?? 0,
    by: sortedHead(extra.by, limit),
    byTotal: extra.by?.size ?? 0,
  };
}

/** The best `limit` rows: score descending, then `tie` descending, then position ascending. */
function top(rows: RankedWork[], limit: number, tie: (u: number) => number = () => 0): RankedWork[] {
  return rows
    .sort((a, b) => b.score - a.score || tie(b.work) - tie(a.work) || a.work - b.work)
    .slice(0, limit);
}

/**
 * The best `limit` of `candidates` in the order `before` (negative: a ranks before b), which must
 * be a total order (ours end on position): the same as sorting all and keeping the head, but a
 * bounded heap, O(n log limit), since a hub's ranking touches tens of thousands of works.
 */
function best(
  candidates: readonly number[],
  limit: number,
  before: (a: number, b: number) => number,
): number[] {
  if (limit <= 0) return [];
  if (candidates.length <= limit) return [...candidates].sort(before);
  // Max-heap by rank: the root is the worst kept.
  const heap: number[] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && before(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (const x of candidates) {
    if (heap.length < limit) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (before(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (before(x, heap[0]!) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(before);
}

/**
 * Memoises `isCandidate` over positions (it may look a work up by id, and the first passes visit
 * a candidate once per path to it): 1 for a seed or a work that is not a candidate, 2 for one that is.
 */
function candidateCheck(
  order: number,
  isCandidate: (u: number) => boolean,
  excludedWorks: Iterable<number>,
): (v: number) => boolean {
  const state = new Uint8Array(order);
  for (const u of excludedWorks) state[u] = 1;
  return (v) => {
    const known = state[v]!;
    if (known !== 0) return known === 2;
    const ok = isCandidate(v);
    state[v] = ok ? 2 : 1;
    return ok;
  };
}

/**
 * Related works of one or more seed works (Connected Papers' idea, with the evidence kept). For
 * each candidate v (not a seed), summed over the seeds s:
 * score = co-citation strength(s,v) + coupling strength(s,v) + {@link DIRECT_CITATION_WEIGHT} ×
 * [s cites v or v cites s]. A direct citation counts a tenth of a perfect co-citation: it shows
 * the authors knew the work (it is in the reference list already), not that the two share a
 * subject; it lifts a linked work above an unlinked one of the same similarity, and keeps a work
 * the graph knows little about from an empty list. Candidates are the works within two citations
 * of a seed; ties go to more in-graph citations, then to the smaller id.
 */
export function relatedWorks(
  g: CitationGraph,
  seedList: readonly number[],
  options: RankOptions = {},
): Ranking {
  const limit = options.limit ?? DEFAULT_RANK_LIMIT;
  const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
  const isCandidate = options.isCandidate ?? (() => true);
  const seeds = distinct(seedList);
  // First pass: scores only, in typed arrays (a hub seed touches tens of thousands of works).
  const score = new Float64Array(g.order);
  const count = new Int32Array(g.order);
  const touched: number[] = [];
  const ok = candidateCheck(g.order, isCandidate, seeds);
  const add = (v: number, x: number): void => {
    if (score[v] === 0) touched.push(v);
    score[v]! += x;
  };
  for (const s of seeds) {
    for (const [outer, inner, size] of [
      // Co-citation: works citing s, and what else they cite.
      [g.citers(s), (c: number) => g.references(c), (v: number) => g.citedByCount(s) * g.citedByCount(v)],
      // Coupling: references of s, and who else cites them.
      [g.references(s), (r: number) => g.citers(r), (v: number) => g.referenceCount(s) * g.referenceCount(v)],
    ] as const) {
      const local: number[] = [];
      for (const w of outer) {
        for (const v of inner(w)) {
          if (!ok(v)) continue;
          if (count[v] === 0) local.push(v);
          count[v]! += 1;
        }
      }
      for (const v of local) {
        add(v, count[v]! / Math.sqrt(size(v)));
        count[v] = 0;
      }
    }
    for (const v of g.references(s)) if (ok(v)) add(v, DIRECT_CITATION_WEIGHT);
    // A work both citing and cited by a seed gets the direct weight once per seed.
    for (const v of g.citers(s)) if (ok(v) && !g.references(s).includes(v)) add(v, DIRECT_CITATION_WEIGHT);
  }
  const rows: RankedWork[] = best(
    touched,
    limit,
    (a, b) => score[b]! - score[a]! || g.citedByCount(b) - g.citedByCount(a) || a - b,
  ).map((v) => ({ work: v, score: score[v]!, evidence: [] }));
  // Second pass: the evidence of the rows shown, from the pairwise measures.
  for (const row of rows) {
    const v = row.work;
    const by = new Set<number>();
    const shared = new Set<number>();
    const citesSeeds = new Set<number>();
    const citedBySeeds = new Set<number>();
    let cc = 0;
    let ccStrength = 0;
    let bc = 0;
    let bcStrength = 0;
    let aa = 0;
    for (const s of seeds) {
      const co = coCitation(g, s, v);
      cc += co.count;
      ccStrength += co.strength;
      for (const w of co.works) by.add(w);
      const cp = coupling(g, s, v);
      bc += cp.count;
      bcStrength += cp.strength;
      for (const r of cp.works) {
        shared.add(r);
        aa += 1 / Math.log(g.citedByCount(r));
      }
      if (g.references(s).includes(v)) citedBySeeds.add(s);
      else if (g.citers(s).includes(v)) citesSeeds.add(s);
    }
    if (cc > 0)
      row.evidence.push(evidence('cited-together', cc, by, evidenceLimit, { strength: ccStrength }));
    if (bc > 0) {
      row.evidence.push(
        evidence('shared-references', bc, shared, evidenceLimit, { strength: bcStrength, adamicAdar: aa }),
      );
    }
    if (citedBySeeds.size > 0)
      row.evidence.push(evidence('cited-by-seed', citedBySeeds.size, citedBySeeds, evidenceLimit));
    if (citesSeeds.size > 0)
      row.evidence.push(evidence('cites-seed', citesSeeds.size, citesSeeds, evidenceLimit));
  }
  return { rows, total: touched.length, basis: basisOf(g, seeds) };
}

/**
 * Prior works (the foundations): works most cited by the seeds' neighbourhood (the seeds, their
 * references and the works citing them). score(v) = |C(v) ∩ neighbourhood|, for every v that is
 * not a seed (a seed's own references are candidates: the neighbourhood includes the seed).
 * Ties go to more in-graph citations, then to the smaller id.
 */
export function priorWorks(
  g: CitationGraph,
  seedList: readonly number[],
  options: RankOptions = {},
): Ranking {
  return aroundRanking(g, seedList, options, 'prior');
}

/**
 * Derivative works (what built on the seeds): works citing many of the seeds' neighbourhood.
 * score(v) = |R(v) ∩ neighbourhood| for every v that is not a seed. Ties go to more references,
 * then to the smaller id.
 */
export function derivativeWorks(
  g: CitationGraph,
  seedList: readonly number[],
  options: RankOptions = {},
): Ranking {
  return aroundRanking(g, seedList, options, 'derivative');
}

function aroundRanking(
  g: CitationGraph,
  seedList: readonly number[],
  options: RankOptions,
  which: 'prior' | 'derivative',
): Ranking {
  const limit = options.limit ?? DEFAULT_RANK_LIMIT;
  const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
  const isCandidate = options.isCandidate ?? (() => true);
  const seeds = distinct(seedList);
  const isSeed = new Set(seeds);
  const around = neighbourhood(g, seeds);
  const by = new Map<number, Set<number>>();
  for (const w of around) {
    for (const v of which === 'prior' ? g.references(w) : g.citers(w)) {
      if (!isSeed.has(v) && isCandidate(v)) note(by, v, w);
    }
  }
  const kind: EvidenceKind = which === 'prior' ? 'cited-by-neighbourhood' : 'cites-neighbourhood';
  const rows = [...by].map(([v, works]) => ({
    work: v,
    score: works.size,
    evidence: [evidence(kind, works.size, works, evidenceLimit)],
  }));
  const tie = which === 'prior' ? (u: number) => g.citedByCount(u) : (u: number) => g.referenceCount(u);
  return { rows: top(rows, limit, tie), total: rows.length, basis: basisOf(g, seeds, around.length) };
}

/**
 * Review finder: works citing many works of the selection. score(v) = |R(v) ∩ selection|; works
 * of the selection are candidates too (a review inside it). Ties go to more references (reviews
 * list many), then to the smaller id.
 */
export function reviewFinder(
  g: CitationGraph,
  selection: readonly number[],
  options: RankOptions = {},
): Ranking {
  const limit = options.limit ?? DEFAULT_RANK_LIMIT;
  const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
  const isCandidate = options.isCandidate ?? (() => true);
  const seeds = distinct(selection);
  const cites = new Map<number, Set<number>>();
  for (const s of seeds) for (const v of g.citers(s)) if (isCandidate(v)) note(cites, v, s);
  const rows = [...cites].map(([v, works]) => ({
    work: v,
    score: works.size,
    evidence: [evidence('cites-selection', works.size, works, evidenceLimit)],
  }));
  return {
    rows: top(rows, limit, (u) => g.referenceCount(u)),
    total: rows.length,
    basis: basisOf(g, seeds),
  };
}

/** Options of {@link reviewFinderInGraph}. */
export interface GraphRankOptions extends RankOptions {
  /** The nodes that are works, counted in the basis (default: every node; concepts cite nothing either way). */
  isWork?: (u: number) => boolean;
}

/**
 * Review finder over the whole graph: works citing many works of the graph. score(v) = |R(v)|,
 * its references known to the graph (citations only: "similar articles" never count). It is
 * {@link reviewFinder} with every work of the graph as the selection (same score, same
 * `cites-selection` evidence naming the first `evidenceLimit` cited works with their total), but
 * ties go to more in-graph citations, then to the smaller id (more references cannot break a tie
 * here: it is the score), and it is computed from the row sizes of the graph in O(n log limit),
 * without a set per citation. The basis is that of the whole graph: `seeds` and `neighbourhood`
 * are its works, `references` the works some work cites, `citedBy` the works citing some work.
 */
export function reviewFinderInGraph(g: CitationGraph, options: GraphRankOptions = {}): Ranking {
  const limit = options.limit ?? DEFAULT_RANK_LIMIT;
  const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
  const isCandidate = options.isCandidate ?? (() => true);
  const isWork = options.isWork ?? (() => true);
  const candidates: number[] = [];
  let works = 0;
  let cited = 0;
  let citing = 0;
  for (let u = 0; u < g.order; u++) {
    if (isWork(u)) works += 1;
    if (g.citedByCount(u) > 0) cited += 1;
    if (g.referenceCount(u) === 0) continue;
    citing += 1;
    if (isCandidate(u)) candidates.push(u);
  }
  const rows: RankedWork[] = best(
    candidates,
    limit,
    (a, b) => g.referenceCount(b) - g.referenceCount(a) || g.citedByCount(b) - g.citedByCount(a) || a - b,
  ).map((v) => ({
    work: v,
    score: g.referenceCount(v),
    evidence: [evidence('cites-selection', g.referenceCount(v), new Set(g.references(v)), evidenceLimit)],
  }));
  return {
    rows,
    total: candidates.length,
    basis: { seeds: works, references: cited, citedBy: citing, neighbourhood: works },
  };
}

/**
 * What a review did not cite: works the review does not cite (nor is) that its references cite,
 * or that other works cite together with its references. With R the review's references:
 * a(v) = |C(v) ∩ R| (references citing v), b(v) = Σ over r in R of |C(r) ∩ C(v) − {review}|
 * (co-citations of v with a reference, by works other than the review); score = a + b.
 * `isCandidate` can leave out works the review could not have cited (published after it).
 * Ties go to more in-graph citations, then to the smaller id.
 */
export function notCitedBy(g: CitationGraph, review: number, options: RankOptions = {}): Ranking {
  const limit = options.limit ?? DEFAULT_RANK_LIMIT;
  const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
  const isCandidate = options.isCandidate ?? (() => true);
  const refs = g.references(review);
  // First pass: a(v) + b(v) in a typed array; the review and its references are never candidates.
  const score = new Int32Array(g.order);
  const touched: number[] = [];
  const ok = candidateCheck(g.order, isCandidate, [review, ...refs]);
  const add = (v: number): void => {
    if (score[v] === 0) touched.push(v);
    score[v]! += 1;
  };
  for (const r of refs) for (const v of g.references(r)) if (ok(v)) add(v);
  for (const r of refs) {
    for (const c of g.citers(r)) {
      if (c === review) continue;
      for (const v of g.references(c)) if (v !== r && ok(v)) add(v);
    }
  }
  const rows: RankedWork[] = best(
    touched,
    limit,
    (a, b) => score[b]! - score[a]! || g.citedByCount(b) - g.citedByCount(a) || a - b,
  ).map((v) => ({ work: v, score: score[v]!, evidence: [] }));
  // Second pass: the evidence of the rows shown.
  for (const row of rows) {
    const v = row.work;
    const citedByRefs = new Set(intersect(refs, g.citers(v)));
    const cocitedWith = new Set<number>();
    const by = new Set<number>();
    let cocitations = 0;
    for (const r of refs) {
      const together = coCitation(g, r, v).works.filter((c) => c !== review);
      if (together.length === 0) continue;
      cocitations += together.length;
      cocitedWith.add(r);
      for (const c of together) by.add(c);
    }
    if (citedByRefs.size > 0) {
      row.evidence.push(evidence('cited-by-references', citedByRefs.size, citedByRefs, evidenceLimit));
    }
    if (cocitations > 0) {
      row.evidence.push(
        evidence('co-cited-with-references', cocitations, cocitedWith, evidenceLimit, { by }),
      );
    }
  }
  return { rows, total: touched.length, basis: basisOf(g, [review]) };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/**
 * The evidence in words, e.g. "cited together 7 times", "shares 12 references". `seeds` is the
 * number of seed works (1 for one work, more for a selection); `around` the size of the
 * neighbourhood, `references` the review's references (for the not-cited audit); `wholeGraph`
 * when the selection is every work of the graph ({@link reviewFinderInGraph}; `seeds` its works).
 */
export function describeEvidence(
  e: Pick<Evidence, 'kind' | 'count' | 'worksTotal'>,
  context: {
    seeds: number;
    around?: number;
    references?: number;
    wholeGraph?: boolean;
    /** Works the request named, when `seeds` counts more (one work's review finder: it and its references). */
    asked?: number;
  } = { seeds: 1 },
): string {
  const sel = context.seeds > 1;
  switch (e.kind) {
    case 'cited-together':
      return `cited together${sel ? ' with these works' : ''} ${times(e.count)}`;
    case 'shared-references':
      return `shares ${plural(e.count, 'reference')}${sel ? ' with these works' : ''}`;
    case 'cites-seed':
      return sel ? `cites ${e.count} of these works` : 'cites it';
    case 'cited-by-seed':
      return sel ? `cited by ${e.count} of these works` : 'cited by it';
    case 'cited-by-neighbourhood':
      return `cited by ${e.count} of the ${plural(context.around ?? e.count, 'work')} around ${sel ? 'them' : 'it'}`;
    case 'cites-neighbourhood':
      return `cites ${e.count} of the ${plural(context.around ?? e.count, 'work')} around ${sel ? 'them' : 'it'}`;
    case 'cites-selection':
      if (context.wholeGraph) return `cites ${e.count} of the ${plural(context.seeds, 'work')} of the graph`;
      if (context.asked === 1)
        return `cites ${e.count} of the ${plural(context.seeds, 'work')}: it and its references`;
      return `cites ${e.count} of these ${plural(context.seeds, 'work')}`;
    case 'cited-by-references':
      return `cited by ${e.count} of its ${plural(context.references ?? e.count, 'reference')}`;
    case 'co-cited-with-references':
      return `cited together with ${plural(e.worksTotal, 'of its references', 'of its references')} ${times(e.count)}`;
  }
}
