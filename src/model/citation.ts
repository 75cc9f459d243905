/**
 * Works as CSL-JSON items, the input of reference-manager formats (BibTeX, RIS). Pure: no IO.
 *
 * Only what a work record holds is mapped — nothing is looked up or guessed. Author strings keep
 * the parts they show: "Ben Kirk" → {given: "Ben", family: "Kirk"}, "Nakamura H" → {family:
 * "Nakamura", given: "H"}, "Sing, C.W." → {family: "Sing", given: "C.W."}, and a bare surname
 * such as "Messier" → {family: "Messier"} with no given name. "et al." is not an author: it is
 * dropped from the list and reported as {@link WorkCitation.hasMoreAuthors}, so a writer can say
 * "and others" where its format has a way to (BibTeX) and leave it out where it has none (RIS,
 * CSL-JSON). A work without a year gets no `issued` date.
 */
import { WORK_DETAIL_FIELDS, type WorkDetailField } from './api';
import { isEtAl, slug } from './authors';
import type { NodeRecord } from './graph-schema';

/** Properties of a work's details a citation does without. */
const NOT_CITED = [
  'keywords',
  'abstract',
  'abstractSource',
  'sources',
  'isReview',
  'openalexReferenceCount',
  'openalexCitedByCount',
] as const satisfies readonly WorkDetailField[];

/** A property of a `Work` node a citation is made from. */
export type WorkCitationField = Exclude<WorkDetailField, (typeof NOT_CITED)[number]>;

/**
 * The properties of a `Work` node a citation is made from, in the schema's order; `type` is the
 * work's type as stored (`journal-article`, `book-chapter`), or null when unknown.
 */
export const WORK_CITATION_FIELDS = WORK_DETAIL_FIELDS.filter(
  (f): f is WorkCitationField => !(NOT_CITED as readonly string[]).includes(f),
);

/** The fields of a work a citation is made from, as stored on a `Work` node (typed by the schema). */
export type WorkCitationRecord = Pick<NodeRecord<'Work'>, WorkCitationField>;

/** Reference-manager formats the server writes (POST /api/cite), for the UI and the server alike. */
export const CITE_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;

/** A citation format. */
export type CiteFormat = (typeof CITE_FORMATS)[number];

/** File extension of each format, without the dot. */
export const CITE_EXTENSIONS: Record<CiteFormat, string> = { bibtex: 'bib', ris: 'ris', 'csl-json': 'json' };

/** A CSL name: structured parts, never invented. */
export interface CslName {
  family: string;
  given?: string;
  suffix?: string;
}

/** The CSL-JSON item types this mapping produces. */
export type CslType = 'article-journal' | 'chapter' | 'document';

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type: CslType;
  'citation-key': string;
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  issued?: { 'date-parts': [[number]] };
  DOI?: string;
  PMID?: string;
  PMCID?: string;
}

/** A work as a CSL item, plus what CSL cannot say. */
export interface WorkCitation {
  item: CslItem;
  /** True when the author list was shown truncated ("et al."): more authors exist than are named. */
  hasMoreAuthors: boolean;
}

/** A name followed by the marker of a truncated list, as short reference entries write it: "Kim et al.". */
const TRAILING_ET_AL = /^(.*?)[\s,]+(et\.?\s*al\.?)$/i;
const SUFFIXES = /^(jr|sr|ii|iii|iv)\.?$/i;
/** Lower- or capitalised surname particles that belong to the family name ("Marco Di Monaco"). */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'des',
  'ter',
  'ten',
]);

/**
 * Splits "Kim et al." into the name shown ("Kim") and whether a truncation marker followed it;
 * a plain name comes back as it is.
 */
function withoutTrailingEtAl(raw: string): { name: string; truncated: boolean } {
  const m = TRAILING_ET_AL.exec(raw.trim());
  if (m?.[1] && m[2] && isEtAl(m[2])) return { name: m[1], truncated: true };
  return { name: raw, truncated: false };
}

/**
 * Splits an author string as shown into CSL name parts. Returns null for "et al." and empty
 * strings. A single word is a family name only. Never throws.
 */
