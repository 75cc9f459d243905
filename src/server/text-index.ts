/**
 * A compact full-text index with MiniSearch's scoring (BM25+, prefix and fuzzy weights, field
 * boosts, AND/OR combination), kept in typed arrays instead of MiniSearch's maps.
 *
 * Why not MiniSearch itself: at 100k works its index took ~220 MB of heap (a Map per term and
 * field, a Map entry per posting) and a search built a result object for every matching document
 * (~30k for "bone") before anything was ranked: 0.1–0.9 s per query. Here the postings are flat
 * arrays, a search adds scores into reused typed arrays, and only the few documents that can reach
 * the answer become objects. The scores are MiniSearch's, computed in the same order with the
 * same floating-point operations, so the ranking (and its ties) is the one MiniSearch gave; the
 * term dictionary is MiniSearch's own radix tree (its prefix and fuzzy look-ups).
 *
 * Over 400 lines: the builder, the posting layout and the scorer share one memory layout and must
 * stay in step with each other and with MiniSearch's scoring order; split, each would export it.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** Splits text as MiniSearch's default tokenizer does (white space and punctuation). */
export const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** MiniSearch's defaults: BM25+ parameters and the weights of prefix and fuzzy matches. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** How one query word is matched (MiniSearch's query spec). */
export interface TermOptions {
  /** Whether the word also matches the longer words it begins. */
  prefix: (term: string, i: number, terms: readonly string[]) => boolean;
  /** Fraction of the word's length tolerated as typos (edit distance), or false. */
  fuzzy: (term: string) => number | false;
  /** Most typos tolerated, whatever the fraction. */
  maxFuzzy: number;
}

/**
 * Matched documents with their scores (MiniSearch's `score`, quality included) and the fields
 * (bits, in the order of the index's fields) any query word matched, in the order they were
 * added; reused between searches (its arrays are sized for every document once).
 */
export class MatchList {
  readonly doc: Int32Array;
  readonly score: Float64Array;
  readonly fields: Uint8Array;
  length = 0;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  constructor(size: number) {
    this.doc = new Int32Array(size);
    this.score = new Float64Array(size);
    this.fields = new Uint8Array(size);
    this.stamp = new Uint32Array(size);
  }

  /** Empties the list. */
  clear(): void {
    this.length = 0;
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.stamp.fill(0);
  }

  /** Whether `doc` was added since the last clear. */
  has(doc: number): boolean {
    return this.stamp[doc] === this.epoch;
  }

  push(doc: number, score: number, fields: number): void {
    const i = this.length++;
    this.doc[i] = doc;
    this.score[i] = score;
    this.fields[i] = fields;
    this.stamp[doc] = this.epoch;
  }
}

/** The matches of one query: all words (AND) and any word (OR), each in MiniSearch's order. */
export interface TextMatches {
  /** Words after processing (singular), in query order. */
  terms: string[];
  /** Adds the documents matching every word to `out`, in MiniSearch's result order. */
  all: (out: MatchList) => void;
  /** Adds the documents matching any word (those `keep` accepts), in MiniSearch's result order. */
  any: (out: MatchList, keep?: (doc: number) => boolean) => void;
  /**
   * As {@link any}, for a few documents only (`docs`, skipping those already in `out`): costs
   * their number, not the number of matches.
   */
  anyOf: (out: MatchList, docs: Int32Array) => void;
}

