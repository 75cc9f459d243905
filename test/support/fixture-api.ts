/**
 * A real HTTP server on 127.0.0.1 standing in for OpenAlex and NCBI E-utilities in tests. By default
 * it serves the documented-shape fixtures in test/fixtures/openalex/ and test/fixtures/pubmed/ (see
 * their READMEs); `startFixtureApi({ realApiDir })` serves instead the responses recorded from the
 * live services in ../shared/fixtures/real-api/ (see its MANIFEST.md), read where they lie, never
 * copied into the project. It answers what `crosstalk fetch` asks:
 *
 * - `GET /openalex/works/doi:<doi>`, `/openalex/works/pmid:<pmid>`, `/openalex/works/W…` — one Work
 *   (404 `{"error", "message"}` when unknown);
 * - `GET /openalex/works?filter=openalex:W1|W2…` — the known ones in the documented list envelope;
 * - `GET /openalex/works?filter=cites:W…&cursor=…` — the stored list pages (an empty list otherwise);
 * - `GET /eutils/efetch.fcgi?db=pubmed&id=1,2…` — one PubmedArticleSet with the known articles;
 * - `GET /eutils/elink.fcgi?dbfrom=pubmed&db=pubmed&cmd=neighbor&id=1&id=2…` — one LinkSet per id
 *   (without any LinkSetDb where no links are known, as ELink answers for a PMID without links);
 * - real mode only: `GET /eutils/esearch.fcgi?db=pubmed&term=cancer…` — the recorded ESearch answer;
 *
 * honours `select=` like OpenAlex (root fields only), records every request, and can be told to
 * misbehave: answer 429 with Retry-After, 500, an HTML error page, a body cut in half, a slow
 * answer, or no answer at all.
 *
 * In real mode a request that matches a recorded one (same filter ids in any order, same cursor,
 * same PMIDs) gets the recorded body unchanged (unless `select=` asks for fewer fields). Other
 * requests are answered from the recorded works in the same envelopes, the way the live API
 * behaves in the recordings: a first list page carries a `next_cursor` even when it holds every
 * result, and only the page after it is empty with `next_cursor: null`. `cites:` requests for a
 * part of a recorded target set are answered with the recorded citing works whose
 * `referenced_works` name a requested target (which is what `cites:` means).
 */
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const OPENALEX_DIR = path.join(ROOT, 'test/fixtures/openalex');
const PUBMED_DIR = path.join(ROOT, 'test/fixtures/pubmed');

/**
 * The responses recorded from the live OpenAlex and E-utilities services, beside the project (CI lays
 * out <tmp>/p and <tmp>/shared; here /work/main and /work/shared). `REAL_API_DIR` overrides it.
 */
export const REAL_API_DIR = process.env.REAL_API_DIR
  ? path.resolve(process.env.REAL_API_DIR)
  : path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-api');

/** How to start the stand-in. */
export interface FixtureApiOptions {
  /** Serve the recorded real responses of this folder (see REAL_API_DIR) instead of our fixtures. */
  realApiDir?: string;
  /**
   * PubMed link sets the fixture ELink answers with, by PMID (fixture mode). They are a test's own
   * claims, for code paths only: not PubMed's data about those works.
   */
  links?: Readonly<Record<string, { citedIn?: readonly string[]; refs?: readonly string[] }>>;
  /**
   * Works served on top of the fixtures (fixture mode): they replace the fixture of the same id or
   * are added, and `citing[target]` answers `cites:<target>` in pages of the requested `per_page`
   * (test/support/synthetic-literature.ts: test records, not real data).
   */
  synthetic?: { works: readonly Json[]; citing: Readonly<Record<string, readonly Json[]>> };
}

/** One request the server received. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  /** Path and query as received. */
  url: string;
  status: number;
}

