/**
 * Bibliographic records of works, for citation exports. One Cypher statement over
 * {@link GraphStore.query} that both backends accept (`WHERE w.id IN $ids`). Also the columns of
 * a work's reference line in a list, shared by the read models.
 */
import type { WorkRef } from '../../model/api';
import { isEtAl } from '../../model/authors';
import { WORK_CITATION_FIELDS, type WorkCitationRecord } from '../../model/citation';
import { decodeProperties } from '../../model/graph-schema';
import { numberOf, textOf, textsOf, type Row } from '../../model/values';
import type { GraphStore } from '../../store/graph-store';

/** The columns of a work reference (see {@link toWorkRef}). */
export const WORK_REF_FIELDS = (v: string): string =>
  `${v}.id AS id, ${v}.title AS title, ${v}.year AS year, ${v}.journal AS journal, ${v}.authors AS authors`;

/** A work reference from the columns of {@link WORK_REF_FIELDS}. */
export function toWorkRef(r: Row): WorkRef {
  const authors = textsOf(r.authors).filter((a) => !isEtAl(a));
  return {
    id: textOf(r.id) ?? '',
    title: textOf(r.title),
    year: numberOf(r.year),
    journal: textOf(r.journal),
    firstAuthor: authors[0] ?? null,
  };
}

/** Most ids one call reads; callers split longer lists. */
export const MAX_WORK_RECORD_IDS = 5_000;

/** Time limit of the read, in milliseconds. */
const READ_TIMEOUT_MS = 30_000;

function toRecord(r: Row): WorkCitationRecord | null {
  if (textOf(r.id) === null) return null;
  return decodeProperties('Work', r, WORK_CITATION_FIELDS);
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
     RETURN ${WORK_CITATION_FIELDS.map((f) => `w.${f} AS ${f}`).join(', ')}`,
    { params: { ids: unique }, timeoutMs: READ_TIMEOUT_MS, maxRows: unique.length },
  );
  const byId = new Map<string, WorkCitationRecord>();
  for (const row of result.rows) {
    const rec = toRecord(row);
    if (rec) byId.set(rec.id, rec);
  }
  return unique.map((id) => byId.get(id)).filter((r): r is WorkCitationRecord => r !== undefined);
}
