/**
 * Bibliographic records of works, for citation exports. One Cypher statement over
 * {@link GraphStore.query} that both backends accept (`WHERE w.id IN $ids`).
 */
import type { WorkCitationRecord } from '../../model/citation';
import type { Row, Value } from '../../model/values';
import type { GraphStore } from '../../store/graph-store';

/** Most ids one call reads; callers split longer lists. */
export const MAX_WORK_RECORD_IDS = 5_000;

/** Time limit of the read, in milliseconds. */
const READ_TIMEOUT_MS = 30_000;

const str = (v: Value | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: Value | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strList = (v: Value | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function toRecord(r: Row): WorkCitationRecord | null {
  const id = str(r.id);
  if (!id) return null;
  return {
    id,
    doi: str(r.doi),
    pmid: str(r.pmid),
    pmcid: str(r.pmcid),
    title: str(r.title),
    year: num(r.year),
    journal: str(r.journal),
    volume: str(r.volume),
    issue: str(r.issue),
    pages: str(r.pages),
    authors: strList(r.authors),
    type: str(r.type),
  };
}

/**
 * The citation records of the works with these ids, in the order of `ids` (duplicates once).
 * Ids that name no `Work` are left out: compare lengths to learn how many were unknown.
 * @throws RangeError when more than {@link MAX_WORK_RECORD_IDS} distinct ids are given.
 * @throws QueryError when the store fails.
 */
export async function readWorkRecords(
  store: GraphStore,
  ids: readonly string[],
): Promise<WorkCitationRecord[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length > MAX_WORK_RECORD_IDS) {
    throw new RangeError(`At most ${MAX_WORK_RECORD_IDS} work ids at a time (got ${unique.length}).`);
  }
  const result = await store.query(
    `MATCH (w:Work) WHERE w.id IN $ids
     RETURN w.id AS id, w.doi AS doi, w.pmid AS pmid, w.pmcid AS pmcid, w.title AS title, w.year AS year,
       w.journal AS journal, w.volume AS volume, w.issue AS issue, w.pages AS pages, w.authors AS authors,
       w.type AS type`,
    { params: { ids: unique }, timeoutMs: READ_TIMEOUT_MS, maxRows: unique.length },
  );
  const byId = new Map<string, WorkCitationRecord>();
  for (const row of result.rows) {
    const rec = toRecord(row);
    if (rec) byId.set(rec.id, rec);
  }
  return unique.map((id) => byId.get(id)).filter((r): r is WorkCitationRecord => r !== undefined);
}
