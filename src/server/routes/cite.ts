/**
 * POST /api/cite: works as BibTeX, RIS or CSL-JSON (written by ../cite.ts), as a file to save.
 *
 * Request `{ids: string[] (1–5000 work ids), format: 'bibtex' | 'ris' | 'csl-json'}`. The answer
 * is the file (Content-Disposition: attachment). Ids that are work-shaped (`doi:`, `pmid:`,
 * `ref:`) but not in the graph are skipped; the response says how many in `X-Cite-Unknown`
 * (`X-Cite-Count` is the number of entries written). Nothing known → 404. Anything else that is
 * wrong (not an object, a missing or unknown format, no ids, more than 5000, a non-work id such
 * as `concept:…`) → 400 `{error: {code: 'BAD_REQUEST', message}}`.
 */
import type { FastifyInstance } from 'fastify';
import { labelOfId } from '../../model/ids';
import type { GraphStore } from '../../store/graph-store';
import { CITE_EXTENSIONS, CITE_FORMATS, worksToCsl, type CiteFormat } from '../../model/citation';
import { MAX_CITE_IDS, formatCitations } from '../cite';
import { sendApiError } from '../http-errors';
import { readWorkRecords } from '../read-models/work-records';
import { MAX_ID_LENGTH } from './params';

const CONTENT_TYPES: Record<CiteFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
};

/** What the route reads. */
export interface CiteRouteDeps {
  store: GraphStore;
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

/** Registers POST /api/cite. */
export function register(app: FastifyInstance, deps: CiteRouteDeps): void {
  app.post('/api/cite', async (request, reply) => {
    const parsed = parseCiteRequest(request.body);
    if (typeof parsed === 'string') return sendApiError(reply, 'BAD_REQUEST', parsed);
    const requested = new Set(parsed.ids);
    const records = await readWorkRecords(deps.store, [...requested]);
    const unknown = requested.size - records.length;
    if (records.length === 0) {
      return sendApiError(reply, 'NOT_FOUND', `None of the ${requested.size} ids is a work in the graph.`);
    }
    const text = await formatCitations(worksToCsl(records), parsed.format);
    const filename = `crosstalk-works-${records.length}.${CITE_EXTENSIONS[parsed.format]}`;
    return reply
      .header('content-type', CONTENT_TYPES[parsed.format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('x-cite-count', String(records.length))
      .header('x-cite-unknown', String(unknown))
      .send(text);
  });
}