/** Builds growable Int32 columns without a JavaScript array per value. */
class IntColumn {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Per query word: the score of each document and which documents it touched, reused between searches. */
interface Slot {
  score: Float64Array;
  stamp: Uint32Array;
  touched: Int32Array;
  /** Where a document is in `touched` (MiniSearch's result order), valid where stamped. */
  position: Int32Array;
  count: number;
}

/** What a {@link TextIndexBuilder} made. */
interface TextIndexParts {
  dict: SearchableMap<number>;
  boosts: Float64Array;
  start: Int32Array;
  postDoc: Int32Array;
  postScore: Float64Array;
  size: number;
  processTerm: (term: string) => string;
}

/**
 * Indexes documents one by one (so a caller need not hold them all), then builds the
 * {@link TextIndex}. Fields are in the order of `fieldBoosts`; terms pass through `processTerm`
 * (as MiniSearch's option of that name).
 */
export class TextIndexBuilder {
  private count = 0;
  private readonly F: number;
  private readonly dict = new SearchableMap<number>();
  private readonly ids = new Map<string, number>();
  /** Distinct tokens of document d's field f, at d·F+f (MiniSearch's field length). */
  private readonly fieldLength = new IntColumn();
  private readonly avgFieldLength: Float64Array;
  // One (term·F + field, doc, tf) triple per posting, in document order; sorted by key at build
  // (a stable counting sort), so each posting list stays in document order as in MiniSearch.
  private readonly key = new IntColumn();
  private readonly docOf = new IntColumn();
  private readonly tfOf = new IntColumn();
  private readonly tf = new Map<number, number>();

  constructor(
    private readonly fieldBoosts: readonly number[],
    private readonly processTerm: (term: string) => string,
  ) {
    this.F = fieldBoosts.length;
    if (this.F > 8) throw new RangeError('A TextIndex has at most 8 fields (a byte of field bits).');
    this.avgFieldLength = new Float64Array(this.F);
  }

  /** Adds the next document; `text(f)` is its field f's text. */
  add(text: (field: number) => string): void {
    const { F, avgFieldLength, ids, tf } = this;
    const d = this.count++;
    for (let f = 0; f < F; f++) {
      const tokens = text(f).split(SPACE_OR_PUNCTUATION);
      const length = new Set(tokens).size;
      this.fieldLength.push(length);
      // MiniSearch's running mean, with its rounding.
      avgFieldLength[f] = (avgFieldLength[f]! * d + length) / (d + 1);
      tf.clear();
      for (const token of tokens) {
        const term = this.processTerm(token);
        if (!term) continue;
        let id = ids.get(term);
        if (id === undefined) {
          id = ids.size;
          ids.set(term, id);
          this.dict.set(term, id);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, n] of tf) {
        this.key.push(id * F + f);
        this.docOf.push(d);
        this.tfOf.push(n);
      }
    }
  }

  /** The index of the documents added. */
  build(): TextIndex {
    const { F, key, docOf, tfOf, avgFieldLength, count } = this;
    const fieldLength = this.fieldLength.data;
    const keys = this.ids.size * F;
    const start = new Int32Array(keys + 1);
    for (let i = 0; i < key.length; i++) start[key.data[i]! + 1]! += 1;
    for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, keys);
    const postDoc = new Int32Array(key.length);
    const postTf = new Int32Array(key.length);
    for (let i = 0; i < key.length; i++) {
      const at = fill[key.data[i]!]!++;
      postDoc[at] = docOf.data[i]!;
      postTf[at] = tfOf.data[i]!;
    }
    const postScore = new Float64Array(key.length);
    const { k, b, d } = BM25;
    for (let t = 0; t < keys; t++) {
      const from = start[t]!;
      const to = start[t + 1]!;
      const f = t % F;
      const avg = avgFieldLength[f]!;
      const matching = to - from;
      const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
      for (let p = from; p < to; p++) {
        const tf = postTf[p]!;
        const length = fieldLength[postDoc[p]! * F + f]!;
        postScore[p] = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg)));
      }
    }
    return new TextIndex({
      dict: this.dict,
      boosts: Float64Array.from(this.fieldBoosts),
      start,
      postDoc,
      postScore,
      size: count,
      processTerm: this.processTerm,
    });
  }
}

/** A built index over documents with the same text fields (made by a {@link TextIndexBuilder}). */
export class TextIndex {
  private readonly dict: SearchableMap<number>;
  private readonly fieldCount: number;
  private readonly boosts: Float64Array;
  /** Postings of term t in field f: [start[t·F+f], start[t·F+f+1]) of `postDoc` / `postScore`. */
  private readonly start: Int32Array;
  private readonly postDoc: Int32Array;
  /**
   * The BM25+ score of each posting (term frequency, field length and the term's document count
   * are fixed once built), computed with MiniSearch's formula and operation order.
   */
  private readonly postScore: Float64Array;
  readonly size: number;
  private readonly processTerm: (term: string) => string;
  private readonly slots: Slot[] = [];
  /** The fields each document matched in this search (bits), valid where a slot stamped it. */
  private readonly fieldMask: Uint8Array;
  private epoch = 0;

