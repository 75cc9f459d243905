/**
 * A real HTTP server on 127.0.0.1 standing in for OpenAlex and NCBI E-utilities in tests, serving
 * the documented-shape fixtures in test/fixtures/openalex/ and test/fixtures/pubmed/ (see their
 * READMEs). It answers what `crosstalk fetch` asks:
 *
 * - `GET /openalex/works/doi:<doi>`, `/openalex/works/pmid:<pmid>`, `/openalex/works/W…` — one Work
 *   (404 `{"error", "message"}` when unknown);
 * - `GET /openalex/works?filter=openalex:W1|W2…` — the known ones in the documented list envelope;
 * - `GET /openalex/works?filter=cites:W…&cursor=…` — the stored list pages (an empty list otherwise);
 * - `GET /eutils/efetch.fcgi?db=pubmed&id=1,2…` — one PubmedArticleSet with the known articles;
 *
 * honours `select=` like OpenAlex (root fields only), records every request, and can be told to
 * misbehave: answer 429 with Retry-After, 500, an HTML error page, a body cut in half, a slow
 * answer, or no answer at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const OPENALEX_DIR = path.join(ROOT, 'test/fixtures/openalex');
const PUBMED_DIR = path.join(ROOT, 'test/fixtures/pubmed');

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

function listEnvelope(results: Json[], count: number, nextCursor: string | null): Json {
  return {
    meta: {
      count,
      db_response_time_ms: 3,
      page: null,
      per_page: 100,
      next_cursor: nextCursor,
      groups_count: null,
    },
    results,
    group_by: [],
  };
}

/** Starts the fixture server on a free 127.0.0.1 port. */
export async function startFixtureApi(): Promise<FixtureApi> {
  const works = loadWorks();
  const injected: Injected[] = [];
  const hanging = new Set<http.ServerResponse>();

  const answer = (req: {
    path: string;
    query: URLSearchParams;
  }): { status: number; contentType: string; body: string } => {
    const json = (status: number, body: unknown) => ({
      status,
      contentType: 'application/json',
      body: JSON.stringify(body),
    });
    const notFound = (what: string) => json(404, { error: 'Not Found', message: `${what} not found` });
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
        return json(200, listEnvelope(found, found.length, null));
      }
      if (filter.startsWith('cites:')) {
        const target = filter.slice('cites:'.length);
        const cursor = req.query.get('cursor') ?? '*';
        const pages = readdirSync(path.join(OPENALEX_DIR, 'lists'))
          .filter((f) => f.startsWith(`cites-${target}.page-`))
          .sort();
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
        return json(200, { ...body, results: body.results.map((w) => select(w, fields)) });
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
      const body =
        '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" ' +
        '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n' +
        articles.join('\n') +
        '\n</PubmedArticleSet>\n';
      return { status: 200, contentType: 'text/xml; charset=UTF-8', body };
    }
    return { status: 404, contentType: 'text/plain', body: 'no such fixture route' };
  };

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
