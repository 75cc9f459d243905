/**
 * The public APIs' base URLs, in a module of their own so the command line can show them as flag
 * defaults without loading the clients (pubmed.ts brings fast-xml-parser, openalex.ts zod).
 */

/** The public OpenAlex API. */
export const OPENALEX_URL = 'https://api.openalex.org';

/** The public E-utilities base URL. */
export const PUBMED_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';