  constructor(parts: TextIndexParts) {
    this.dict = parts.dict;
    this.fieldCount = parts.boosts.length;
    this.boosts = parts.boosts;
    this.start = parts.start;
    this.postDoc = parts.postDoc;
    this.postScore = parts.postScore;
    this.size = parts.size;
    this.processTerm = parts.processTerm;
    this.fieldMask = new Uint8Array(parts.size);
  }

  private slot(i: number): Slot {
    while (this.slots.length <= i) {
      this.slots.push({
        score: new Float64Array(this.size),
        stamp: new Uint32Array(this.size),
        touched: new Int32Array(this.size),
        position: new Int32Array(this.size),
        count: 0,
      });
    }
    return this.slots[i]!;
  }

  /**
   * Adds the scores of term `termId` (times `weight`) to slot `i`, as MiniSearch's termResults
   * does (fields in order, documents in order); `slots` are this search's, the earlier ones done.
   */
  private score(slots: readonly Slot[], i: number, termId: number, weight: number): void {
    const F = this.fieldCount;
    const epoch = this.epoch;
    const slot = slots[i]!;
    const { stamp, score, touched, position } = slot;
    const { postDoc, postScore, fieldMask } = this;
    for (let f = 0; f < F; f++) {
      const from = this.start[termId * F + f]!;
      const to = this.start[termId * F + f + 1]!;
      if (from === to) continue;
      const boost = this.boosts[f]!;
      const bit = 1 << f;
      for (let p = from; p < to; p++) {
        const doc = postDoc[p]!;
        const weighted = weight * boost * postScore[p]!;
        if (stamp[doc] === epoch) {
          score[doc]! += weighted;
          fieldMask[doc]! |= bit;
          continue;
        }
        stamp[doc] = epoch;
        score[doc] = weighted;
        position[doc] = slot.count;
        touched[slot.count++] = doc;
        // The document's first match in this search starts its field bits afresh.
        let before = false;
        for (let e = 0; e < i && !before; e++) before = slots[e]!.stamp[doc] === epoch;
        fieldMask[doc] = before ? fieldMask[doc]! | bit : bit;
      }
    }
  }

