/**
 * Concept tagging: finds which concepts a work's title, keywords and abstract mention.
 *
 * Rules (see graph/README.md):
 * - names and synonyms match case-insensitively, abbreviations case-sensitively ("OPG" but not "opg");
 * - matches sit on word boundaries: "IL-6" does not match inside "IL-60" or "IL-6R";
 * - hyphen, space and no-space variants are equal ("IL-6" = "IL6" = "IL 6"), and so are Greek letters
 *   and their names ("TGF-β" = "TGF-beta" = "TGFβ");
 * - a trailing plural "s"/"es" is tolerated on words ("osteoblasts"), and a plural "s" on acronyms
 *   ("MSCs").
 */
import type { MentionField } from './graph-schema';

/** What the tagger needs to know about a concept. */
export interface TaggableConcept {
  id: string;
  name: string;
  synonyms: readonly string[];
  abbreviations: readonly string[];
}

/** The text fields of a work that are searched for concepts. */
export interface TaggableText {
  title?: string | null;
  keywords?: readonly string[] | null;
  abstract?: string | null;
}

/** One concept found in a work. */
export interface Mention {
  conceptId: string;
  /** Fields it was found in, in the order title, keywords, abstract. */
  foundIn: MentionField[];
  /** The distinct pieces of text that matched, as written (after Greek/dash normalisation). */
  matched: string[];
}

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ω: 'omega',
  Α: 'Alpha',
  Β: 'Beta',
  Γ: 'Gamma',
  Δ: 'Delta',
  Κ: 'Kappa',
};
const GREEK_RE = new RegExp(`[${Object.keys(GREEK).join('')}]`, 'gu');
const DASHES_RE = /[\u2010\u2011\u2012\u2013\u2014\u2212\u00ad]/gu;

const NON_ASCII = /[^ -~\t\n\r]/;

