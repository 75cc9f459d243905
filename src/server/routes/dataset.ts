/**
 * GET /api/dataset: the data card. What the loaded dataset holds (works, their share with a year,
 * an abstract, a DOI, works with a known reference, citations), which folder it was loaded from
 * (the bundled graph/, the user dataset or another folder), the expansions recorded in that
 * folder's provenance.json, how to go back to the bundled data, whether this server may fetch, and
 * the one action that would improve the data most.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DatasetPayload } from '../../model/api';
import { REVIEW_DOI, REVIEW_ID } from '../../model/ids';
import type { GraphStore } from '../../store/graph-store';
import type { FetchPermission } from '../jobs/fetch-permission';
import { folderKind, readProvenance, type DatasetLocations } from '../jobs/user-dataset';

const READ_TIMEOUT_MS = 10_000;

/** What the route reads. */
export interface DatasetRouteDeps {
  store: GraphStore;
  /** Where the bundled and the user dataset live (null: not known, e.g. a bare test server). */
  locations: DatasetLocations | null;
  permission: FetchPermission;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Counts over the loaded works, in two statements both backends accept. */
async function countWorks(
  store: GraphStore,
): Promise<
  Omit<DatasetPayload, 'folder' | 'loadedAt' | 'expansions' | 'backToBundled' | 'fetch' | 'advice'>
> {
  // An empty CSV field may load as "" instead of NULL (LadybugDB): count only real values.
  const has = (field: string): string =>
    `sum(CASE WHEN w.${field} IS NOT NULL AND w.${field} <> '' THEN 1 ELSE 0 END)`;
  const [works] = (
    await store.query(
      `MATCH (w:Work) RETURN count(w) AS works,
         sum(CASE WHEN w.year IS NOT NULL THEN 1 ELSE 0 END) AS withYear,
         ${has('abstract')} AS withAbstract, ${has('doi')} AS withDoi`,
      { timeoutMs: READ_TIMEOUT_MS, maxRows: 1 },
    )
  ).rows;
  const [cites] = (
    await store.query(
      'MATCH (a:Work)-[c:CITES]->(:Work) RETURN count(c) AS citations, count(DISTINCT a) AS withReferences',
      { timeoutMs: READ_TIMEOUT_MS, maxRows: 1 },
    )
  ).rows;
  return {
    works: n(works?.works),
    withYear: n(works?.withYear),
    withAbstract: n(works?.withAbstract),
    withDoi: n(works?.withDoi),
    withReferences: n(cites?.withReferences),
    citations: n(cites?.citations),
  };
}

/** The review's known references and OpenAlex's count of them, or null when the review is not loaded. */
async function reviewCoverage(store: GraphStore): Promise<{ known: number; listed: number | null } | null> {
  const { rows } = await store.query(
    `MATCH (w:Work {id: $id}) OPTIONAL MATCH (w)-[:CITES]->(r:Work)
     RETURN w.openalexReferenceCount AS listed, count(r) AS known`,
    { params: { id: REVIEW_ID }, timeoutMs: READ_TIMEOUT_MS, maxRows: 1 },
  );
  const row = rows[0];
  if (!row) return null;
  return { known: n(row.known), listed: typeof row.listed === 'number' ? row.listed : null };
}

/** The one action that improves the data most, said for this server. */
function adviceFor(
  review: { known: number; listed: number | null } | null,
  permission: FetchPermission,
): DatasetPayload['advice'] {
  const cli = `npx crosstalk fetch --doi ${REVIEW_DOI} --pubmed --mailto you@lab.org`;
  if (review && (review.listed === null || review.listed > review.known)) {
    const of = review.listed === null ? '' : ` of ${review.listed}`;
    return {
      text: permission.enabled
        ? `This graph knows ${review.known}${of} of the review's references. Fetch its references and citing works from OpenAlex and PubMed.`
        : `This graph knows ${review.known}${of} of the review's references. Fetching is off on this server; run \`${cli}\` and restart.`,
      work: permission.enabled ? REVIEW_ID : null,
    };
  }
  return {
    text: permission.enabled
      ? 'Select a work you care about and fetch its references and citing works.'
      : `Fetching is off on this server; run \`npx crosstalk fetch --doi <a DOI> --pubmed\` and restart.`,
    work: null,
  };
}

/**
 * A folder as readers may see it: relative to the project for folders inside it, else only its
 * name (a reader of a shared server need not learn the operator's home directory).
 */
function shownPath(dir: string, locations: DatasetLocations | null): string {
  const root = locations?.root;
  if (root) {
    const rel = path.relative(root, dir);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  }
  return path.basename(dir);
}

type Counts = Awaited<ReturnType<typeof countWorks>>;
type Coverage = Awaited<ReturnType<typeof reviewCoverage>>;

/** Registers GET /api/dataset. */
export function register(app: FastifyInstance, deps: DatasetRouteDeps): void {
  // The counts scan every work (65-105 ms at 100k works, each request). They change only with a
  // load, which writes a new manifest, so they are kept per manifest; concurrent first requests
  // share one reading. A failed reading is not kept.
  let cached: { key: string; reading: Promise<[Counts, Coverage]> } | null = null;
  const read = (key: string | null): Promise<[Counts, Coverage]> => {
    if (key !== null && cached?.key === key) return cached.reading;
    const reading = Promise.all([countWorks(deps.store), reviewCoverage(deps.store)]);
    if (key !== null) {
      const entry = { key, reading };
      cached = entry;
      reading.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return reading;
  };
  app.get('/api/dataset', async (): Promise<DatasetPayload> => {
    const manifest = await deps.store.manifest();
    const [counts, review] = await read(
      manifest ? `${manifest.loadedAt}|${manifest.dataHash}|${manifest.dataDir}` : null,
    );
    const dir = manifest?.dataDir ?? null;
    const kind = dir && deps.locations ? folderKind(dir, deps.locations) : 'other';
    const provenance = dir && kind !== 'bundled' ? await readProvenance(dir) : null;
    return {
      folder: dir ? { path: shownPath(dir, deps.locations), kind } : null,
      loadedAt: manifest?.loadedAt ?? null,
      ...counts,
      expansions: provenance?.expansions ?? [],
      backToBundled:
        kind === 'bundled'
          ? null
          : 'Restart with `npm start -- --data graph` to serve the bundled dataset (your folder is kept), or delete .data/dataset to drop what was fetched.',
      fetch: deps.permission,
      advice: adviceFor(review, deps.permission),
    };
  });
}