  /**
   * Scores each word of `query` (split and processed as at indexing); the answer's visitors read
   * the scores until the next search.
   */
  search(query: string, options: TermOptions): TextMatches {
    const terms = query
      .split(SPACE_OR_PUNCTUATION)
      .map((t) => this.processTerm(t))
      .filter((t) => !!t);
    if (terms.length > 32) throw new RangeError('At most 32 words per search.');
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) {
      // Wrapped around (or the first search): stamps of old searches must not look current.
      for (const s of this.slots) s.stamp.fill(0);
    }
    // A word given twice counts once in the quality (MiniSearch's distinct `terms`).
    const firstOf = terms.map((t) => terms.indexOf(t));
    const slots: Slot[] = [];
    terms.forEach((term, i) => {
      const slot = this.slot(i);
      slot.count = 0;
      slots.push(slot);
      const exact = this.dict.get(term);
      if (exact !== undefined) this.score(slots, i, exact, 1);
      let fuzzy: Map<string, [number, number]> | undefined;
      const fraction = options.fuzzy(term);
      if (fraction !== false) {
        const maxDistance =
          fraction < 1 ? Math.min(options.maxFuzzy, Math.round(term.length * fraction)) : fraction;
        if (maxDistance) fuzzy = this.dict.fuzzyGet(term, maxDistance);
      }
      if (options.prefix(term, i, terms)) {
        for (const [t, id] of this.dict.atPrefix(term)) {
          const distance = t.length - term.length;
          if (!distance) continue;
          fuzzy?.delete(t); // scored as a prefix match, as MiniSearch does
          this.score(slots, i, id, (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance));
        }
      }
      if (fuzzy) {
        for (const [t, [id, distance]] of fuzzy) {
          if (!distance) continue;
          this.score(slots, i, id, (FUZZY_WEIGHT * t.length) / (t.length + distance));
        }
      }
    });
    const epoch = this.epoch;
    const distinct = (present: (i: number) => boolean): number => {
      let mask = 0;
      for (let i = 0; i < terms.length; i++) if (present(i)) mask |= 1 << firstOf[i]!;
      let q = 0;
      for (; mask; mask &= mask - 1) q++;
      return q;
    };
    const allQuality = distinct(() => true);
    const n = slots.length;
    const fieldMask = this.fieldMask;
    /** The first word that matched `doc` (n when none). */
    const firstSlot = (doc: number): number => {
      let i = 0;
      while (i < n && slots[i]!.stamp[doc] !== epoch) i++;
      return i;
    };
    /** Adds `doc`, first matched by word `i`, with MiniSearch's OR score (a sum in word order). */
    const addAny = (out: MatchList, doc: number, i: number): void => {
      let score = slots[i]!.score[doc]!;
      for (let e = i + 1; e < n; e++) {
        if (slots[e]!.stamp[doc] === epoch) score += slots[e]!.score[doc]!;
      }
      const quality = n === 1 ? 1 : distinct((x) => slots[x]!.stamp[doc] === epoch);
      out.push(doc, score * quality, fieldMask[doc]!);
    };
    return {
      terms,
      all: (out) => {
        const last = slots[n - 1];
        if (!last || slots.some((s) => s.count === 0)) return;
        // MiniSearch's AND keeps the order of the last word's results. The documents in all are
        // found from the word with the fewest ("irisin" in "irisin bone": 3.6k, not bone's 39k at
        // 100k works), then put in that order by their place in the last word's list.
        // (Only when that is much shorter: the sort costs more than the walk it saves otherwise.)
        let fewest = last;
        for (const s of slots) if (s.count < fewest.count) fewest = s;
        let inOrder: Int32Array;
        if (fewest.count * 4 > last.count) inOrder = last.touched.subarray(0, last.count);
        else {
          const places = new Int32Array(fewest.count);
          let m = 0;
          for (let j = 0; j < fewest.count; j++) {
            const doc = fewest.touched[j]!;
            let inAll = true;
            for (let i = 0; i < n && inAll; i++) inAll = slots[i]!.stamp[doc] === epoch;
            if (inAll) places[m++] = last.position[doc]!;
          }
          inOrder = places.subarray(0, m).sort();
          for (let j = 0; j < m; j++) inOrder[j] = last.touched[inOrder[j]!]!;
        }
        for (let j = 0; j < inOrder.length; j++) {
          const doc = inOrder[j]!;
          let inAll = true;
          for (let i = 0; i < n - 1 && inAll; i++) inAll = slots[i]!.stamp[doc] === epoch;
          if (!inAll) continue;
          let score = slots[0]!.score[doc]!;
          for (let i = 1; i < n; i++) score += slots[i]!.score[doc]!;
          out.push(doc, score * allQuality, fieldMask[doc]!);
        }
      },
      any: (out, keep) => {
        // MiniSearch's OR keeps first appearance: the first word's results, then each next word's new ones.
        for (let i = 0; i < n; i++) {
          const s = slots[i]!;
          for (let j = 0; j < s.count; j++) {
            const doc = s.touched[j]!;
            if (firstSlot(doc) !== i || (keep && !keep(doc))) continue;
            addAny(out, doc, i);
          }
        }
      },
      anyOf: (out, docs) => {
        const hits: [slot: number, position: number, doc: number][] = [];
        for (const doc of docs) {
          if (out.has(doc)) continue;
          const i = firstSlot(doc);
          if (i < n) hits.push([i, slots[i]!.position[doc]!, doc]);
        }
        hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (const [i, , doc] of hits) addAny(out, doc, i);
      },
    };
  }
}
