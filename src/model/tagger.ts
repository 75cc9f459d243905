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

/** Normalises text before matching: Unicode NFKC, Greek letters spelled out, dash variants as "-". */
export function normaliseText(text: string): string {
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

interface CompiledTerm {
  conceptId: string;
  regex: RegExp;
  /** A lower-case piece that must occur in the lower-cased text for the regex to have a chance. */
  needle: string;
  /** {@link gramKey} of the needle's first (up to) three characters. */
  gram: number;
}

/** Slots of the n-gram filter of {@link compileTagger}. */
const GRAM_SLOTS = 1 << 16;

/** A 16-bit hash of the 1-, 2- or 3-character piece of `s` at `i` (`n` characters). */
function gramKey(s: string, i: number, n: number): number {
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  for (let k = i; k < i + n; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return (h ^ (h >>> 16)) & (GRAM_SLOTS - 1);
}

/** Builds the regular expression for one term. Exported for tests. */
export function termPattern(term: string, caseSensitive: boolean): RegExp | null {
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
  return new RegExp(`${BEFORE}${body}${plural}${AFTER}`, caseSensitive ? 'gu' : 'giu');
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
  const add = (conceptId: string, term: string, caseSensitive: boolean): void => {
    const regex = termPattern(term, caseSensitive);
    if (!regex) throw new TypeError(`${conceptId}: term "${term}" has no letters or digits`);
    const needle = (tokenize(term).chunks[0] ?? '').toLowerCase();
    terms.push({ conceptId, regex, needle, gram: gramKey(needle, 0, Math.min(3, needle.length)) });
  };
  for (const c of concepts) {
    const words = new Set([c.name, ...c.synonyms]);
    for (const w of words) add(c.id, w, false);
    for (const a of new Set(c.abbreviations)) add(c.id, a, true);
  }

  // Which 1-, 2- and 3-character pieces the current text holds (slot = stamp of the text): a term
  // whose needle starts with a piece the text lacks cannot match, and is skipped without a search.
  // Testing every needle with `includes` took most of the tagging time (~500 terms per text).
  const grams = new Uint32Array(GRAM_SLOTS);
  let stamp = 0;
  const markGrams = (lower: string): void => {
    stamp += 1;
    if (stamp === 0xffffffff) {
      grams.fill(0);
      stamp = 1;
    }
    for (let i = 0; i < lower.length; i++) {
      for (let n = 1; n <= 3 && i + n <= lower.length; n++) grams[gramKey(lower, i, n)] = stamp;
    }
  };

  const matchText = (raw: string): Map<string, Set<string>> => {
    const found = new Map<string, Set<string>>();
    const text = normaliseText(raw);
    const lower = text.toLowerCase();
    markGrams(lower);
    for (const t of terms) {
      if (grams[t.gram] !== stamp || !lower.includes(t.needle)) continue;
      // exec in a loop finds what matchAll finds, without cloning the regex for every text.
      t.regex.lastIndex = 0;
      for (let m = t.regex.exec(text); m !== null; m = t.regex.exec(text)) {
        let set = found.get(t.conceptId);
        if (!set) found.set(t.conceptId, (set = new Set()));
        set.add(m[0]);
      }
    }
    return found;
  };

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
    return [...byConcept.values()].sort((a, b) => a.conceptId.localeCompare(b.conceptId));
  };

  return { matchText, tag };
}
