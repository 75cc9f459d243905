/**
 * A synthetic dataset in the format of graph/ (works.jsonl, citations.jsonl, related.jsonl,
 * concepts.yaml), for benchmarks only. Pure: the caller supplies the vocabulary profile (see
 * {@link profileVocabulary}) and writes the records it yields.
 *
 * Everything generated is marked synthetic: work ids are `ref:synthetic#<n>`, titles start with
 * "[synthetic]", journals are "Synthetic Journal …", and every record's source is
 * `synthetic:seed=<seed>`. Nothing here looks like a real DOI, PMID or person.
 *
 * The model, deterministic for a seed:
 * - works are ordered by year (more works in later years) and cite only earlier works;
 * - each work has `refsMin`–`refsMax` references (fewer for the very first works, which have fewer
 *   predecessors); a reference is drawn by preferential attachment (probability ∝ in-degree + 1,
 *   Price's model) with probability `preferential`, otherwise uniformly among the most recent works,
 *   which yields a heavy-tailed in-degree;
 * - the number of concepts a work mentions, which concepts, and the words used for them follow the
 *   frequencies at which the tagger finds them in the bundled graph; titles are composed from those
 *   words so the real tagger finds them again;
 * - authors come from a pool and are reused with probability ∝ works already written + 1 (so a few
 *   are prolific), journals from a Zipf-like pool.
 */
import seedrandom from 'seedrandom';
import type { ConceptRecord, ConceptRelation, LinkRecord, WorkRecord } from '../model/records';
import { compileTagger, type TaggableText } from '../model/tagger';

/** Id of the n-th synthetic work (1-based). Matches the schema's `ref:<slug>#<n>` form. */
export const synthWorkId = (n: number): string => `ref:synthetic#${n}`;

/** How often the bundled graph uses each concept, as found by the tagger. */
export interface VocabularyProfile {
  concepts: ConceptRecord[];
  relations: ConceptRelation[];
  /** Concept id → number of bundled works that mention it. */
  mentionCounts: Map<string, number>;
  /** Concept id → matched text → how often it matched (the words used for the concept). */
  termCounts: Map<string, Map<string, number>>;
  /** `perWork[k]` = number of bundled works that mention exactly k concepts. */
  perWork: number[];
}

/**
 * Profiles a vocabulary against real works: which concepts the tagger finds, in which words, and
 * how many per work.
 */
export function profileVocabulary(
  concepts: ConceptRecord[],
  relations: ConceptRelation[],
  works: readonly TaggableText[],
): VocabularyProfile {
  const tagger = compileTagger(concepts);
  const mentionCounts = new Map<string, number>();
  const termCounts = new Map<string, Map<string, number>>();
  const perWork: number[] = [];
  for (const w of works) {
    const found = tagger.tag(w);
    perWork[found.length] = (perWork[found.length] ?? 0) + 1;
    for (const m of found) {
      mentionCounts.set(m.conceptId, (mentionCounts.get(m.conceptId) ?? 0) + 1);
      const terms = termCounts.get(m.conceptId) ?? new Map<string, number>();
      for (const t of m.matched) terms.set(t, (terms.get(t) ?? 0) + 1);
      termCounts.set(m.conceptId, terms);
    }
  }
  for (let k = 0; k < perWork.length; k++) perWork[k] ??= 0;
  return { concepts, relations, mentionCounts, termCounts, perWork };
}

/** Options of {@link SynthGenerator}. */
export interface SynthOptions {
  works: number;
  seed: string;
  /** Fewest references per work (default 30). */
  refsMin?: number;
  /** Most references per work (default 60). */
  refsMax?: number;
  /** Share of references drawn by preferential attachment (default 0.7). */
  preferential?: number;
  /** Size of the recency window of the other references (default 2,000 works). */
  recentWindow?: number;
  /** First and last publication year (default 1990–2025). */
  years?: [number, number];
}

/** One generated work with its outgoing citations. */
export interface SynthItem {
  work: WorkRecord;
  citations: LinkRecord[];
  related: LinkRecord[];
}

