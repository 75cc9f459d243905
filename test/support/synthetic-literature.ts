/**
 * A synthetic literature around the review for the expansion e2e test and bench: OpenAlex Work
 * objects in the format of test/fixtures/openalex/ (the documented Work object, checked against the
 * responses recorded from the live API in ../shared/fixtures/real-api/), generated here, never
 * written to graph/ or any dataset the product ships.
 *
 * **Test records, not real data.** Every generated work is titled "Synthetic test record …
 * (not a real paper; crosstalk-kg test fixture)", has OpenAlex ids in the unused range W98…,
 * no author, no PMID, and no DOI except the one citing work the tests expand as a second seed,
 * which gets one under 10.5555 (the prefix Crossref keeps for tests and examples). Their reference
 * lists and the review's cited-by list are the test's own claims, for code paths only.
 *
 * What the stand-in then knows of the review (its real bibliographic data is the fixture's, from
 * graph/): OpenAlex lists `REFERENCES_LISTED` = 202 referenced works — the four of the bundled
 * graph's five references that OpenAlex can resolve (three by DOI, one by title: W9900000002–4 and
 * W9900000007 of test/fixtures/openalex) and 198 synthetic ones — and counts 203
 * (`referenced_works_count`: the fifth, a book chapter without title, as OpenAlex counts references
 * it could not resolve). After one expansion the graph knows 5 + 198 = 203 references of 203.
 * `CITING` = 100 synthetic works cite the review (each also cites two of the synthetic references).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Not ./temp's ROOT: that module registers vitest hooks, and the bench (src/bench/expand-bench.ts)
// uses this generator outside vitest.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Json = Record<string, unknown>;

/** OpenAlex id of the review in test/fixtures/openalex. */
export const REVIEW_OPENALEX = 'W9900000001';
/** Synthetic references of the review. */
export const SYNTHETIC_REFERENCES = 198;
/** Synthetic works citing the review. */
export const CITING = 100;
/** Works the second seed cites that nothing else does (what a second expansion would add). */
export const SECOND_SEED_REFERENCES = 30;
/** What OpenAlex counts as the review's references (`referenced_works_count`). */
export const REFERENCES_COUNTED = 203;
/** The DOI of the synthetic citing work the tests expand second (Crossref's test prefix). */
export const SECOND_SEED_DOI = '10.5555/crosstalk-kg-test.c001';
/** The marker every synthetic title carries. */
export const SYNTHETIC_MARK = '(not a real paper; crosstalk-kg test fixture)';

const OA = 'https://openalex.org/';
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** W98 + 8 digits: references; W981 + 7: citing works; W982 + 7: the second seed's own references. */
export const referenceId = (i: number): string => `W98${pad(i, 8)}`;
export const citingId = (i: number): string => `W981${pad(i, 7)}`;
export const secondSeedReferenceId = (i: number): string => `W982${pad(i, 7)}`;

/** The synthetic title of reference `i` (1-based), as the tests search for it. */
export const referenceTitle = (i: number): string => `Synthetic test record R-${pad(i, 3)} ${SYNTHETIC_MARK}`;
export const citingTitle = (i: number): string =>
  `Synthetic test record C-${pad(i, 3)} citing the review ${SYNTHETIC_MARK}`;

/** OpenAlex's `abstract_inverted_index` of a text (word → positions), as the API sends abstracts. */
export function invertedIndex(text: string): Record<string, number[]> {
  const index: Record<string, number[]> = {};
  text.split(/\s+/).forEach((word, i) => {
    (index[word] ??= []).push(i);
  });
  return index;
}

/** Every few references the text names concepts of the graph, so tagging has something to find. */
const abstractOf = (kind: string, i: number): string =>
  i % 10 === 0
    ? `Synthetic test text, not a published abstract: ${kind} ${i} mentions irisin and sclerostin so that concept tagging has something to find.`
    : `Synthetic test text, not a published abstract: ${kind} ${i} of the crosstalk-kg expansion fixture.`;

function work(id: string, title: string, year: number, abstract: string, refs: string[], doi?: string): Json {
  return {
    id: `${OA}${id}`,
    doi: doi ? `https://doi.org/${doi}` : null,
    title,
    display_name: title,
    publication_year: year,
    type: 'article',
    ids: { openalex: `${OA}${id}`, ...(doi ? { doi: `https://doi.org/${doi}` } : {}) },
    primary_location: {
      is_oa: false,
      landing_page_url: null,
      pdf_url: null,
      source: {
        id: null,
        display_name: 'Synthetic Test Source (crosstalk-kg fixture)',
        issn_l: null,
        issn: null,
        host_organization: null,
        type: 'journal',
      },
      license: null,
      version: 'publishedVersion',
    },
    authorships: [],
    biblio: { volume: null, issue: null, first_page: null, last_page: null },
    referenced_works_count: refs.length,
    referenced_works: refs.map((r) => `${OA}${r}`),
    abstract_inverted_index: invertedIndex(abstract),
    cited_by_count: 0,
  };
}

/** What the stand-in serves on top of test/fixtures/openalex (see startFixtureApi's `synthetic`). */
export interface SyntheticLiterature {
  /** Works that replace the fixture's of the same id, or are added to them. */
  works: Json[];
  /** `cites:<id>` lists, by target id, in order. */
  citing: Record<string, Json[]>;
}

/** Builds the synthetic literature (deterministic: the same objects on every call). */
export function syntheticLiterature(): SyntheticLiterature {
  const review = JSON.parse(
    readFileSync(path.join(ROOT, 'test/fixtures/openalex/works', `${REVIEW_OPENALEX}.json`), 'utf8'),
  ) as Json;
  const references = Array.from({ length: SYNTHETIC_REFERENCES }, (_, k) => {
    const i = k + 1;
    return work(referenceId(i), referenceTitle(i), 1990 + (i % 35), abstractOf('reference', i), []);
  });
  const secondRefs = Array.from({ length: SECOND_SEED_REFERENCES }, (_, k) => {
    const i = k + 1;
    const title = `Synthetic test record S-${pad(i, 3)} ${SYNTHETIC_MARK}`;
    return work(secondSeedReferenceId(i), title, 2000 + (i % 20), abstractOf('second-seed reference', i), []);
  });
  const citing = Array.from({ length: CITING }, (_, k) => {
    const i = k + 1;
    const refs = [REVIEW_OPENALEX, referenceId(((2 * i) % SYNTHETIC_REFERENCES) + 1)];
    refs.push(referenceId(((2 * i + 1) % SYNTHETIC_REFERENCES) + 1));
    if (i === 1) refs.push(...secondRefs.map((_, j) => secondSeedReferenceId(j + 1)));
    return work(
      citingId(i),
      citingTitle(i),
      2025 + (i % 2),
      abstractOf('citing work', i),
      refs,
      i === 1 ? SECOND_SEED_DOI : undefined,
    );
  });
  const listed = [
    'W9900000002',
    'W9900000003',
    'W9900000004',
    'W9900000007',
    ...references.map((w) => shortId(w)),
  ];
  const grownReview: Json = {
    ...review,
    referenced_works: listed.map((id) => `${OA}${id}`),
    referenced_works_count: REFERENCES_COUNTED,
    cited_by_count: CITING,
  };
  return {
    works: [grownReview, ...references, ...secondRefs, ...citing],
    citing: { [REVIEW_OPENALEX]: citing },
  };
}

function shortId(w: Json): string {
  return String(w.id).slice(OA.length);
}
