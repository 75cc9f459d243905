/**
 * Works as BibTeX, RIS or CSL-JSON, for reference managers (served by POST /api/cite, see
 * routes/cite.ts). Server side so the browser bundle does not carry citation-js.
 *
 * citation-js maps CSL to each format; the last step — writing the text — is done here, because
 * two things need saying that citation-js leaves out: BibTeX gets `pmid`/`pmcid` fields (the
 * JabRef convention; citation-js reads them back) and "and others" for a truncated author list;
 * RIS gets `AN` (accession number) for the PMID, as EndNote writes PubMed records, and long
 * values stay on one line (citation-js wraps them at 70 characters, which RIS readers rejoin with
 * a space inside words).
 */
import type { CiteFormat, WorkCitation } from '../model/citation';
import { MAX_WORK_RECORD_IDS } from './read-models/work-records';

/** Most ids one request may ask for. */
export const MAX_CITE_IDS = MAX_WORK_RECORD_IDS;

interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

type RisEntry = Record<string, string | string[]>;

interface CiteModule {
  Cite: new (data: unknown) => { format(format: string, options?: Record<string, unknown>): unknown };
}

let citationJs: Promise<CiteModule> | null = null;

/** citation-js and its two plugins, loaded on first use (they take a moment to initialise). */
function loadCitationJs(): Promise<CiteModule> {
  // Specifiers in variables: citation-js has no types, and this file must typecheck in every
  // project that reaches the server (the shim in citation-js.d.ts is only in the Node one).
  const [core, bibtex, ris] = ['@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-ris'];
  citationJs ??= (async () => {
    const { Cite } = (await import(core)) as CiteModule;
    await import(bibtex);
    await import(ris);
    return { Cite };
  })();
  return citationJs;
}

/** BibTeX of the works, one entry each, keyed by their citation keys. */
async function toBibtex(works: readonly WorkCitation[]): Promise<string> {
  const { Cite } = await loadCitationJs();
  const entries = new Cite(works.map((w) => w.item)).format('bibtex', { format: 'object' }) as BibtexEntry[];
  const byKey = new Map(works.map((w) => [w.item['citation-key'], w]));
  return entries
    .map((entry) => {
      const work = byKey.get(entry.label);
      const props = { ...entry.properties };
      // BibTeX's own spelling of a truncated author list; styles print it as "et al.".
      if (work?.hasMoreAuthors && props.author) props.author = `${props.author} and others`;
      if (work?.item.PMID) props.pmid = work.item.PMID;
      if (work?.item.PMCID) props.pmcid = work.item.PMCID;
      const fields = Object.entries(props).map(([k, v]) => `\t${k} = {${v}},`);
      // A chapter with its own title inside a named book is BibTeX's @incollection (title +
      // booktitle); citation-js writes @inbook, whose title is the book's.
      const type = entry.type === 'inbook' && props.booktitle ? 'incollection' : entry.type;
      return `@${type}{${entry.label},\n${fields.join('\n')}\n}\n`;
    })
    .join('\n');
}

/** RIS of the works. RIS has no way to say "and others": a truncated author list is left as is. */
async function toRis(works: readonly WorkCitation[]): Promise<string> {
  const { Cite } = await loadCitationJs();
  const entries = new Cite(works.map((w) => w.item)).format('ris', { format: 'object' }) as RisEntry[];
  const oneLine = (v: string): string => v.replace(/[\r\n]+/g, ' ');
  const lines: string[] = [];
  entries.forEach((entry, i) => {
    const work = works[i];
    const tags: RisEntry = { ...entry };
    // citation-js cuts ID to 20 characters; the citation key is unique and short.
    if (work) tags.ID = work.item['citation-key'];
    if (work?.item.PMID) tags.AN = work.item.PMID;
    lines.push(`TY  - ${String(tags.TY ?? 'GEN')}`);
    for (const [tag, value] of Object.entries(tags)) {
      if (tag === 'TY' || tag === 'ER') continue;
      for (const v of ([] as string[]).concat(value)) lines.push(`${tag}  - ${oneLine(String(v))}`);
    }
    lines.push('ER  - ', '');
  });
  // The RIS specification ends lines with CR LF.
  return lines.join('\r\n');
}

/**
 * The text of `works` in `format`. Fields a work does not have are absent, never filled in.
 * @throws Error from citation-js when an item cannot be formatted.
 */
export async function formatCitations(works: readonly WorkCitation[], format: CiteFormat): Promise<string> {
  switch (format) {
    case 'bibtex':
      return toBibtex(works);
    case 'ris':
      return toRis(works);
    case 'csl-json':
      return `${JSON.stringify(
        works.map((w) => w.item),
        null,
        2,
      )}\n`;
  }
}