/** Normalises text before matching: Unicode NFKC, Greek letters spelled out, dash variants as "-". */
export function normaliseText(text: string): string {
  // Printable ASCII is its own NFKC form and holds no Greek letter or dash variant.
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFKC')
    .replace(GREEK_RE, (g) => GREEK[g] ?? g)
    .replace(DASHES_RE, '-');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a term into alphanumeric chunks (also between letters and digits: "IL6" → IL, 6) and
 * the gaps between them ("25(OH)D" → 25, OH, D with gaps "(", ")").
 */
function tokenize(term: string): { chunks: string[]; gaps: string[] } {
  const text = normaliseText(term);
  const chunks: string[] = [];
  const gaps: string[] = [];
  let end = -1;
  for (const m of text.matchAll(/\p{L}+|\p{N}+/gu)) {
    if (end >= 0) gaps.push(text.slice(end, m.index));
    chunks.push(m[0]);
    end = m.index + m[0].length;
  }
  return { chunks, gaps };
}

/** Spaces, hyphens and slashes between chunks are interchangeable and optional. */
const SEPARATOR = '[\\s\\-/]?';
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

function gapPattern(gap: string): string {
  // Other punctuation, as in "25(OH)D", must be written as in the term.
  return /^[\s/-]*$/.test(gap) ? SEPARATOR : escape(gap.trim());
}

/**
 * The pieces of a term's regular expression: `body` (its chunks and the gaps between them) and the
 * optional `plural` suffix; null when the term has no letters or digits.
 */
function termParts(term: string, caseSensitive: boolean): { body: string; plural: string } | null {
  const { chunks: parts, gaps } = tokenize(term);
  const last = parts.at(-1);
  if (!last) return null;
  const endsInLetter = /\p{L}$/u.test(last);
  let plural = '';
  if (endsInLetter && !caseSensitive && last.length >= 3) plural = '(?:s|es)?';
  if (endsInLetter && caseSensitive && /^\p{Lu}+$/u.test(last)) plural = 's?';
  const body = parts
    .map((c, i) => (i === 0 ? escape(c) : gapPattern(gaps[i - 1] ?? '') + escape(c)))
    .join('');
  return { body, plural };
}

/**
 * Builds the regular expression for one term: what the tagger finds is what this finds (global,
 * over the normalised text). Exported for tests.
 */
export function termPattern(term: string, caseSensitive: boolean): RegExp | null {
  const parts = termParts(term, caseSensitive);
  if (!parts) return null;
  return new RegExp(`${BEFORE}${parts.body}${parts.plural}${AFTER}`, caseSensitive ? 'gu' : 'giu');
}

interface CompiledTerm {
  conceptId: string;
  term: string;
  caseSensitive: boolean;
  /**
   * The term without its word-boundary lookarounds, sticky: tried only where a word starts (so the
   * lookbehind holds), the end is checked after. With lookarounds over \p classes and the `i` flag
   * each regex took ~2 ms to compile, a second for the vocabulary (issue 19).
   */
  sticky: RegExp;
  /** {@link termPattern}, compiled when first needed (texts the fast path cannot take). */
  full: RegExp | null;
  /** Length of the lower-cased first chunk (the needle). */
  needleLength: number;
  /**
   * The lower-cased second chunk when the first gap is a separator (null: no second chunk, or the
   * gap is punctuation to match as written): a cheap test before the regex, see {@link compileTagger}.
   */
  second: string | null;
}

/** A letter or digit (sticky: tested at one index). */
const WORD_CHAR = /[\p{L}\p{N}]/uy;
/** ASCII letters and digits (1), by code: most text is ASCII, and a table beats a regex per character. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) =>
  /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0,
);

/**
 * A trie of the terms' first chunks ("needles"), lower-cased, over UTF-16 code units: edges in one
 * Map keyed by node × 2^16 + code unit; `ends` holds the needle number ending at a node (-1: none).
 */
class NeedleTrie {
  private readonly edges = new Map<number, number>();
  /** The ASCII edges again, by node × 128 + code unit → next node + 1 (0: none): no Map lookup. */
  private readonly ascii: number[] = new Array<number>(128).fill(0);
  private readonly ends: number[] = [-1];
  /** The terms of each needle, in the order they were added. */
  readonly terms: number[][] = [];

  add(needle: string, term: number): void {
    let node = 0;
    for (let i = 0; i < needle.length; i++) {
      const key = node * 0x10000 + needle.charCodeAt(i);
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.ends.length;
        this.ends.push(-1);
        for (let k = 0; k < 128; k++) this.ascii.push(0);
        this.edges.set(key, next);
        const c = needle.charCodeAt(i);
        if (c < 128) this.ascii[node * 128 + c] = next + 1;
      }
      node = next;
    }
    if (this.ends[node]! < 0) {
      this.ends[node] = this.terms.length;
      this.terms.push([]);
    }
    this.terms[this.ends[node]!]!.push(term);
  }

  /** Calls `onNeedle` with the number of every needle that `lower` holds at `start`. */
  walk(lower: string, start: number, onNeedle: (needle: number) => void): void {
    let node = 0;
    for (let i = start; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      const next = c < 128 ? this.ascii[node * 128 + c]! - 1 : (this.edges.get(node * 0x10000 + c) ?? -1);
      if (next < 0) return;
      node = next;
      const needle = this.ends[node]!;
      if (needle >= 0) onNeedle(needle);
    }
  }
}

/** A compiled set of concept matchers. */
export interface Tagger {
  /** Finds the concepts mentioned in one text. Returns concept id → matched strings. */
  matchText(text: string): Map<string, Set<string>>;
  /** Finds the concepts mentioned in a work's title, keywords and abstract. */
  tag(record: TaggableText): Mention[];
}

/**
 * Compiles the matchers of a vocabulary.
 * @throws TypeError when a term has no letters or digits.
 */