/** A weighted choice in O(log n): cumulative weights and a binary search. */
class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }
  pick(rng: () => number): T {
    const x = rng() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

/** A pronounceable lower-case code for a number (bijective, so distinct numbers differ). */
function code(n: number, minSyllables: number): string {
  let s = '';
  let x = n;
  let count = 0;
  do {
    const syl = x % (CONSONANTS.length * VOWELS.length);
    s += CONSONANTS[Math.floor(syl / VOWELS.length)]! + VOWELS[syl % VOWELS.length]!;
    x = Math.floor(x / (CONSONANTS.length * VOWELS.length));
    count += 1;
  } while (x > 0 || count < minSyllables);
  return s;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const INITIALS = 'ABCDEFGHJKLMNPRSTW';
const JOURNALS = 300;
/** Filler that names no concept (checked by the unit tests with the real tagger). */
const EMPTY_TITLE = 'a record without vocabulary terms';

/**
 * Generates a synthetic dataset work by work (streaming: only per-work state and a few typed arrays
 * are kept). Call {@link items} once, then {@link conceptFile} for concepts.yaml.
 */
export class SynthGenerator {
  readonly options: Required<SynthOptions>;
  readonly source: string;
  private readonly rng: () => number;
  private readonly conceptPick: Weighted<ConceptRecord>;
  private readonly perWorkPick: Weighted<number>;
  private readonly termPicks = new Map<string, Weighted<string>>();
  /** For each concept, a few works that mention it (evidence of the curated relations). */
  private readonly evidence = new Map<string, string[]>();
  private done = false;

  constructor(
    private readonly profile: VocabularyProfile,
    options: SynthOptions,
  ) {
    if (!Number.isInteger(options.works) || options.works < 1) throw new RangeError('works must be ≥ 1');
    this.options = {
      refsMin: 30,
      refsMax: 60,
      preferential: 0.7,
      recentWindow: 2_000,
      years: [1990, 2025],
      ...options,
    };
    if (this.options.refsMin < 0 || this.options.refsMax < this.options.refsMin)
      throw new RangeError('need 0 ≤ refsMin ≤ refsMax');
    this.source = `synthetic:seed=${options.seed}`;
    this.rng = seedrandom(`crosstalk-synth:${options.seed}`);
    // A small floor keeps every concept reachable at scale; otherwise the bundled frequencies rule.
    const weights = profile.concepts.map((c) => (profile.mentionCounts.get(c.id) ?? 0) + 0.05);
    this.conceptPick = new Weighted(profile.concepts, weights);
    const ks = profile.perWork.map((_, k) => k);
    this.perWorkPick = new Weighted(ks.length ? ks : [0], ks.length ? profile.perWork : [1]);
    for (const c of profile.concepts) {
      const counts = profile.termCounts.get(c.id);
      const terms = counts && counts.size > 0 ? [...counts.keys()] : [c.name];
      const w = counts && counts.size > 0 ? [...counts.values()] : [1];
      this.termPicks.set(c.id, new Weighted(terms, w));
    }
  }

  private yearOf(index: number): number {
    const [first, last] = this.options.years;
    // Density grows linearly with the year: the literature grows.
    return (
      first + Math.min(last - first, Math.floor((last - first + 1) * Math.sqrt(index / this.options.works)))
    );
  }

  /**
   * Yields the works in year order, each with its citations (to earlier works) and, for a few,
   * similar-article links. Can be iterated once.
   */
  *items(): Generator<SynthItem> {
    if (this.done) throw new Error('SynthGenerator.items() can be iterated once');
    this.done = true;
    const { works: n, refsMin, refsMax, preferential, recentWindow } = this.options;
    const rng = this.rng;
    const sources = [this.source];
    // Price's model: every work enters the pool once, and once more per citation received.
    const pool = new Int32Array(n + n * refsMax);
    let poolSize = 0;
    // Authors: the pool grows by one new author per work on average; reuse ∝ works written + 1.
    const authorPool = new Int32Array(n * 12 + 16);
    let authorPoolSize = 0;
    let authors = 0;
    const authorNames: string[] = [];
    const journalPick = new Weighted(
      Array.from({ length: JOURNALS }, (_, j) => `Synthetic Journal ${capitalise(code(j, 2))}`),
      Array.from({ length: JOURNALS }, (_, j) => 1 / (j + 1)),
    );
    const chosen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const id = synthWorkId(i + 1);
      // References.
      chosen.clear();
      const wanted = Math.min(i, refsMin + Math.floor(rng() * (refsMax - refsMin + 1)));
      if (wanted >= i) for (let j = 0; j < i; j++) chosen.add(j);
      else {
        const window = Math.min(i, recentWindow);
        while (chosen.size < wanted) {
          const j =
            rng() < preferential ? pool[Math.floor(rng() * poolSize)]! : i - 1 - Math.floor(rng() * window);
          chosen.add(j);
        }
      }
      const citations: LinkRecord[] = [];
      for (const j of chosen) {
        citations.push({ from: id, to: synthWorkId(j + 1), kind: 'cites', sources });
        pool[poolSize++] = j;
      }
      pool[poolSize++] = i;

      // Concepts and the title that names them.
      const k = Math.min(this.perWorkPick.pick(rng), 6);
      const conceptIds = new Set<string>();
      const terms: string[] = [];
      for (let tries = 0; conceptIds.size < k && tries < k * 10; tries++) {
        const c = this.conceptPick.pick(rng);
        if (conceptIds.has(c.id)) continue;
        conceptIds.add(c.id);
        terms.push(this.termPicks.get(c.id)!.pick(rng));
        const ev = this.evidence.get(c.id) ?? [];
        if (ev.length < 3) this.evidence.set(c.id, [...ev, id]);
      }
      const label = capitalise(code(i, 3));
      const named =
        terms.length === 0
          ? EMPTY_TITLE
          : terms.length === 1
            ? `on ${terms[0]}`
            : `${terms.slice(0, -1).join(', ')} and ${terms.at(-1)}`;
      const title = `[synthetic] ${label}: ${named}`;
      const keywords = terms.length > 1 && rng() < 0.3 ? [terms[0]!] : [];

      // Authors.
      const authorCount = 2 + Math.floor(rng() * 6);
      const names = new Set<string>();
      for (let a = 0; a < authorCount; a++) {
        let who: number;
        if (authorPoolSize === 0 || rng() < 0.35) {
          who = authors++;
          authorNames.push(
            `${capitalise(code(who, 3))} ${INITIALS[Math.floor(rng() * INITIALS.length)]!}${rng() < 0.5 ? INITIALS[Math.floor(rng() * INITIALS.length)]! : ''}`,
          );
        } else who = authorPool[Math.floor(rng() * authorPoolSize)]!;
        const name = authorNames[who]!;
        if (names.has(name)) continue;
        names.add(name);
        if (authorPoolSize < authorPool.length) authorPool[authorPoolSize++] = who;
      }

      const related: LinkRecord[] = [];
      if (i > 10 && rng() < 0.02) {
        const similar = new Set<number>();
        while (similar.size < 5) similar.add(i - 1 - Math.floor(rng() * Math.min(i, 200)));
        for (const j of similar) related.push({ from: id, to: synthWorkId(j + 1), kind: 'similar', sources });
      }

      const work: WorkRecord = {
        id,
        doi: null,
        pmid: null,
        pmcid: null,
        title,
        year: this.yearOf(i),
        journal: journalPick.pick(rng),
        volume: null,
        issue: null,
        pages: null,
        authors: [...names],
        type: 'journal-article',
        keywords,
        sources,
      };
      yield { work, citations, related };
    }
  }

  /**
   * The concepts.yaml content: the bundled concepts unchanged, the curated relations with their
   * evidence moved to synthetic works that mention an endpoint. Call after {@link items}.
   */
  conceptFile(): { concepts: ConceptRecord[]; relations: ConceptRelation[] } {
    if (!this.done) throw new Error('conceptFile() needs the works generated first');
    const fallback = [synthWorkId(1)];
    const relations = this.profile.relations.map((r) => {
      const ev = [...new Set([...(this.evidence.get(r.from) ?? []), ...(this.evidence.get(r.to) ?? [])])];
      return { ...r, evidence: ev.length > 0 ? ev.slice(0, 3) : fallback };
    });
    return { concepts: this.profile.concepts, relations };
  }
}