/** A way to misbehave for a matching request. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'html'; status: number }
  | { kind: 'truncate' }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang' };

interface Injected {
  fault: Fault;
  match: (r: { path: string; query: URLSearchParams }) => boolean;
  times: number;
}

/** A running fixture server. */
export interface FixtureApi {
  /** Base URL of the OpenAlex stand-in (pass as --openalex-url). */
  openalexUrl: string;
  /** Base URL of the E-utilities stand-in (pass as --pubmed-url). */
  pubmedUrl: string;
  /** Every request so far, in order of arrival. */
  requests: SeenRequest[];
  /** Makes the next `times` matching requests misbehave. */
  inject(fault: Fault, match?: Injected['match'], times?: number): void;
  /** Called as each request arrives, with the number of requests so far. */
  onRequest: ((count: number, r: SeenRequest) => void) | null;
  /** Forgets the recorded requests and any fault not used up. */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function loadWorks(): Json[] {
  const dir = path.join(OPENALEX_DIR, 'works');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Json);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const shortId = (id: unknown): string => str(id).replace(/^https:\/\/openalex\.org\//, '');
const bareDoi = (doi: unknown): string =>
  str(doi)
    .replace(/^https:\/\/doi\.org\//, '')
    .toLowerCase();

function select(work: Json, fields: string | null): Json {
  if (!fields) return work;
  const keep = new Set(fields.split(','));
  return Object.fromEntries(Object.entries(work).filter(([k]) => keep.has(k)));
}

function listEnvelope(results: Json[], count: number, nextCursor: string | null, perPage = 100): Json {
  return {
    meta: {
      count,
      db_response_time_ms: 3,
      page: null,
      per_page: perPage,
      next_cursor: nextCursor,
      groups_count: null,
    },
    results,
    group_by: [],
  };
}

/** An answer of the stand-in. */
interface Answer {
  status: number;
  contentType: string;
  body: string;
}

type Answerer = (req: { path: string; query: URLSearchParams }) => Answer;

const jsonAnswer = (status: number, body: unknown): Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
});
const notFound = (what: string): Answer =>
  jsonAnswer(404, { error: 'Not Found', message: `${what} not found` });
const XML = 'text/xml; charset=UTF-8';
const EFETCH_HEAD =
  '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" ' +
  '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n';
const ELINK_HEAD =
  '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eLinkResult PUBLIC "-//NLM//DTD elink 20101123//EN" ' +
  '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20101123/elink.dtd">\n<eLinkResult>\n';

/** The PMIDs of an efetch or elink request: `id=1,2` and `id=1&id=2` alike. */
const requestedIds = (query: URLSearchParams): string[] =>
  query
    .getAll('id')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** A LinkSet without links, as ELink answers for a PMID it knows no links of. */
const emptyLinkSet = (pmid: string): string =>
  `  <LinkSet>\n    <DbFrom>pubmed</DbFrom>\n    <IdList>\n      <Id>${pmid}</Id>\n    </IdList>\n  </LinkSet>\n`;

/** The values of an OpenAlex filter such as `cites:W1|https://openalex.org/W2`, as short ids. */
function filterIds(filter: string, name: string): string[] | null {
  if (!filter.startsWith(`${name}:`)) return null;
  return filter
    .slice(name.length + 1)
    .split('|')
    .map((v) => shortId(v.trim()));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/** A LinkSet with the given cited-in and references links, in ELink's layout. */
function linkSet(pmid: string, links: { citedIn?: readonly string[]; refs?: readonly string[] }): string {
  const db = (name: string, ids: readonly string[] | undefined): string =>
    ids && ids.length > 0
      ? `    <LinkSetDb>\n      <DbTo>pubmed</DbTo>\n      <LinkName>${name}</LinkName>\n` +
        ids.map((i) => `        <Link>\n\t\t\t\t<Id>${i}</Id>\n\t\t\t</Link>\n`).join('') +
        '    </LinkSetDb>\n'
      : '';
  return emptyLinkSet(pmid).replace(
    '  </LinkSet>\n',
    `${db('pubmed_pubmed_citedin', links.citedIn)}${db('pubmed_pubmed_refs', links.refs)}  </LinkSet>\n`,
  );
}

/** Our own fixtures (test/fixtures/openalex, test/fixtures/pubmed). */
function fixtureAnswerer(
  links: FixtureApiOptions['links'] = {},
  synthetic: FixtureApiOptions['synthetic'] = { works: [], citing: {} },
): Answerer {
  const replaced = new Set(synthetic.works.map((w) => shortId(w.id)));
  const works = [...loadWorks().filter((w) => !replaced.has(shortId(w.id))), ...synthetic.works];
  return (req) => {
    const json = jsonAnswer;
    const fields = req.query.get('select');
    if (req.path.startsWith('/openalex/works/')) {
      const key = decodeURIComponent(req.path.slice('/openalex/works/'.length));
      let work: Json | undefined;
      if (/^doi:/i.test(key) || /^https:\/\/doi\.org\//i.test(key)) {
        const doi = key
          .replace(/^doi:/i, '')
          .replace(/^https:\/\/doi\.org\//i, '')
          .toLowerCase();
        work = works.find((w) => bareDoi(w.doi) === doi);
      } else if (/^pmid:/i.test(key)) {
        const pmid = key.slice(5);
        work = works.find((w) => str((w.ids as Json | undefined)?.pmid).endsWith(`/${pmid}`));
      } else {
        work = works.find((w) => shortId(w.id) === key);
      }
      return work ? json(200, select(work, fields)) : notFound(`Work ${key}`);
    }
    if (req.path === '/openalex/works') {
      const filter = req.query.get('filter') ?? '';
      if (filter.startsWith('openalex:')) {
        const ids = new Set(filter.slice('openalex:'.length).split('|'));
        const found = works.filter((w) => ids.has(shortId(w.id))).map((w) => select(w, fields));
        // As recorded from the live API: the one full page still hands out a cursor, and the page
        // it leads to is empty.
        const next = 'Zml4dHVyZS1iYXRjaC1lbmQ=';
        if (req.query.get('cursor') === next) return json(200, listEnvelope([], found.length, null));
        return json(200, listEnvelope(found, found.length, found.length > 0 ? next : null));
      }
      const syntheticTarget = (filterIds(filter, 'cites') ?? []).find((t) => synthetic.citing[t]);
      if (syntheticTarget && (filterIds(filter, 'cites') ?? []).length === 1) {
        // Pages of `per_page`; as the live API does, a page with results hands out a next_cursor,
        // and only the page after the last full one is empty.
        const all = synthetic.citing[syntheticTarget] ?? [];
        const perPage = Math.min(200, Number(req.query.get('per_page') ?? '25') || 25);
        const cursor = req.query.get('cursor') ?? '*';
        const page = cursor === '*' ? 0 : Number(/^synthetic-page-(\d+)$/.exec(cursor)?.[1] ?? NaN);
        if (!Number.isInteger(page))
          return json(400, { error: 'Invalid cursor', message: `cursor ${cursor} is not valid` });
        const results = all.slice(page * perPage, (page + 1) * perPage).map((w) => select(w, fields));
        const next = results.length > 0 ? `synthetic-page-${page + 1}` : null;
        return json(200, listEnvelope(results, all.length, next, perPage));
      }
      if (filter.startsWith('cites:')) {
        // `cites:A|B`: the stored pages of the one target that has any; with several targets, only
        // the works whose reference list names one of them (what `cites:` means).
        const targets = filterIds(filter, 'cites') ?? [];
        const files = readdirSync(path.join(OPENALEX_DIR, 'lists'));
        const target = targets.find((t) => files.some((f) => f.startsWith(`cites-${t}.page-`)));
        const cursor = req.query.get('cursor') ?? '*';
        const pages = files.filter((f) => target && f.startsWith(`cites-${target}.page-`)).sort();
        if (pages.length === 0) return json(200, listEnvelope([], 0, null));
        // Page n+1 is the one whose cursor page n handed out.
        let page = 0;
        if (cursor !== '*') {
          page = pages.findIndex((_, i) => {
            if (i === 0) return false;
            const prev = JSON.parse(
              readFileSync(path.join(OPENALEX_DIR, 'lists', pages[i - 1]!), 'utf8'),
            ) as {
              meta: { next_cursor: string | null };
            };
            return prev.meta.next_cursor === cursor;
          });
          if (page < 0)
            return json(400, { error: 'Invalid cursor', message: `cursor ${cursor} is not valid` });
        }
        const body = JSON.parse(readFileSync(path.join(OPENALEX_DIR, 'lists', pages[page]!), 'utf8')) as {
          results: Json[];
        };
        const cites = (w: Json): boolean =>
          targets.length === 1 ||
          ((w.referenced_works as string[] | undefined) ?? []).some((r) => targets.includes(shortId(r)));
        return json(200, { ...body, results: body.results.filter(cites).map((w) => select(w, fields)) });
      }
      return json(400, { error: 'Invalid query parameters error.', message: `unsupported filter ${filter}` });
    }
    if (req.path === '/eutils/efetch.fcgi') {
      const ids = (req.query.get('id') ?? '').split(',').filter(Boolean);
      const articles = ids.flatMap((id) => {
        try {
          const xml = readFileSync(path.join(PUBMED_DIR, `efetch-${id}.xml`), 'utf8');
          const m = /<PubmedArticle>[\s\S]*<\/PubmedArticle>/.exec(xml);
          return m ? [m[0]] : [];
        } catch {
          return [];
        }
      });
      const body = EFETCH_HEAD + articles.join('\n') + '\n</PubmedArticleSet>\n';
      return { status: 200, contentType: XML, body };
    }
    if (req.path === '/eutils/elink.fcgi') {
      // Our fixtures hold no PubMed links: a PMID gets a LinkSet without links, unless the test gave some.
      const sets = requestedIds(req.query).map((id) => {
        const given = links[id];
        return given ? linkSet(id, given) : emptyLinkSet(id);
      });
      const body = ELINK_HEAD + sets.join('') + '</eLinkResult>\n';
      return { status: 200, contentType: XML, body };
    }
    return { status: 404, contentType: 'text/plain', body: 'no such fixture route' };
  };
}

/** One recorded OpenAlex list response (`*_page1.json`) and the request it answers. */
interface RecordedList {
  filter: 'openalex' | 'cites';
  ids: string[];
  page1: string;
  /** The recorded terminal page, when it was copied. */
  page2: string | null;
}

/**
 * The recorded real responses of `dir` (../shared/fixtures/real-api). File names say which request
 * each answers (MANIFEST.md): `…_works-W….json` (one Work), `…_cites-W…-W…_pageN.json` and
 * `…_filter-openalex-W…-W…_pageN.json` (lists), `pubmed/*.xml` (efetch, elink and esearch).
 */
function realAnswerer(dir: string): Answerer {
  const oaDir = path.join(dir, 'openalex');
  const pmDir = path.join(dir, 'pubmed');
  const read = (file: string): string => readFileSync(file, 'utf8');
  const singles = new Map<string, string>();
  const lists: RecordedList[] = [];
  for (const f of readdirSync(oaDir).filter((x) => x.endsWith('.json'))) {
    const single = /_works-(W\d+)\.json$/.exec(f);
    if (single) {
      singles.set(single[1]!, read(path.join(oaDir, f)));
      continue;
    }
    const list = /_(cites|filter-openalex)-((?:W\d+-?)+)_page1\.json$/.exec(f);
    if (!list) continue;
    const page2 = path.join(oaDir, f.replace(/_page1\.json$/, '_page2.json'));
    lists.push({
      filter: list[1] === 'cites' ? 'cites' : 'openalex',
      ids: list[2]!.split('-'),
      page1: read(path.join(oaDir, f)),
      page2: readdirSync(oaDir).includes(path.basename(page2)) ? read(page2) : null,
    });
  }
  // Every recorded Work, singletons first (they are whole objects).
  const works = new Map<string, Json>();
  for (const [id, body] of singles) works.set(id, JSON.parse(body) as Json);
  for (const l of lists) {
    for (const w of (JSON.parse(l.page1) as { results: Json[] }).results) {
      if (!works.has(shortId(w.id))) works.set(shortId(w.id), w);
    }
  }
  // PubMed: every PubmedArticle by PMID, and which file answers which set of PMIDs.
  const articles = new Map<string, string>();
  const efetchFiles: { pmids: string[]; body: string }[] = [];
  const linkSets = new Map<string, string>();
  const linkFiles: { pmids: string[]; body: string }[] = [];
  let esearch: string | null = null;
  for (const f of readdirSync(pmDir).filter((x) => x.endsWith('.xml'))) {
    const body = read(path.join(pmDir, f));
    if (body.includes('<PubmedArticleSet>')) {
      const pmids: string[] = [];
      for (const m of body.matchAll(/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/g)) {
        const pmid = /<PMID[^>]*>(\d+)<\/PMID>/.exec(m[0])?.[1];
        if (pmid) {
          articles.set(pmid, m[0]);
          pmids.push(pmid);
        }
      }
      efetchFiles.push({ pmids, body });
    } else if (body.includes('<eLinkResult>')) {
      const pmids: string[] = [];
      for (const m of body.matchAll(/<LinkSet>[\s\S]*?<\/LinkSet>/g)) {
        const ids = /<IdList>([\s\S]*?)<\/IdList>/.exec(m[0])?.[1] ?? '';
        const [pmid, ...more] = [...ids.matchAll(/<Id>(\d+)<\/Id>/g)].map((x) => x[1]!);
        if (pmid && more.length === 0) {
          linkSets.set(pmid, `  ${m[0]}\n`);
          pmids.push(pmid);
        }
      }
      linkFiles.push({ pmids, body });
    } else if (body.includes('<eSearchResult>')) {
      esearch = body;
    }
  }

  /** The recorded body, or only the `select`ed fields of it. */
  const selected = (body: string, fields: string | null): string => {
    if (!fields) return body;
    const doc = JSON.parse(body) as Json;
    if (!Array.isArray(doc.results)) return JSON.stringify(select(doc, fields));
    return JSON.stringify({ ...doc, results: (doc.results as Json[]).map((w) => select(w, fields)) });
  };
  /** A list answered from recorded works: page 1 carries a next_cursor, the page after it is empty. */
  const assembled = (found: Json[], cursor: string, fields: string | null, key: string): Answer => {
    const next = Buffer.from(`stand-in:${key}`).toString('base64');
    if (cursor === '*') {
      return jsonAnswer(
        200,
        listEnvelope(
          found.map((w) => select(w, fields)),
          found.length,
          found.length > 0 ? next : null,
        ),
      );
    }
    if (cursor === next) return jsonAnswer(200, listEnvelope([], found.length, null));
    return jsonAnswer(400, { error: 'Invalid cursor', message: `cursor ${cursor} is not valid` });
  };
  const recordedPage = (l: RecordedList, cursor: string, fields: string | null): Answer | null => {
    if (cursor === '*')
      return { status: 200, contentType: 'application/json', body: selected(l.page1, fields) };
    const first = JSON.parse(l.page1) as {
      meta: { count: number; per_page: number; next_cursor: string | null };
    };
    if (cursor !== first.meta.next_cursor) return null;
    // The terminal page of the batch lookup was not copied: it is empty, as the recorded one of the
    // cites lookup is.
    if (l.page2) return { status: 200, contentType: 'application/json', body: l.page2 };
    return jsonAnswer(200, listEnvelope([], first.meta.count, null, first.meta.per_page));
  };

  return (req) => {
    const fields = req.query.get('select');
    if (req.path.startsWith('/openalex/works/')) {
      const key = decodeURIComponent(req.path.slice('/openalex/works/'.length));
      let id: string | undefined;
      if (/^doi:/i.test(key) || /^https:\/\/doi\.org\//i.test(key)) {
        const doi = key
          .replace(/^doi:/i, '')
          .replace(/^https:\/\/doi\.org\//i, '')
          .toLowerCase();
        id = [...works].find(([, w]) => bareDoi(w.doi) === doi)?.[0];
      } else if (/^pmid:/i.test(key)) {
        const pmid = key.slice(5);
        id = [...works].find(([, w]) => str((w.ids as Json | undefined)?.pmid).endsWith(`/${pmid}`))?.[0];
      } else {
        id = shortId(key);
      }
      const single = id ? singles.get(id) : undefined;
      if (single) return { status: 200, contentType: 'application/json', body: selected(single, fields) };
      const work = id ? works.get(id) : undefined;
      return work ? jsonAnswer(200, select(work, fields)) : notFound(`Work ${key}`);
    }
    if (req.path === '/openalex/works') {
      const filter = req.query.get('filter') ?? '';
      const cursor = req.query.get('cursor') ?? '*';
      const byId = filterIds(filter, 'openalex') ?? filterIds(filter, 'ids.openalex');
      const cites = filterIds(filter, 'cites');
      const ids = byId ?? cites;
      if (!ids) {
        return jsonAnswer(400, {
          error: 'Invalid query parameters error.',
          message: `unsupported filter ${filter}`,
        });
      }
      const kind = byId ? 'openalex' : 'cites';
      const recorded = lists.find((l) => l.filter === kind && sameSet(l.ids, ids));
      if (recorded) {
        const page = recordedPage(recorded, cursor, fields);
        if (page) return page;
      }
      const found = byId
        ? ids.map((i) => works.get(i)).filter((w): w is Json => w !== undefined)
        : lists
            .filter((l) => l.filter === 'cites' && ids.some((i) => l.ids.includes(i)))
            .flatMap((l) => (JSON.parse(l.page1) as { results: Json[] }).results)
            .filter((w) =>
              ((w.referenced_works as string[] | undefined) ?? []).some((r) => ids.includes(shortId(r))),
            );
      return assembled(found, cursor, fields, `${kind}:${[...ids].sort().join('|')}`);
    }
    if (req.path === '/eutils/efetch.fcgi') {
      const ids = requestedIds(req.query);
      const file = efetchFiles.find((f) => sameSet(f.pmids, ids));
      if (file) return { status: 200, contentType: XML, body: file.body };
      const found = ids.map((i) => articles.get(i)).filter((a): a is string => a !== undefined);
      return {
        status: 200,
        contentType: XML,
        body: EFETCH_HEAD + found.join('\n') + '\n</PubmedArticleSet>\n',
      };
    }
    if (req.path === '/eutils/elink.fcgi') {
      const ids = requestedIds(req.query);
      const file = linkFiles.find((f) => sameSet(f.pmids, ids));
      if (file) return { status: 200, contentType: XML, body: file.body };
      const sets = ids.map((i) => linkSets.get(i) ?? emptyLinkSet(i));
      return { status: 200, contentType: XML, body: ELINK_HEAD + sets.join('') + '</eLinkResult>\n' };
    }
    if (req.path === '/eutils/esearch.fcgi' && esearch && req.query.get('term') === 'cancer') {
      return { status: 200, contentType: XML, body: esearch };
    }
    return { status: 404, contentType: 'text/plain', body: 'no such recorded route' };
  };
}

/** Starts the stand-in on a free 127.0.0.1 port. */
export async function startFixtureApi(options: FixtureApiOptions = {}): Promise<FixtureApi> {
  const answer = options.realApiDir
    ? realAnswerer(options.realApiDir)
    : fixtureAnswerer(options.links, options.synthetic);
  const injected: Injected[] = [];
  const hanging = new Set<http.ServerResponse>();

  const api: FixtureApi = {
    openalexUrl: '',
    pubmedUrl: '',
    requests: [],
    onRequest: null,
    inject(fault, match = () => true, times = 1) {
      injected.push({ fault, match, times });
    },
    reset() {
      api.requests.length = 0;
      injected.length = 0;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const req = { path: url.pathname, query: url.searchParams };
    const seen: SeenRequest = {
      path: url.pathname,
      query: url.searchParams,
      url: request.url ?? '/',
      status: 0,
    };
    api.requests.push(seen);
    api.onRequest?.(api.requests.length, seen);
    const i = injected.findIndex((f) => f.times > 0 && f.match(req));
    const fault = i >= 0 ? injected[i]!.fault : null;
    if (i >= 0) injected[i]!.times -= 1;
    const send = (
      status: number,
      contentType: string,
      body: string,
      headers: Record<string, string> = {},
    ) => {
      seen.status = status;
      response.writeHead(status, { 'content-type': contentType, ...headers });
      response.end(body);
    };
    if (fault?.kind === 'hang') {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    if (fault?.kind === 'status') {
      send(
        fault.status,
        'application/json',
        JSON.stringify({ error: `HTTP ${fault.status}`, message: 'fixture fault' }),
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (fault?.kind === 'html') {
      send(
        fault.status,
        'text/html; charset=utf-8',
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      );
      return;
    }
    const a = answer(req);
    if (fault?.kind === 'truncate') {
      send(a.status, a.contentType, a.body.slice(0, Math.floor(a.body.length / 2)));
      return;
    }
    if (fault?.kind === 'slow') {
      setTimeout(() => {
        if (!response.destroyed) send(a.status, a.contentType, a.body);
      }, fault.ms);
      return;
    }
    send(a.status, a.contentType, a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  api.openalexUrl = `http://127.0.0.1:${port}/openalex`;
  api.pubmedUrl = `http://127.0.0.1:${port}/eutils`;
  return api;
}
