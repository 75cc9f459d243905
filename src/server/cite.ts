/**
 * POST /api/cite: works as BibTeX, RIS or CSL-JSON, for reference managers. Server side so the
 * browser bundle does not carry citation-js.
 *
 * Request `{ids: string[] (1–5000 work ids), format: 'bibtex' | 'ris' | 'csl-json'}`. The answer
 * is the file (Content-Disposition: attachment). Ids that are work-shaped (`doi:`, `pmid:`,
 * `ref:`) but not in the graph are skipped; the response says how many in `X-Cite-Unknown`
 * (`X-Cite-Count` is the number of entries written). Nothing known → 404. Anything else that is
 * wrong (not an object, a missing or unknown format, no ids, more than 5000, a non-work id such
 * as `concept:…`) → 400 `{error: {code: 'BAD_REQUEST', message}}`.
 *
 * citation-js maps CSL to each format; the last step — writing the text — is done here, because
 * two things need saying that citation-js leaves out: BibTeX gets `pmid`/`pmcid` fields (the
 * JabRef convention; citation-js reads them back) and "and others" for a truncated author list;
 * RIS gets `AN` (accession number) for the PMID, as EndNote writes PubMed records, and long
 * values stay on one line (citation-js wraps them at 70 characters, which RIS readers rejoin with
 * a space inside words).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError } from '../model/api';
import { worksToCsl, type WorkCitation } from '../model/citation';
import { labelOfId } from '../model/ids';
import type { GraphStore } from '../store/graph-store';
import { MAX_WORK_RECORD_IDS, readWorkRecords } from './read-models/work-records';

/** Formats POST /api/cite writes. */
export const CITE_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;

/** A citation format. */
export type CiteFormat = (typeof CITE_FORMATS)[number];

/** Most ids one request may ask for. */
export const MAX_CITE_IDS = MAX_WORK_RECORD_IDS;

/** Longest id accepted. */
const MAX_ID_LENGTH = 500;

const CONTENT_TYPES: Record<CiteFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
};

const EXTENSIONS: Record<CiteFormat, string> = { bibtex: 'bib', ris: 'ris', 'csl-json': 'json' };

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

function badRequest(reply: FastifyReply, message: string, status = 400, code = 'BAD_REQUEST'): FastifyReply {
  const body: ApiError = { error: { code, message } };
  return reply.status(status).type('application/json').send(body);
}

/** Checks the body; returns the request or an error message. */
function parseCiteRequest(body: unknown): { ids: string[]; format: CiteFormat } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Send a JSON object {"ids": ["doi:…", …], "format": "bibtex" | "ris" | "csl-json"}.';
  }
  const { ids, format } = body as { ids?: unknown; format?: unknown };
  if (typeof format !== 'string' || !(CITE_FORMATS as readonly string[]).includes(format)) {
    return `Unknown format ${JSON.stringify(format ?? null)}: use one of ${CITE_FORMATS.join(', ')}.`;
  }
  if (!Array.isArray(ids) || ids.length === 0) return '"ids" must be a non-empty array of work ids.';
  if (ids.length > MAX_CITE_IDS) {
    return `Too many ids (${ids.length}): at most ${MAX_CITE_IDS} works per request. Filter the view or split the list.`;
  }
  const bad = ids.filter(
    (id) => typeof id !== 'string' || id.length > MAX_ID_LENGTH || labelOfId(id) !== 'Work',
  );
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 3)
      .map((id) => JSON.stringify(id))
      .join(', ');
    return `Only works can be cited (ids starting doi:, pmid: or ref:); not ${shown}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}.`;
  }
  return { ids: ids as string[], format: format as CiteFormat };
}

/** Registers POST /api/cite on `app`, reading works from `store`. */
export function registerCiteRoutes(app: FastifyInstance, store: GraphStore): void {
  app.post('/api/cite', async (request, reply) => {
    const parsed = parseCiteRequest(request.body);
    if (typeof parsed === 'string') return badRequest(reply, parsed);
    const requested = new Set(parsed.ids);
    const records = await readWorkRecords(store, [...requested]);
    const unknown = requested.size - records.length;
    if (records.length === 0) {
      return badRequest(reply, `None of the ${requested.size} ids is a work in the graph.`, 404, 'NOT_FOUND');
    }
    const text = await formatCitations(worksToCsl(records), parsed.format);
    const filename = `crosstalk-works-${records.length}.${EXTENSIONS[parsed.format]}`;
    return reply
      .header('content-type', CONTENT_TYPES[parsed.format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('x-cite-count', String(records.length))
      .header('x-cite-unknown', String(unknown))
      .send(text);
  });
}