export function cslNameOf(raw: string): CslName | null {
  const shown = withoutTrailingEtAl(raw).name.trim().replace(/\s+/g, ' ');
  if (shown === '' || isEtAl(shown)) return null;

  // "Surname, Given" or "Surname, G.H."
  if (shown.includes(',')) {
    const [family = '', ...rest] = shown.split(',').map((p) => p.trim());
    const givenParts = rest.filter((p) => p !== '');
    const suffix = givenParts.find((p) => SUFFIXES.test(p));
    const given = givenParts.filter((p) => p !== suffix).join(' ');
    return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) };
  }

  let tokens = shown.split(' ');
  let suffix: string | undefined;
  if (tokens.length > 1 && SUFFIXES.test(tokens.at(-1)!)) {
    suffix = tokens.at(-1);
    tokens = tokens.slice(0, -1);
  }
  const withSuffix = (n: CslName): CslName => (suffix ? { ...n, suffix } : n);
  if (tokens.length === 1) return withSuffix({ family: tokens[0]! });

  // "Nakamura H", "Achenbach SJ", "von Haehling S": family name first, then upper-case initials.
  const last = tokens.at(-1)!;
  if (/^[A-Z]{1,4}$/.test(last)) {
    return withSuffix({ family: tokens.slice(0, -1).join(' '), given: last });
  }

  // "Ben Kirk", "M. K. Robinson", "Marco Di Monaco": given names first; particles before the last
  // word belong to the family name. "Di Daniele" is all family name.
  let start = tokens.length - 1;
  while (start > 0 && PARTICLES.has(tokens[start - 1]!.toLowerCase())) start--;
  const family = tokens.slice(start).join(' ');
  const given = tokens.slice(0, start).join(' ');
  return withSuffix(given ? { family, given } : { family });
}

/**
 * The CSL type of a work: `journal-article` → article-journal, `book-chapter` → chapter. An
 * unknown type with a known journal is taken as a journal article (the record names a journal as
 * its container); without one it is a generic `document` (BibTeX @misc).
 */
export function cslTypeOf(w: Pick<WorkCitationRecord, 'type' | 'journal'>): CslType {
  if (w.type === 'book-chapter') return 'chapter';
  if (w.type === 'journal-article' || w.journal) return 'article-journal';
  return 'document';
}

/** Maps one work to a CSL item. `key` becomes the citation key (see {@link citationKeys}). */
export function workToCsl(w: WorkCitationRecord, key: string): WorkCitation {
  const names = w.authors.map(cslNameOf).filter((n): n is CslName => n !== null);
  // "et al." on its own, or after the last name shown ("Kim et al."): more authors than named.
  const hasMoreAuthors =
    w.authors.some((a) => isEtAl(a) || withoutTrailingEtAl(a).truncated) && names.length > 0;
  const item: CslItem = { id: w.id, type: cslTypeOf(w), 'citation-key': key };
  const text = (v: string | null): string | null => (v !== null && v.trim() !== '' ? v.trim() : null);
  const title = text(w.title);
  if (title) item.title = title;
  if (names.length > 0) item.author = names;
  const journal = text(w.journal);
  if (journal) item['container-title'] = journal;
  const volume = text(w.volume);
  if (volume) item.volume = volume;
  const issue = text(w.issue);
  if (issue) item.issue = issue;
  const pages = text(w.pages);
  if (pages) item.page = pages;
  if (w.year !== null) item.issued = { 'date-parts': [[w.year]] };
  if (w.doi) item.DOI = w.doi;
  if (w.pmid) item.PMID = w.pmid;
  if (w.pmcid) item.PMCID = w.pmcid;
  return { item, hasMoreAuthors };
}

/**
 * Unique citation keys in the usual `<surname><year><first title word>` shape, ASCII only
 * ("Kirk2025Bone"); parts that are unknown are left out (never guessed), `work` when nothing is
 * known. Repeated keys get a, b, c… suffixes in input order.
 */
export function citationKeys(works: readonly WorkCitationRecord[]): string[] {
  const word = (s: string | undefined): string => {
    const ascii = slug(s ?? '').split('-')[0] ?? '';
    return ascii ? ascii.charAt(0).toUpperCase() + ascii.slice(1) : '';
  };
  const bases = works.map((w) => {
    const first = w.authors.map(cslNameOf).find((n) => n !== null);
    const surname = slug(first?.family ?? '').replace(/-/g, '');
    const titleWord = (w.title ?? '')
      .split(/\s+/)
      .map((t) => word(t))
      .find((t) => t.length > 3);
    const base = `${surname ? surname.charAt(0).toUpperCase() + surname.slice(1) : ''}${w.year ?? ''}${titleWord ?? ''}`;
    return base || 'work';
  });
  const total = new Map<string, number>();
  for (const b of bases) total.set(b, (total.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return bases.map((b) => {
    if (total.get(b) === 1) return b;
    const i = seen.get(b) ?? 0;
    seen.set(b, i + 1);
    return `${b}${suffixLetters(i)}`;
  });
}

/** 0 → a, 25 → z, 26 → aa … */
function suffixLetters(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/** Maps works to CSL items with unique citation keys, in input order. */
export function worksToCsl(works: readonly WorkCitationRecord[]): WorkCitation[] {
  const keys = citationKeys(works);
  return works.map((w, i) => workToCsl(w, keys[i]!));
}
