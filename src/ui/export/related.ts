/**
 * Exports of a related-works list: a CSV table with the scores and the evidence (pure, below), and
 * BibTeX or RIS of the listed works, written by the server (POST /api/cite).
 */
import type { RelatedEvidence, RelatedPayload } from '../../model/api';
import { CITE_EXT, fetchCitationFile, type CiteFormat } from './cite-file';
import { toCsv } from './csv';
import { downloadBlob, exportFilename } from './download';

/** Columns of the related-works table. */
export const RELATED_CSV_COLUMNS = [
  'rank',
  'id',
  'title',
  'year',
  'journal',
  'first_author',
  'score',
  'cited_by_in_graph',
  'references_in_graph',
  'cited_by_openalex',
  'page_rank',
  'evidence',
] as const;

/** One piece of evidence as text with the ids it rests on, e.g. "cited together 2 times (by doi:…; doi:…)". */
export function evidenceText(e: RelatedEvidence): string {
  const more = (shown: number, total: number): string => (total > shown ? `; and ${total - shown} more` : '');
  const parts: string[] = [];
  if (e.works.length > 0) {
    const lead = e.kind === 'cited-together' ? 'by ' : '';
    parts.push(`${lead}${e.works.join('; ')}${more(e.works.length, e.worksTotal)}`);
  }
  if (e.by.length > 0) parts.push(`by ${e.by.join('; ')}${more(e.by.length, e.byTotal)}`);
  return parts.length > 0 ? `${e.text} (${parts.join('; ')})` : e.text;
}

/** The ranked works of an answer as CSV, one row each, evidence joined with " | ". */
export function relatedCsv(answer: RelatedPayload): string {
  return toCsv(
    RELATED_CSV_COLUMNS,
    answer.rows.map((r) => {
      const w = answer.works[r.id];
      return [
        r.rank,
        r.id,
        w?.title ?? null,
        w?.year ?? null,
        w?.journal ?? null,
        w?.firstAuthor ?? null,
        Number(r.score.toFixed(6)),
        r.citedBy,
        r.references,
        w?.globalCitedBy ?? null,
        r.pageRank === null ? null : Number(r.pageRank.toFixed(6)),
        r.evidence.map(evidenceText).join(' | '),
      ];
    }),
  );
}

const what = (answer: RelatedPayload): string => `${answer.kind}-works`;

/** Downloads the answer as CSV. */
export function downloadRelatedCsv(answer: RelatedPayload): void {
  downloadBlob(
    new Blob([relatedCsv(answer)], { type: 'text/csv;charset=utf-8' }),
    exportFilename(what(answer), 'csv'),
  );
}

/** Downloads the listed works as BibTeX or RIS, written by the server. Throws an Error with the server's message. */
export async function downloadRelatedCitations(answer: RelatedPayload, format: CiteFormat): Promise<void> {
  const ids = answer.rows.map((r) => r.id);
  if (ids.length === 0) throw new Error('The list is empty: nothing to export.');
  const blob = await fetchCitationFile(ids, format);
  downloadBlob(blob, exportFilename(what(answer), CITE_EXT[format]));
}

/** Downloads the collection's works as BibTeX or RIS, written by the server. Throws an Error with the server's message. */
export async function downloadCollectionCitations(ids: readonly string[], format: CiteFormat): Promise<void> {
  if (ids.length === 0) throw new Error('The collection is empty: nothing to export.');
  const blob = await fetchCitationFile([...ids], format);
  downloadBlob(blob, exportFilename('collection', CITE_EXT[format]));
}
