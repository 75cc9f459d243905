/**
 * Turns a validated dataset into graph nodes and relationships: works, concepts, authors and
 * journals; citations, similar-article links, concept mentions (tagging), authorship,
 * publication venue, and the curated concept relations.
 */
import { authorId, parseAuthorName } from '../model/authors';
import { CURATED_REL_TYPES, type CuratedRelType } from '../model/edge-kinds';
import {
  holdWorkLinks,
  type GraphData,
  type NodeRecord,
  type RelRecord,
  type WorkLinkColumns,
} from '../model/graph-schema';
import { REVIEW_ID, journalId } from '../model/ids';
import { compileTagger } from '../model/tagger';
import type { PhaseClock } from './phases';
import { DATASET_FILES, type Dataset } from './read-dataset';

/** Source recorded on nodes and relationships that come from the curated vocabulary. */
export const VOCABULARY_SOURCE = `graph/${DATASET_FILES.concepts}`;

/**
 * Builds the graph of a dataset. Layout fields (`x`, `y`, `community`) are left null. `clock`, when
 * given, gets laps for tagging and for the rest of the build.
 */
export function buildGraph(ds: Dataset, clock?: PhaseClock): GraphData {
  const staged = stageGraph(ds, clock);
  staged.finish();
  return staged.graph;
}

/** A graph built except for its authors, journals and concept tags (see {@link stageGraph}). */
export interface StagedBuild {
  /**
   * The graph; its Author and Journal nodes, AUTHORED, PUBLISHED_IN and MENTIONS lists are empty and
   * every concept's `mentionCount` 0 until {@link finish} runs.
   */
  graph: GraphData;
  /** Builds the authors and journals and tags the works, in place. Runs once; later calls do nothing. */
  finish: () => void;
}

/**
 * Builds the works, citations, similar-article links and concepts of a dataset, leaving authors,
 * journals and tagging for `finish`, so a staged load can copy the works and citations while the
 * rest is built: tagging and authors took ~2.5 s of the time before the first COPY at 100k works.
 * {@link buildGraph} does both at once. `clock`, when given, gets laps for the build and for tagging
 * (`finish` restarts it first: the time between the two is the store's).
 */