export function compileTagger(concepts: readonly TaggableConcept[]): Tagger {
  const terms: CompiledTerm[] = [];
  const trie = new NeedleTrie();
  const add = (conceptId: string, term: string, caseSensitive: boolean): void => {
    const parts = termParts(term, caseSensitive);
    if (!parts) throw new TypeError(`${conceptId}: term "${term}" has no letters or digits`);
    const sticky = new RegExp(parts.body + parts.plural, caseSensitive ? 'uy' : 'iuy');
    const { chunks, gaps } = tokenize(term);
    const needle = (chunks[0] ?? '').toLowerCase();
    const secondChunk = chunks[1]?.toLowerCase() ?? null;
    const second =
      secondChunk !== null && gapPattern(gaps[0] ?? '') === SEPARATOR && needle.length === chunks[0]!.length
        ? secondChunk
        : null;
    trie.add(needle, terms.length);
    terms.push({ conceptId, term, caseSensitive, sticky, full: null, needleLength: needle.length, second });
  };
  for (const c of concepts) {
    const words = new Set([c.name, ...c.synonyms]);
    for (const w of words) add(c.id, w, false);
    for (const a of new Set(c.abbreviations)) add(c.id, a, true);
  }

  const record = (found: Map<string, Set<string>>, conceptId: string, matched: string): void => {
    let set = found.get(conceptId);
    if (!set) found.set(conceptId, (set = new Set()));
    set.add(matched);
  };

  /** Every term's full pattern over the whole text: the definition, for texts the fast path cannot take. */
  const matchEveryTerm = (text: string): Map<string, Set<string>> => {
    const found = new Map<string, Set<string>>();
    for (const t of terms) {
      const regex = (t.full ??= termPattern(t.term, t.caseSensitive)!);
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) record(found, t.conceptId, m[0]);
    }
    return found;
  };

  // One pass finds where each term could start: at the start of a run of letters and digits (the
  // lookbehind), where the lower-cased text holds the term's first chunk (the trie). Each term's
  // sticky pattern is then tried at its candidate starts in order, skipping starts inside its
  // previous match, which finds what the global pattern finds. Before, ~500 regexes ran over every
  // text (issue 19: 17 % of the bundled ingest; 33 s at 100k works under load).
  // Needle number → the word starts where the text holds it, ascending; valid for the needles in
  // `touched` (stamped with the current text's number), reused from text to text. Maps here (a
  // Map per text, iterated and copied into another) took a third of the tagger's time at 100k works.
  const needleCount = trie.terms.length;
  const needleStarts: number[][] = Array.from({ length: needleCount }, () => []);
  const needleStamp = new Int32Array(needleCount);
  const touched: number[] = [];
  let stamp = 0;
  let runStart = 0;
  const onNeedle = (needle: number): void => {
    const starts = needleStarts[needle]!;
    if (needleStamp[needle] !== stamp) {
      needleStamp[needle] = stamp;
      starts.length = 0;
      touched.push(needle);
    }
    starts.push(runStart);
  };
  // Term number → its needle (each term has one).
  const termNeedle = new Int32Array(terms.length);
  trie.terms.forEach((ts, needle) => ts.forEach((t) => (termNeedle[t] = needle)));
  const candidateTerms: number[] = [];

  const matchText = (raw: string): Map<string, Set<string>> => {
    const text = normaliseText(raw);
    const lower = text.toLowerCase();
    // Positions in `lower` are positions in `text` only when lower-casing kept the length; and
    // U+0345 (combining ypogegrammeni) is the one character that the patterns' `i` flag counts as
    // a letter (it folds to iota) but \p{L} does not, so the lookarounds would differ.
    if (lower.length !== text.length || text.includes('\u0345')) return matchEveryTerm(text);
    stamp = (stamp + 1) | 0 || 1;
    touched.length = 0;
    // The starts of the runs of letters and digits (by code point, as the patterns' \p classes).
    let inWord = false;
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      let isWord: boolean;
      let width = 1;
      if (c < 128) isWord = ASCII_WORD[c] === 1;
      else {
        WORD_CHAR.lastIndex = i;
        isWord = WORD_CHAR.test(text);
        if (isWord && c >= 0xd800 && c <= 0xdbff) width = WORD_CHAR.lastIndex - i;
      }
      if (isWord && !inWord) {
        runStart = i;
        trie.walk(lower, i, onNeedle);
      }
      inWord = isWord;
      i += width;
    }
    candidateTerms.length = 0;
    for (const needle of touched) for (const t of trie.terms[needle]!) candidateTerms.push(t);
    // In ascending order, by insertion (a handful per text; Array#sort with a comparator was a
    // tenth of the tagger's time).
    for (let i = 1; i < candidateTerms.length; i++) {
      const t = candidateTerms[i]!;
      let j = i - 1;
      for (; j >= 0 && candidateTerms[j]! > t; j--) candidateTerms[j + 1] = candidateTerms[j]!;
      candidateTerms[j + 1] = t;
    }
    const found = new Map<string, Set<string>>();
    for (const t of candidateTerms) {
      const { sticky, conceptId, needleLength, second } = terms[t]!;
      const starts = needleStarts[termNeedle[t]!]!;
      let from = 0;
      for (let k = 0; k < starts.length; k++) {
        const start = starts[k]!;
        if (start < from) continue;
        // Most candidates share only their first word with the text ("bone" of "bone marrow"): the
        // second chunk must follow it, directly or after one character that is no letter or digit
        // (a superset of the pattern's optional [\s\-/]), before the regex is worth running.
        if (second !== null) {
          const after = start + needleLength;
          if (!lower.startsWith(second, after)) {
            const c = lower.charCodeAt(after);
            const isWord =
              c < 128 ? ASCII_WORD[c] === 1 : ((WORD_CHAR.lastIndex = after), WORD_CHAR.test(lower));
            if (isWord || !lower.startsWith(second, after + 1)) continue;
          }
        }
        sticky.lastIndex = start;
        const m = sticky.exec(text);
        if (!m) continue;
        const end = start + m[0].length;
        // The lookahead, checked after the match: no other choice of plural or separator could
        // end elsewhere (every alternative ends in a letter or digit), so backtracking into the
        // pattern could not have rescued a miss.
        WORD_CHAR.lastIndex = end;
        if (WORD_CHAR.test(text)) continue;
        record(found, conceptId, m[0]);
        from = end;
      }
    }
    return found;
  };

  // Mentions are sorted by concept id as localeCompare orders them: ranked once here (unless two
  // ids compare equal, where the order of the work's mentions decides, as before).
  const ids = [...new Set(concepts.map((c) => c.id))].sort((a, b) => a.localeCompare(b));
  const tiesInLocale = ids.some((id, i) => i > 0 && ids[i - 1]!.localeCompare(id) === 0);
  const rank = new Map(ids.map((id, i) => [id, i]));
  const byId = (a: Mention, b: Mention): number =>
    tiesInLocale ? a.conceptId.localeCompare(b.conceptId) : rank.get(a.conceptId)! - rank.get(b.conceptId)!;

  const tag = (record: TaggableText): Mention[] => {
    const byConcept = new Map<string, Mention>();
    const fields: [MentionField, string | null | undefined][] = [
      ['title', record.title],
      ['keywords', record.keywords?.join(' ; ')],
      ['abstract', record.abstract],
    ];
    for (const [field, text] of fields) {
      if (!text) continue;
      for (const [conceptId, matched] of matchText(text)) {
        let m = byConcept.get(conceptId);
        if (!m) byConcept.set(conceptId, (m = { conceptId, foundIn: [], matched: [] }));
        m.foundIn.push(field);
        for (const s of matched) if (!m.matched.includes(s)) m.matched.push(s);
      }
    }
    return [...byConcept.values()].sort(byId);
  };

  return { matchText, tag };
}
