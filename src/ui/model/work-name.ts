/** Short names of works for dense lists (evidence of related works). Pure. */
import type { WorkRef } from '../../model/api';

/**
 * "Surname year" from the first author as the source wrote it — "Surname, Given", PubMed's
 * "Surname GI" (initials last) or "Given Surname" — or, without an author, the start of the
 * title; the id when nothing is known. A year not known is "n.d.".
 */
export function shortWorkName(
  w: Pick<WorkRef, 'firstAuthor' | 'year' | 'title'> | undefined,
  id: string,
): string {
  if (!w) return id;
  const author = w.firstAuthor?.trim();
  if (author) {
    const parts = author.split(/\s+/);
    const surname = author.includes(',')
      ? author.split(',')[0]!.trim()
      : parts.length > 1 && /^[A-Z]{1,3}$/.test(parts[parts.length - 1]!)
        ? parts.slice(0, -1).join(' ')
        : parts[parts.length - 1]!;
    return `${surname} ${w.year ?? 'n.d.'}`;
  }
  const t = w.title ?? id;
  return t.length > 40 ? `${t.slice(0, 38)}…` : t;
}
