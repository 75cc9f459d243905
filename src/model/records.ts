/**
 * Validation of the bundled dataset's records (graph/*.jsonl and graph/concepts.yaml).
 * These schemas describe the files as they are on disk; `src/ingest` turns them into graph nodes.
 */
import { z } from 'zod';
import { CURATED_REL_TYPES, EDGE_KINDS, type CuratedRelType } from './edge-kinds';
import { CONCEPT_CATEGORIES, EFFECTS } from './graph-schema';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const nullableText = z.string().nullable();
/** Sources are URLs of the public pages (or file paths) a record was taken from. */
const sources = z.array(nonEmpty).min(1, 'needs at least one source');

/**
 * Work ids: `doi:<doi>`, `pmid:<digits>`, `ref:<page slug>#<n>`, or `openalex:W<digits>` for a work
 * fetched from OpenAlex that has neither DOI nor PMID (see graph/README.md).
 */
export const WORK_ID = /^(doi:10\.\S+|pmid:\d+|ref:\S+#\d+|openalex:W\d+)$/;

/**
 * Kinds of work. The bundled data uses `journal-article` and `book-chapter`; works fetched from
 * OpenAlex map its `type` onto this list (see src/enrich/normalise.ts).
 */
export const WORK_TYPES = [
  'journal-article',
  'book-chapter',
  'review',
  'book',
  'preprint',
  'letter',
  'editorial',
  'erratum',
  'dataset',
  'dissertation',
  'report',
  'other',
] as const;

/** A kind of work. */
export type WorkType = (typeof WORK_TYPES)[number];

/** An OpenAlex work id without its URL prefix: `W<digits>`. */
export const OPENALEX_WORK_ID = /^W\d+$/;

/** An ORCID iD as a bare 16-character identifier (`0000-0002-1825-0097`), without https://orcid.org/. */
export const ORCID = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;

/** One MeSH heading of a PubMed record: descriptor UI (`D…`), its name, and whether it is a major topic. */
export const MeshHeadingSchema = z
  .object({
    id: z.string().regex(/^D\d+$/, 'must be a MeSH descriptor UI (D<digits>)'),
    name: nonEmpty,
    isMajor: z.boolean(),
  })
  .strict();

/** A MeSH heading. */
export type MeshHeading = z.infer<typeof MeshHeadingSchema>;

/** One line of graph/works.jsonl. */
export const WorkRecordSchema = z
  .object({
    id: z.string().regex(WORK_ID, 'must look like doi:10.…, pmid:<digits> or ref:<slug>#<n>'),
    doi: z
      .string()
      .regex(/^10\.\S+$/, 'must be a bare DOI (10.…) without https://doi.org/')
      .refine((d) => d === d.toLowerCase(), 'must be lower case')
      .nullable(),
    pmid: z.string().regex(/^\d+$/, 'must be digits').nullable(),
    pmcid: z
      .string()
      .regex(/^PMC\d+$/, 'must look like PMC<digits>')
      .nullable(),
    title: nullableText,
    year: z.number().int().min(1800).max(2100).nullable(),
    journal: nullableText,
    volume: nullableText,
    issue: nullableText,
    pages: nullableText,
    authors: z.array(nonEmpty),
    type: z.enum(WORK_TYPES).nullable(),
    keywords: z.array(nonEmpty),
    abstract: nullableText.optional(),
    /** The API URL the abstract was read from (OpenAlex or PubMed), set when a fetch filled it. */
    abstractSource: nullableText.optional(),
    /** OpenAlex id (`W…`) of the work, for records fetched from or matched in OpenAlex. */
    openalex: z.string().regex(OPENALEX_WORK_ID, 'must look like W<digits>').nullable().optional(),
    /** ORCID iD of each author, in the order of `authors` (null where unknown). */
    orcids: z
      .array(z.string().regex(ORCID, 'must be a bare ORCID iD (0000-0000-0000-000X)').nullable())
      .optional(),
    /** MeSH headings from PubMed. */
    mesh: z.array(MeshHeadingSchema).optional(),
    /**
     * How many references OpenAlex lists for the work (`referenced_works_count`) when it was last
     * fetched: all of them, not only those in this dataset.
     */
    openalexReferenceCount: z.number().int().min(0).nullable().optional(),
    /** How many works cite it according to OpenAlex (`cited_by_count`) when it was last fetched. */
    openalexCitedByCount: z.number().int().min(0).nullable().optional(),
    sources,
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.id.startsWith('openalex:') && w.openalex !== w.id.slice(9)) {
      ctx.addIssue({
        code: 'custom',
        path: ['openalex'],
        message: `must equal the id's OpenAlex id (${w.id.slice(9)})`,
      });
    }
    if (w.orcids && w.orcids.length !== w.authors.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['orcids'],
        message: `must have one entry per author (${w.authors.length}), null where unknown`,
      });
    }
    if (w.id.startsWith('doi:') && w.doi !== w.id.slice(4)) {
      ctx.addIssue({ code: 'custom', path: ['doi'], message: `must equal the id's DOI (${w.id.slice(4)})` });
    }
    if (w.id.startsWith('pmid:') && w.pmid !== w.id.slice(5)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pmid'],
        message: `must equal the id's PMID (${w.id.slice(5)})`,
      });
    }
  });

