/** Short names of works for dense lists (evidence of related works and of the crosstalk matrix). Pure. */
import type { WorkRef } from '../../model/api';

/** A token of initials: "LF", "A.", "E.A.", "M-B", "C.W." (up to three letters). */
const INITIALS = /^(?:\p{Lu}[.-]?){1,3}$/u;
/** A name that is an organisation, not a person ("GBD 2019 Fracture Collaborators"). */
const ORGANISATION = /\d|\s(?:of|for|and|the|on)\s|collaborat|consortium|group|society|association/i;

/**
 * The surname of a first author as the source wrote it: "Surname, Given", PubMed's "Surname GI"
 * and "Surname G.I." (initials last), "GI Surname" or "Given Surname"; an organisation whole.
 */
export function surnameOf(author: string): string {
  const a = author.trim();
  if (a.includes(',')) return a.split(',')[0]!.trim();
  if (ORGANISATION.test(a)) return a;
  const parts = a.split(/\s+/);
  if (parts.length > 1 && INITIALS.test(parts[parts.length - 1]!)) return parts.slice(0, -1).join(' ');
  return parts[parts.length - 1]!;
}

/**
 * "Surname year" from the first author (see {@link surnameOf}) or, without an author, the start
 * of the title; the id when nothing is known. A year not known is "n.d.".
 */
export function shortWorkName(
  w: Pick<WorkRef, 'firstAuthor' | 'year' | 'title'> | undefined,
  id: string,
): string {
  if (!w) return id;
  const author = w.firstAuthor?.trim();
  if (author) return `${surnameOf(author)} ${w.year ?? 'n.d.'}`;
  const t = w.title ?? id;
  return t.length > 40 ? `${t.slice(0, 38)}…` : t;
}

/**
 * A line naming an evidence work: "Surname year — title", or "title (year)" when no author is
 * known, the title cut at 70 characters; the id when nothing is known.
 */
export function evidenceLabel(
  w: Pick<WorkRef, 'firstAuthor' | 'year' | 'title'> | undefined,
  id: string,
): string {
  if (!w) return id;
  const title = w.title ? (w.title.length > 70 ? `${w.title.slice(0, 68)}…` : w.title) : null;
  const author = w.firstAuthor?.trim();
  if (author) return title ? `${shortWorkName(w, id)} — ${title}` : shortWorkName(w, id);
  if (title) return `${title} (${w.year ?? 'n.d.'})`;
  return w.year === null ? id : `${id} (${w.year})`;
}
