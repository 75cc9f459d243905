/**
 * Graded evidence: what kind of support an evidence work is, read only from what the data holds,
 * each answer with the field it was read from. Nothing is guessed: where the data does not say,
 * the answer is `unknown`. Pure.
 *
 * Kind of support, in this order (the first that speaks wins):
 * 1. `type` = `review` (only OpenAlex gives it) → review, "OpenAlex type: review".
 * 2. PubMed publication types, when a dataset holds them (`publicationTypes`): "Review",
 *    "Systematic Review", "Meta-Analysis" → review; "Randomized Controlled Trial", "Clinical Trial",
 *    "Observational Study", "Comparative Study" … → primary.
 * 3. Title cues (stated as such): review words (review, meta-analysis, overview, perspective, update)
 *    → review; study words (mice, rats, knockout, in vitro, trial, cohort, patients …) → primary.
 * 4. A work fetched from OpenAlex (`openalex` set) typed `journal-article` → primary, "OpenAlex
 *    type: article" (OpenAlex types reviews as `review` apart from articles).
 * 5. Otherwise unknown. The bundled `journal-article` type (Crossref's) says nothing about it.
 *
 * Species or model: from MeSH headings only (Humans, Mice, Rats, cell lines); else unknown.
 */

/** Kind of support a work gives. */
export type SupportKind = 'review' | 'primary' | 'unknown';

/** Where the data showed a concept in a work. */
export type MatchPlace = 'title' | 'keywords' | 'MeSH' | 'abstract';

/** The fields of a work grading reads. */
export interface GradableWork {
  title: string | null;
  type: string | null;
  openalex: string | null;
  mesh: readonly string[];
  /** PubMed publication types, when the dataset holds them. */
  publicationTypes?: readonly string[];
}

/** What kind of support a work is, and from which field that was read. */
export interface EvidenceGrade {
  support: SupportKind;
  /** E.g. "OpenAlex type: review", "title cue: “mice”", "not stated in the data". */
  supportBasis: string;
  /** Species or models MeSH names (`humans`, `mice`, `rats`, `cell lines`); empty when it names none. */
  species: string[];
  /** "MeSH" when MeSH headings were read, else why not. */
  speciesBasis: string;
}

const REVIEW_PUBLICATION_TYPES = new Set(['review', 'systematic review', 'meta-analysis', 'scoping review']);
const PRIMARY_PUBLICATION_TYPES = [
  'randomized controlled trial',
  'clinical trial',
  'observational study',
  'comparative study',
  'multicenter study',
  'validation study',
  'twin study',
  'case reports',
];
/** Words in a title that say "review", matched on word boundaries, case-insensitively. */
export const REVIEW_TITLE_CUES = [
  'review',
  'reviews',
  'meta-analysis',
  'overview',
  'perspective',
  'perspectives',
  'update',
  'state of the art',
];
/** Words in a title that say "primary study". */
export const PRIMARY_TITLE_CUES = [
  'mice',
  'mouse',
  'murine',
  'rat',
  'rats',
  'knockout',
  'deficient',
  'transgenic',
  'in vitro',
  'in vivo',
  'randomized',
  'randomised',
  'trial',
  'cohort',
  'cross-sectional',
  'case-control',
  'patients',
  'participants',
];

const SPECIES_MESH: readonly [RegExp, string][] = [
  [/^humans$/i, 'humans'],
  [/^mice\b/i, 'mice'],
  [/^rats\b/i, 'rats'],
  [/^cell line\b|^cells, cultured$/i, 'cell lines'],
];

function cueIn(title: string, cues: readonly string[]): string | null {
  const t = title.toLowerCase();
  for (const cue of cues) {
    const re = new RegExp(`(^|[^a-z0-9])${cue.replace(/[-\s]/g, '[-\\s]')}($|[^a-z0-9])`);
    if (re.test(t)) return cue;
  }
  return null;
}

/** Grades one work from its type, publication types, title and MeSH headings. */
export function gradeWork(w: GradableWork): EvidenceGrade {
  const species = [
    ...new Set(w.mesh.flatMap((m) => SPECIES_MESH.filter(([re]) => re.test(m)).map(([, s]) => s))),
  ];
  const speciesBasis = w.mesh.length > 0 ? 'MeSH' : 'no MeSH headings in the data';
  const grade = (support: SupportKind, supportBasis: string): EvidenceGrade => ({
    support,
    supportBasis,
    species,
    speciesBasis,
  });
  if (w.type === 'review') return grade('review', 'OpenAlex type: review');
  const types = (w.publicationTypes ?? []).map((t) => t.toLowerCase());
  const reviewType = types.find((t) => REVIEW_PUBLICATION_TYPES.has(t));
  if (reviewType) return grade('review', `PubMed publication type: ${reviewType}`);
  const primaryType = types.find((t) => PRIMARY_PUBLICATION_TYPES.includes(t));
  if (primaryType) return grade('primary', `PubMed publication type: ${primaryType}`);
  const title = w.title ?? '';
  const reviewCue = cueIn(title, REVIEW_TITLE_CUES);
  if (reviewCue) return grade('review', `title cue: “${reviewCue}”`);
  const primaryCue = cueIn(title, PRIMARY_TITLE_CUES);
  if (primaryCue) return grade('primary', `title cue: “${primaryCue}”`);
  if (w.openalex && w.type === 'journal-article') return grade('primary', 'OpenAlex type: article');
  return grade('unknown', 'not stated in the data (no OpenAlex or PubMed type, no title cue)');
}

/** Splits a text into sentences (a full stop, ! or ? followed by space and a capital or digit). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function contains(sentence: string, text: string): boolean {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}`, 'iu').test(sentence);
}

/**
 * The first sentence of an abstract that names both ends (by the texts the tagger matched for
 * each), or null. A machine-found co-occurrence, not a curated claim.
 */
export function coOccurrenceSentence(
  abstract: string,
  fromMatched: readonly string[],
  toMatched: readonly string[],
): string | null {
  if (fromMatched.length === 0 || toMatched.length === 0) return null;
  for (const s of sentences(abstract)) {
    if (fromMatched.some((m) => contains(s, m)) && toMatched.some((m) => contains(s, m))) return s;
  }
  return null;
}
