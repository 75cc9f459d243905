/**
 * Pure functions that turn identifiers typed by a user and records sent by OpenAlex and PubMed into
 * the dataset's own shapes (graph/README.md). Nothing here does IO; every function is total and
 * reports what it could not use instead of throwing, except the `require…` helpers for user input.
 */
import { UsageError } from '../model/errors';
import {
  type MeshHeading,
  type WorkRecord,
  type WorkType,
  OPENALEX_WORK_ID,
  ORCID,
  WorkRecordSchema,
} from '../model/records';

/** A DOI as the dataset stores it: `10.<registrant>/<suffix>`, lower case. */
const DOI = /^10\.\d{4,9}\/\S+$/;

/**
 * Reads a DOI in any of the forms people paste (`10.…`, `doi:10.…`, `https://doi.org/10.…`,
 * `http://dx.doi.org/10.…`) and returns it bare and lower case; null when it is not a DOI.
 */
export function parseDoi(input: string | null | undefined): string | null {
  if (!input) return null;
  let s = input.trim();
  s = s.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
  try {
    if (/%[0-9a-f]{2}/i.test(s)) s = decodeURIComponent(s);
  } catch {
    return null;
  }
  s = s.toLowerCase();
  return DOI.test(s) ? s : null;
}

/** Reads a PMID (`40011751`, `pmid:40011751` or a pubmed.ncbi.nlm.nih.gov link); null when it is not one. */
export function parsePmid(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input
    .trim()
    .replace(/^https?:\/\/(www\.)?pubmed\.ncbi\.nlm\.nih\.gov\//i, '')
    .replace(/^https?:\/\/www\.ncbi\.nlm\.nih\.gov\/pubmed\//i, '')
    .replace(/^pmid:\s*/i, '')
    .replace(/\/$/, '');
  return /^[1-9]\d{0,9}$/.test(s) ? s : null;
}

/** Reads a PMCID (`PMC123`, a pmc/articles link, or bare digits as OpenAlex sometimes gives); null otherwise. */
export function parsePmcid(input: string | null | undefined): string | null {
  if (!input) return null;
  const m = /(?:^|\/|PMC)(\d+)\/?$/i.exec(input.trim());
  return m ? `PMC${m[1]}` : null;
}

/** The `W…` part of an OpenAlex work id or URL; null when it is not one. */
export function openAlexWorkId(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().replace(/^https?:\/\/(api\.)?openalex\.org\/(works\/)?/i, '');
  const upper = s.charAt(0).toUpperCase() + s.slice(1);
  return OPENALEX_WORK_ID.test(upper) ? upper : null;
}

/** A bare ORCID iD from `https://orcid.org/…` or the bare form; null when malformed. */
export function parseOrcid(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input
    .trim()
    .replace(/^https?:\/\/(www\.)?orcid\.org\//i, '')
    .toUpperCase();
  return ORCID.test(s) ? s : null;
}

/**
 * The DOI given on the command line, validated.
 * @throws UsageError saying what a DOI looks like.
 */
export function requireDoi(input: string): string {
  const doi = parseDoi(input);
  if (!doi) {
    throw new UsageError(
      `"${input}" is not a DOI. A DOI looks like 10.1038/s41574-025-01088-x (a doi.org link works too).`,
    );
  }
  return doi;
}

/**
 * The PMID given on the command line, validated.
 * @throws UsageError saying what a PMID looks like.
 */
export function requirePmid(input: string): string {
  const pmid = parsePmid(input);
  if (!pmid) throw new UsageError(`"${input}" is not a PMID. A PMID is a number such as 40011751.`);
  return pmid;
}

/**
 * Rebuilds an abstract from OpenAlex's `abstract_inverted_index` (word → positions): words in
 * position order, joined by single spaces. Null for a missing or empty index.
 */
export function abstractFromInvertedIndex(
  index: Record<string, readonly number[]> | null | undefined,
): string | null {
  if (!index) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const p of positions) if (Number.isInteger(p) && p >= 0) words[p] = word;
  }
  const text = words
    .filter((w) => w !== undefined)
    .join(' ')
    .trim();
  return text.length > 0 ? text : null;
}

/**
 * Maps an OpenAlex work `type` onto the dataset's types. OpenAlex calls journal articles,
 * proceedings articles and posted content `article`; it is mapped to `journal-article` as in the
 * bundled data. Types without a counterpart (paratext, peer-review, …) become `other`.
 */
export function mapWorkType(type: string | null | undefined): WorkType | null {
  if (!type) return null;
  switch (type) {
    case 'article':
    case 'journal-article':
      return 'journal-article';
    case 'book-chapter':
    case 'review':
    case 'book':
    case 'preprint':
    case 'letter':
    case 'editorial':
    case 'erratum':
    case 'dataset':
    case 'dissertation':
    case 'report':
      return type;
    case 'posted-content':
      return 'preprint';
    default:
      return 'other';
  }
}

/** Strips markup OpenAlex and PubMed leave in titles (`<i>`, `<sup>`…) and collapses whitespace. */
export function cleanText(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text
    .replace(/<\/?[a-z][a-z0-9]*(\s[^>]*)?>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 0 ? s : null;
}

/** The parts of an OpenAlex Work object this project reads (see test/fixtures/openalex/README.md). */
export interface OpenAlexWork {
  id?: string | null;
  doi?: string | null;
  display_name?: string | null;
  title?: string | null;
  publication_year?: number | null;
  type?: string | null;
  ids?: { openalex?: string | null; doi?: string | null; pmid?: string | null; pmcid?: string | null } | null;
  primary_location?: { source?: { display_name?: string | null } | null } | null;
  authorships?:
    | {
        author?: { id?: string | null; display_name?: string | null; orcid?: string | null } | null;
        raw_author_name?: string | null;
      }[]
    | null;
  biblio?: {
    volume?: string | null;
    issue?: string | null;
    first_page?: string | null;
    last_page?: string | null;
  } | null;
  referenced_works?: string[] | null;
  referenced_works_count?: number | null;
  abstract_inverted_index?: Record<string, number[]> | null;
  cited_by_count?: number | null;
}

/** A work normalised from OpenAlex, with what else the fetcher needs to know about it. */
export interface NormalisedWork {
  /** The OpenAlex id (`W…`). */
  openalex: string;
  record: WorkRecord;
  /** OpenAlex ids of the works it cites. */
  references: string[];
  /** Values that were dropped because they were malformed (e.g. a DOI that is not one). */
  notes: string[];
}

/** The result of normalising one record: the work, or why it was skipped. */
export type NormaliseResult = { ok: true; work: NormalisedWork } | { ok: false; reason: string };

function pagesOf(biblio: OpenAlexWork['biblio']): string | null {
  const first = cleanText(biblio?.first_page);
  const last = cleanText(biblio?.last_page);
  if (first && last && first !== last) return `${first}-${last}`;
  return first ?? last;
}

/**
 * Turns an OpenAlex Work object into a dataset record. The id is `doi:` when it has a DOI, else
 * `pmid:`, else `openalex:W…`. `sourceUrl` is the API URL recorded in `sources`.
 * A record without an OpenAlex id, or one the dataset schema rejects, is skipped with a reason.
 */
export function normaliseOpenAlexWork(raw: OpenAlexWork, sourceUrl: string): NormaliseResult {
  const openalex = openAlexWorkId(raw.id ?? raw.ids?.openalex);
  if (!openalex) {
    const what = cleanText(raw.display_name ?? raw.title);
    return { ok: false, reason: `record without an OpenAlex id${what ? ` ("${what.slice(0, 60)}")` : ''}` };
  }
  const notes: string[] = [];
  const rawDoi = raw.doi ?? raw.ids?.doi ?? null;
  const doi = parseDoi(rawDoi);
  if (rawDoi && !doi) notes.push(`${openalex}: ignored malformed DOI "${rawDoi}"`);
  const rawPmid = raw.ids?.pmid ?? null;
  const pmid = parsePmid(rawPmid);
  if (rawPmid && !pmid) notes.push(`${openalex}: ignored malformed PMID "${rawPmid}"`);
  const pmcid = parsePmcid(raw.ids?.pmcid);

  const authors: string[] = [];
  const orcids: (string | null)[] = [];
  for (const a of raw.authorships ?? []) {
    const name = cleanText(a.author?.display_name ?? a.raw_author_name);
    if (!name) continue;
    authors.push(name);
    orcids.push(parseOrcid(a.author?.orcid));
  }
  const year =
    typeof raw.publication_year === 'number' && raw.publication_year >= 1800 && raw.publication_year <= 2100
      ? raw.publication_year
      : null;
  const abstract = abstractFromInvertedIndex(raw.abstract_inverted_index);
  // OpenAlex's own counts, over all its records (this dataset holds only some of those works).
  const count = (n: number | null | undefined): number | null =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
  const referenceCount =
    count(raw.referenced_works_count) ?? (raw.referenced_works ? raw.referenced_works.length : null);
  const citedByCount = count(raw.cited_by_count);
  const record: WorkRecord = {
    id: doi ? `doi:${doi}` : pmid ? `pmid:${pmid}` : `openalex:${openalex}`,
    doi,
    pmid,
    pmcid,
    title: cleanText(raw.display_name ?? raw.title),
    year,
    journal: cleanText(raw.primary_location?.source?.display_name),
    volume: cleanText(raw.biblio?.volume),
    issue: cleanText(raw.biblio?.issue),
    pages: pagesOf(raw.biblio),
    authors,
    type: mapWorkType(raw.type),
    keywords: [],
    openalex,
    ...(orcids.some((o) => o !== null) ? { orcids } : {}),
    ...(abstract ? { abstract, abstractSource: sourceUrl } : {}),
    ...(referenceCount !== null ? { openalexReferenceCount: referenceCount } : {}),
    ...(citedByCount !== null ? { openalexCitedByCount: citedByCount } : {}),
    sources: [sourceUrl],
  };
  const checked = WorkRecordSchema.safeParse(record);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      reason: `${openalex} does not fit the dataset (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'})`,
    };
  }
  const references = (raw.referenced_works ?? [])
    .map((r) => openAlexWorkId(r))
    .filter((r): r is string => r !== null && r !== openalex);
  return { ok: true, work: { openalex, record: checked.data, references: [...new Set(references)], notes } };
}

/** What PubMed adds to a work: MeSH headings, author keywords, an abstract and identifiers. */
export interface PubMedRecord {
  pmid: string;
  doi: string | null;
  pmcid: string | null;
  title: string | null;
  abstract: string | null;
  /** Author keywords (KeywordList). */
  keywords: string[];
  mesh: MeshHeading[];
  /**
   * PMIDs of the works it cites: `CommentsCorrectionsList` entries with `RefType="Cites"` (older
   * records) and `ReferenceList` entries with a PubMed id (newer ones).
   */
  references: string[];
  /** The API URL recorded in `sources`. */
  sourceUrl: string;
}
