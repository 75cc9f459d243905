/** Readable citations from the fields a work has — never inventing missing ones. */
import type { WorkDetail } from '../../model/api';
import { isEtAl } from '../../model/authors';

/** "Kirk B, et al." style author list: up to three names, then "et al.". */
export function formatAuthors(authors: readonly string[]): string {
  const names = authors.filter((a) => !isEtAl(a));
  const truncated = names.length !== authors.length || names.length > 3;
  if (names.length === 0) return '';
  const shown = names.slice(0, 3).join(', ');
  return truncated ? `${shown}, et al.` : shown;
}

/**
 * One-line citation: authors (year). Title. Journal volume(issue):pages. Fields that are unknown
 * are left out, not guessed.
 */
export function formatCitation(
  w: Pick<WorkDetail, 'authors' | 'year' | 'title' | 'journal' | 'volume' | 'issue' | 'pages'>,
): string {
  const parts: string[] = [];
  const authors = formatAuthors(w.authors);
  if (authors) parts.push(authors.endsWith('.') ? authors : `${authors}.`);
  if (w.year !== null) parts.push(`(${w.year}).`);
  if (w.title) parts.push(/[.?!]$/.test(w.title) ? w.title : `${w.title}.`);
  if (w.journal) {
    let venue = w.journal;
    if (w.volume) venue += ` ${w.volume}`;
    if (w.issue) venue += `(${w.issue})`;
    if (w.pages) venue += `${w.volume || w.issue ? ':' : ' '}${w.pages}`;
    parts.push(`${venue}.`);
  }
  return parts.join(' ');
}

/** Links to a work's public records, from its identifiers. */
export function workLinks(w: Pick<WorkDetail, 'doi' | 'pmid' | 'pmcid'>): { label: string; href: string }[] {
  const links: { label: string; href: string }[] = [];
  if (w.doi) links.push({ label: `DOI ${w.doi}`, href: `https://doi.org/${w.doi}` });
  if (w.pmid) links.push({ label: `PubMed ${w.pmid}`, href: `https://pubmed.ncbi.nlm.nih.gov/${w.pmid}/` });
  if (w.pmcid) links.push({ label: w.pmcid, href: `https://pmc.ncbi.nlm.nih.gov/articles/${w.pmcid}/` });
  return links;
}
