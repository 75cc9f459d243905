/** Stable node keys that are not defined by the data files themselves. */
import { slug } from './authors';

/** The DOI of the review this dataset is built around (Kirk et al. 2025). */
export const REVIEW_DOI = '10.1038/s41574-025-01088-x';

/** The node id of the review. */
export const REVIEW_ID = `doi:${REVIEW_DOI}`;

/**
 * The node id of a journal: `journal:<slug of the name as shown>`. Journal names are not
 * normalised in the data ("Nat Rev Endocrinol" vs "Nature Reviews Endocrinology" stay two nodes).
 */
export function journalId(name: string): string {
  return `journal:${slug(name) || encodeURIComponent(name.trim().toLowerCase())}`;
}

/**
 * The node label an id belongs to, from its prefix: `doi:`/`pmid:`/`ref:`/`openalex:` → Work,
 * `concept:` → Concept, `author:` → Author, `journal:` → Journal; null for anything else.
 */
export function labelOfId(id: string): 'Work' | 'Concept' | 'Author' | 'Journal' | null {
  if (/^(doi:|pmid:|ref:|openalex:)/.test(id)) return 'Work';
  if (id.startsWith('concept:')) return 'Concept';
  if (id.startsWith('author:')) return 'Author';
  if (id.startsWith('journal:')) return 'Journal';
  return null;
}
