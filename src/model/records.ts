/**
 * Validation of the bundled dataset's records (graph/*.jsonl and graph/concepts.yaml).
 * These schemas describe the files as they are on disk; `src/ingest` turns them into graph nodes.
 */
import { z } from 'zod';
import { CONCEPT_CATEGORIES, EFFECTS } from './graph-schema';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const nullableText = z.string().nullable();
/** Sources are URLs of the public pages (or file paths) a record was taken from. */
const sources = z.array(nonEmpty).min(1, 'needs at least one source');

/** Work ids: `doi:<doi>`, `pmid:<digits>` or `ref:<page slug>#<n>` (see graph/README.md). */
export const WORK_ID = /^(doi:10\.\S+|pmid:\d+|ref:\S+#\d+)$/;

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
    type: z.enum(['journal-article', 'book-chapter']).nullable(),
    keywords: z.array(nonEmpty),
    abstract: nullableText.optional(),
    sources,
  })
  .strict()
  .superRefine((w, ctx) => {
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
  })
  .strict();

/** A validated concept. */
export type ConceptRecord = z.infer<typeof ConceptRecordSchema>;

const evidence = z
  .array(z.string().regex(WORK_ID, 'must be a work id'))
  .min(1, 'needs at least one evidence work');

/** One entry of `relations:` in graph/concepts.yaml. */
export const ConceptRelationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SECRETED_BY'), from: conceptId, to: conceptId, evidence }).strict(),
  z
    .object({ type: z.literal('ACTS_ON'), from: conceptId, to: conceptId, effect: z.enum(EFFECTS), evidence })
    .strict(),
]);

/** A validated concept relation. */
export type ConceptRelation = z.infer<typeof ConceptRelationSchema>;

/** One entry of `toVerify:`: a plausible relation without supporting work in graph/ (never loaded). */
export const UnverifiedRelationSchema = z
  .object({
    type: z.enum(['SECRETED_BY', 'ACTS_ON']),
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