/** The order of a work record's fields on disk (graph/README.md); a writer puts unknown fields last. */
export const WORK_FIELD_ORDER = [
  'id',
  'doi',
  'pmid',
  'pmcid',
  'openalex',
  'title',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'authors',
  'orcids',
  'type',
  'keywords',
  'mesh',
  'abstract',
  'abstractSource',
  'openalexReferenceCount',
  'openalexCitedByCount',
  'sources',
] as const satisfies readonly (keyof WorkRecord)[];

// Every field of the record schema has its place in WORK_FIELD_ORDER (a compile-time check).
type Unordered = Exclude<keyof WorkRecord, (typeof WORK_FIELD_ORDER)[number]>;
const everyFieldOrdered: [Unordered] extends [never] ? true : Unordered = true;
void everyFieldOrdered;

/** A validated work record. */
export type WorkRecord = z.infer<typeof WorkRecordSchema>;

/** One line of graph/citations.jsonl: `from` cites `to`. */
export const CitationRecordSchema = z
  .object({ from: nonEmpty, to: nonEmpty, kind: z.literal('cites'), sources })
  .strict();

/** One line of graph/related.jsonl: `to` is listed as a similar article on `from`'s PubMed page. */
export const RelatedRecordSchema = z
  .object({ from: nonEmpty, to: nonEmpty, kind: z.literal('similar'), sources })
  .strict();

/** A validated citation or similar-article record. */
export type LinkRecord = z.infer<typeof CitationRecordSchema> | z.infer<typeof RelatedRecordSchema>;

/** Concept ids: `concept:` plus a lower-case kebab-case slug. */
export const CONCEPT_ID = /^concept:[a-z0-9]+(-[a-z0-9]+)*$/;

const conceptId = z.string().regex(CONCEPT_ID, 'must look like concept:lower-kebab-case');

/** One entry of `concepts:` in graph/concepts.yaml. */
export const ConceptRecordSchema = z
  .object({
    id: conceptId,
    name: nonEmpty,
    category: z.enum(CONCEPT_CATEGORIES),
    synonyms: z.array(nonEmpty).default([]),
    abbreviations: z.array(nonEmpty).default([]),
    parents: z.array(conceptId).default([]),
    description: nonEmpty,
    /** A curator's note, e.g. why members of a class differ (checked by model/vocabulary-checks.ts; not loaded). */
    note: nonEmpty.optional(),
  })
  .strict();

/** A validated concept. */
export type ConceptRecord = z.infer<typeof ConceptRecordSchema>;

const evidence = z
  .array(z.string().regex(WORK_ID, 'must be a work id'))
  .min(1, 'needs at least one evidence work');

/** The fields of one curated relation type on disk: an `effect` where the type stores one. */
type CuratedFields<T extends CuratedRelType> = {
  type: T;
  from: string;
  to: string;
} & ('effect' extends keyof (typeof EDGE_KINDS)[T]['properties']
  ? { effect: (typeof EFFECTS)[number] }
  : unknown) & { evidence: string[] };

/** A validated concept relation: one of the registry's curated types (edge-kinds.ts). */
export type ConceptRelation = { [T in CuratedRelType]: CuratedFields<T> }[CuratedRelType];

const hasEffect = (type: CuratedRelType): boolean => 'effect' in EDGE_KINDS[type].properties;

/**
 * One entry of `relations:` in graph/concepts.yaml: a curated type of the registry (edge-kinds.ts)
 * between two concepts, with its evidence works and, where the type stores one, an effect.
 */
export const ConceptRelationSchema = z.discriminatedUnion(
  'type',
  CURATED_REL_TYPES.map((type) =>
    z
      .object({
        type: z.literal(type),
        from: conceptId,
        to: conceptId,
        ...(hasEffect(type) ? { effect: z.enum(EFFECTS) } : {}),
        evidence,
      })
      .strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<ConceptRelation>;

/** One entry of `toVerify:`: a plausible relation without supporting work in graph/ (never loaded). */
export const UnverifiedRelationSchema = z
  .object({
    type: z.enum(CURATED_REL_TYPES as [CuratedRelType, ...CuratedRelType[]]),
    from: conceptId,
    to: conceptId,
    effect: z.enum(EFFECTS).optional(),
    reason: nonEmpty,
  })
  .strict();

/** The top level of graph/concepts.yaml. */
export const ConceptFileSchema = z
  .object({
    concepts: z.array(z.unknown()),
    relations: z.array(z.unknown()).default([]),
    toVerify: z.array(z.unknown()).default([]),
  })
  .strict();