export function stageGraph(ds: Dataset, clock?: PhaseClock): StagedBuild {
  const works: NodeRecord<'Work'>[] = ds.works.map(({ value: w }) => ({
    id: w.id,
    doi: w.doi,
    pmid: w.pmid,
    pmcid: w.pmcid,
    title: w.title,
    year: w.year,
    journal: w.journal,
    volume: w.volume,
    issue: w.issue,
    pages: w.pages,
    type: w.type,
    authors: w.authors,
    keywords: w.keywords,
    abstract: w.abstract ?? null,
    abstractSource: w.abstractSource ?? null,
    openalex: w.openalex ?? null,
    mesh: (w.mesh ?? []).map((m) => m.name),
    meshIds: (w.mesh ?? []).map((m) => m.id),
    sources: w.sources,
    isReview: w.id === REVIEW_ID,
    citedByCount: 0,
    referenceCount: 0,
    openalexReferenceCount: w.openalexReferenceCount ?? null,
    openalexCitedByCount: w.openalexCitedByCount ?? null,
    x: null,
    y: null,
    community: null,
  }));
  // Links from the dataset's columns, kept as columns (no record per link is made unless read;
  // the embedded store writes its files from them): every end of a valid dataset is a work number
  // (the works are in dataset order).
  const workIds = works.map((w) => w.id);
  const linkColumns = (cols: Dataset['links']['citations']): WorkLinkColumns => ({
    workIds,
    sourceLists: ds.links.sourceLists,
    ends: cols.ends,
    sources: cols.sources,
  });
  const citationEnds = ds.ends.citations;
  for (let i = 0; i < citationEnds.length; i += 2) {
    works[citationEnds[i]!]!.referenceCount! += 1;
    works[citationEnds[i + 1]!]!.citedByCount! += 1;
  }

  // Authors and journals are built in `finish` (they are not needed by the first tables a staged
  // load copies); these lists are filled in place then.
  const authorNodes: NodeRecord<'Author'>[] = [];
  const authored: RelRecord<'AUTHORED'>[] = [];
  const journalNodes: NodeRecord<'Journal'>[] = [];
  const publishedIn: RelRecord<'PUBLISHED_IN'>[] = [];
  const people = (): void => {
    // Authors: merged only on surname + all initials; bare surnames stay per work. An ORCID iD
    // (works fetched from OpenAlex) is kept on the authorship, and on the author only when every
    // authorship merged into it that has one agrees.
    const authors = new Map<string, NodeRecord<'Author'>>();
    const authorOrcids = new Map<string, Set<string>>();
    // The same name on many works is parsed once, and, when its id does not depend on the work, its
    // author is looked up once (a Map lookup per authorship was a fifth of this phase at 100k works).
    const names = new Map<
      string,
      { parsed: ReturnType<typeof parseAuthorName>; id: string | null; author?: NodeRecord<'Author'> }
    >();
    for (const { value: w } of ds.works) {
      let position = 0;
      for (const [index, raw] of w.authors.entries()) {
        let name = names.get(raw);
        if (!name) {
          const parsed = parseAuthorName(raw);
          // A bare surname's id depends on the work; any other name's does not.
          name = { parsed, id: parsed && !parsed.isSurnameOnly ? authorId(parsed, '') : null };
          names.set(raw, name);
        }
        const parsed = name.parsed;
        if (!parsed) continue;
        position += 1;
        const id = name.id ?? authorId(parsed, w.id);
        const orcid = w.orcids?.[index] ?? null;
        if (orcid) {
          const seen = authorOrcids.get(id) ?? new Set<string>();
          seen.add(orcid);
          authorOrcids.set(id, seen);
        }
        let existing = name.author ?? authors.get(id);
        if (existing) {
          if (parsed.asShown.length > (existing.name?.length ?? 0)) existing.name = parsed.asShown;
          for (const s of w.sources) if (!existing.sources.includes(s)) existing.sources.push(s);
        } else {
          existing = {
            id,
            name: parsed.asShown,
            surname: parsed.surname,
            initials: parsed.initials,
            isSurnameOnly: parsed.isSurnameOnly,
            orcid: null,
            sources: [...w.sources],
          };
          authors.set(id, existing);
        }
        if (name.id !== null) name.author = existing;
        authored.push({
          from: id,
          to: w.id,
          position,
          nameAsShown: parsed.asShown,
          orcid,
          sources: w.sources,
        });
      }
    }
    for (const [id, orcids] of authorOrcids) {
      const author = authors.get(id);
      if (author && orcids.size === 1) author.orcid = [...orcids][0] ?? null;
    }

    const journals = new Map<string, NodeRecord<'Journal'>>();
    for (const { value: w } of ds.works) {
      if (!w.journal) continue;
      const id = journalId(w.journal);
      const j = journals.get(id);
      if (j) {
        for (const s of w.sources) if (!j.sources.includes(s)) j.sources.push(s);
      } else journals.set(id, { id, name: w.journal, sources: [...w.sources] });
      publishedIn.push({ from: w.id, to: id, sources: w.sources });
    }
    for (const a of authors.values()) authorNodes.push(a);
    for (const j of journals.values()) journalNodes.push(j);
  };

  const concepts: NodeRecord<'Concept'>[] = ds.concepts.map(({ value: c }) => ({
    id: c.id,
    name: c.name,
    category: c.category,
    synonyms: c.synonyms,
    abbreviations: c.abbreviations,
    description: c.description,
    sources: [VOCABULARY_SOURCE],
    mentionCount: 0,
    x: null,
    y: null,
    community: null,
  }));
  const conceptById = new Map(concepts.map((c) => [c.id, c]));

  const mentions: RelRecord<'MENTIONS'>[] = [];
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clock?.restart?.();
    people();
    clock?.lap('build nodes and links');
    const tagger = compileTagger(ds.concepts.map((c) => c.value));
    for (const { value: w } of ds.works) {
      for (const m of tagger.tag(w)) {
        mentions.push({
          from: w.id,
          to: m.conceptId,
          foundIn: m.foundIn,
          matched: m.matched,
          sources: w.sources,
        });
        conceptById.get(m.conceptId)!.mentionCount! += 1;
      }
    }
    clock?.lap('tag concepts');
  };

  const isA: RelRecord<'IS_A'>[] = ds.concepts.flatMap(({ value: c }) =>
    c.parents.map((p) => ({ from: c.id, to: p, sources: [VOCABULARY_SOURCE] })),
  );
  // Curated relations go to the relationship type they name, with their effect where the type has one.
  const curated = Object.fromEntries(CURATED_REL_TYPES.map((t) => [t, [] as object[]])) as {
    [T in CuratedRelType]: RelRecord<T>[];
  };
  for (const { value: r } of ds.relations) {
    const { type, ...fields } = r;
    (curated[type] as object[]).push({ ...fields, sources: [VOCABULARY_SOURCE] });
  }

  clock?.lap('build nodes and links');
  const graph: GraphData = {
    nodes: { Work: works, Concept: concepts, Author: authorNodes, Journal: journalNodes },
    rels: {
      // Made from the columns on first read (holdWorkLinks below).
      CITES: [],
      SIMILAR_TO: [],
      MENTIONS: mentions,
      AUTHORED: authored,
      PUBLISHED_IN: publishedIn,
      IS_A: isA,
      ...curated,
    },
  };
  holdWorkLinks(graph, 'CITES', linkColumns(ds.links.citations));
  holdWorkLinks(graph, 'SIMILAR_TO', linkColumns(ds.links.related));
  return { graph, finish };
}
