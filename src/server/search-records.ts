/**
 * The search index's records read from the store in batches (GET /api/search's source), so the
 * server's thread never holds them all: at 100k works the whole list was ~120 MB of heap on the
 * server's thread while the worker built its copy. The one reader of them (GraphReader's
 * one-array read, which this replaced, is gone).
 */
import { isEtAl } from '../model/authors';
import type { ConceptCategory } from '../model/graph-schema';
import { numberOf, textOf, textsOf, type Row } from '../model/values';
import type { GraphStore } from '../store/graph-store';
import type { SearchRecord } from './read-models/graph-reader';

/** Time limit of each of the two reads (all works, all concepts). */
const READ_TIMEOUT_MS = 60_000;

const workRecord = (w: Row): SearchRecord => ({
  id: textOf(w.id) ?? '',
  kind: 'work',
  title: textOf(w.title) ?? '',
  year: numberOf(w.year),
  journal: textOf(w.journal),
  authors: textsOf(w.authors).filter((a) => !isEtAl(a)),
  doi: textOf(w.doi),
  pmid: textOf(w.pmid),
  pmcid: textOf(w.pmcid),
  keywords: textsOf(w.keywords),
  category: null,
  synonyms: [],
  abbreviations: [],
});

const conceptRecord = (c: Row): SearchRecord => ({
  id: textOf(c.id) ?? '',
  kind: 'concept',
  title: textOf(c.name) ?? '',
  year: null,
  journal: null,
  authors: [],
  doi: null,
  pmid: null,
  pmcid: null,
  keywords: [],
  category: textOf(c.category) as ConceptCategory,
  synonyms: textsOf(c.synonyms),
  abbreviations: textsOf(c.abbreviations),
});

/**
 * Hands every work, then every concept, of the store to `onBatch` as search records, a batch
 * (the store's) at a time.
 * @throws QueryError when the store cannot be read.
 */
export async function streamSearchRecords(
  store: GraphStore,
  onBatch: (records: SearchRecord[]) => void,
): Promise<void> {
  await store.stream(
    `MATCH (w:Work) RETURN w.id AS id, w.title AS title, w.year AS year, w.journal AS journal, w.authors AS authors,
       w.doi AS doi, w.pmid AS pmid, w.pmcid AS pmcid, w.keywords AS keywords`,
    (rows) => onBatch(rows.map(workRecord)),
    { timeoutMs: READ_TIMEOUT_MS },
  );
  await store.stream(
    'MATCH (c:Concept) RETURN c.id AS id, c.name AS name, c.category AS category, c.synonyms AS synonyms, c.abbreviations AS abbreviations',
    (rows) => onBatch(rows.map(conceptRecord)),
    { timeoutMs: READ_TIMEOUT_MS },
  );
}
