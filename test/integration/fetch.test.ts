/**
 * `crosstalk fetch` as a user runs it: the real CLI process against the local fixture server
 * (test/support/fixture-api.ts) standing in for OpenAlex and PubMed, writing into temp copies of
 * the tiny dataset and of graph/, then `crosstalk ingest` of the result. No test touches the
 * network or the repository's graph/.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/read-dataset';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { BUNDLED, ROOT, TINY, copyDataset, tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/crosstalk.js');
const REVIEW = 'doi:10.1038/s41574-025-01088-x';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let api: FixtureApi;
let cache: string;

async function crosstalk(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CROSSTALK_DB: '', OPENALEX_API_KEY: '', NCBI_API_KEY: '', CROSSTALK_MAILTO: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (e: unknown) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

const fetchArgs = (out: string, ...more: string[]): string[] => [
  'fetch',
  '--doi',
  '10.1038/s41574-025-01088-x',
  '--out',
  out,
  '--cache',
  cache,
  '--openalex-url',
  api.openalexUrl,
  '--pubmed-url',
  api.pubmedUrl,
  ...more,
];

const lines = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean);
const jsonLines = async <T>(file: string): Promise<T[]> => (await lines(file)).map((l) => JSON.parse(l) as T);

interface Work {
  id: string;
  title: string | null;
  journal: string | null;
  openalex?: string;
  abstract?: string;
  mesh?: { id: string; name: string }[];
  keywords: string[];
  sources: string[];
}

async function query(db: string, cypher: string): Promise<Record<string, unknown>[]> {
  const r = await crosstalk('query', '--db', db, '--format', 'json', cypher);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

beforeAll(async () => {
  api = await startFixtureApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  api.reset();
  cache = await tempDir('crosstalk-cache-');
});

describe('crosstalk fetch', () => {
  it(
    'fetches the review’s references, citing works and PubMed data, merges them, and ingest tags abstracts',
    { timeout: 240_000 },
    async () => {
      const out = await copyDataset(TINY);
      const r = await crosstalk(...fetchArgs(out, '--pubmed', '--mailto', 'me@lab.org'));
      expect(r.stderr).toMatch(/Run `crosstalk ingest --data /);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'requests: OpenAlex 5 fetched, 0 from the cache; PubMed 2 fetched, 0 from the cache; 0 retries',
      );
      expect(r.stdout).toContain('fetched: 11 works from OpenAlex, 4 records from PubMed');
      expect(r.stdout).toMatch(/6 new works, 5 existing works filled/);
      expect(r.stdout).toMatch(
        /1 × reference OpenAlex did not return \(merged or withdrawn record\) \(e\.g\. W9900000009\)/,
      );
      expect(r.stdout).toMatch(/1 × record without an OpenAlex id/);
      // Identity goes to the APIs, never into the dataset or the cache keys.
      const openalexRequests = api.requests.filter((q) => q.path.startsWith('/openalex'));
      expect(openalexRequests.every((q) => q.query.get('mailto') === 'me@lab.org')).toBe(true);
      // The cited-by paging goes on past the last full page (it still has a next_cursor, as the live
      // API's do) to the empty one.
      expect(
        openalexRequests
          .filter((q) => q.query.get('filter')?.startsWith('cites:'))
          .map((q) => q.query.get('cursor')),
      ).toEqual(['*', 'Zml4dHVyZS1wYWdlLTI=', 'Zml4dHVyZS1wYWdlLTM=']);
      const efetch = api.requests.find((q) => q.path === '/eutils/efetch.fcgi');
      expect(efetch?.query.get('email')).toBe('me@lab.org');
      expect(efetch?.query.get('tool')).toBe('crosstalk-kg');
      // PubMed's link sets of the same PMIDs, one id= parameter each (our fixtures know no links).
      const elink = api.requests.find((q) => q.path === '/eutils/elink.fcgi');
      expect(elink?.query.getAll('id')).toEqual(efetch?.query.get('id')?.split(','));
      expect(elink?.query.get('email')).toBe('me@lab.org');
      expect(await readFile(path.join(out, 'works.jsonl'), 'utf8')).not.toContain('lab.org');

      const ds = await readDataset(out);
      expect(ds.works).toHaveLength(15);
      const works = new Map(ds.works.map((w) => [w.value.id, w.value]));
      // Existing records: filled, never overwritten; the API URL added to sources.
      const review = works.get(REVIEW)!;
      expect(review).toMatchObject({
        journal: 'Nat Rev Endocrinol',
        type: 'journal-article',
        openalex: 'W9900000001',
        // OpenAlex's own counts (fixture values), kept beside the 5 references known here.
        openalexReferenceCount: 8,
        openalexCitedByCount: 3,
      });
      expect(review.authors).toEqual(['Ben Kirk', 'et al.']);
      expect(review.abstract).toMatch(/^Fixture text, not the published abstract/);
      expect(review.mesh?.map((m) => m.id)).toEqual(['D006801', 'D000375']);
      expect(review.sources).toEqual([
        'https://pubmed.ncbi.nlm.nih.gov/40011751/',
        `${api.openalexUrl}/works/W9900000001`,
        `${api.pubmedUrl}/efetch.fcgi?db=pubmed&id=40011751&retmode=xml`,
      ]);
      // Matched on its title: the reference entry without identifiers.
      expect(works.get('ref:pubmed.ncbi.nlm.nih.gov-40011751#1')?.openalex).toBe('W9900000007');
      // New works, including one with neither DOI nor PMID.
      expect(works.get('openalex:W9900000008')).toMatchObject({ doi: null, pmid: null, year: 2014 });
      expect(works.get('doi:10.1002/jbmr.1969')?.abstract).toMatch(
        /crosstalk involves myokines & mechanical/,
      );
      for (const w of ds.works) expect(w.value.sources.length).toBeGreaterThan(0);
      const cites = ds.citations.map((c) => `${c.value.from} > ${c.value.to}`);
      expect(cites).toContain(`${REVIEW} > openalex:W9900000008`);
      expect(cites).toContain(`doi:10.3389/fcell.2025.1715009 > ${REVIEW}`);
      // A reference list of a fetched work links it to other fetched works.
      expect(cites).toContain('doi:10.1016/j.celrep.2018.01.041 > doi:10.1002/jbmr.1969');
      for (const c of ds.citations) expect(c.value.sources.length).toBeGreaterThan(0);

      const db = path.join(await tempDir(), 'graph');
      const ingest = await crosstalk('ingest', '--data', out, '--db', db);
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(ingest.stdout).toMatch(/Work\s+│ 15/);
      const rows = await query(
        db,
        `MATCH (w:Work {id: '${REVIEW}'}) ` +
          "OPTIONAL MATCH (b:Work {id: 'doi:10.1016/j.celrep.2018.01.041'})-[m:MENTIONS]->(:Concept {id: 'concept:exercise'}) " +
          'OPTIONAL MATCH (c:Work)-[:CITES]->(w) ' +
          'RETURN w.openalex AS openalex, w.mesh AS mesh, w.meshIds AS ids, m.foundIn AS foundIn, c.id AS citing, ' +
          'w.openalexReferenceCount AS listed, w.openalexCitedByCount AS citedBy ORDER BY citing',
      );
      // A concept found only in the abstract of a fetched work.
      expect(rows.map((x) => x.foundIn)).toEqual([['abstract'], ['abstract'], ['abstract']]);
      expect(rows.map((x) => x.citing)).toEqual([
        'doi:10.1186/s13018-025-05828-7',
        'doi:10.18632/aging.206325',
        'doi:10.3389/fcell.2025.1715009',
      ]);
      expect(rows[0]).toMatchObject({
        openalex: 'W9900000001',
        mesh: ['Humans', 'Aging'],
        ids: ['D006801', 'D000375'],
        listed: 8,
        citedBy: 3,
      });

      // A second run reads only the cache and changes nothing.
      const before = await readFile(path.join(out, 'works.jsonl'), 'utf8');
      api.reset();
      const again = await crosstalk(...fetchArgs(out, '--pubmed', '--mailto', 'me@lab.org'));
      expect(again.code, again.stderr).toBe(0);
      expect(api.requests).toEqual([]);
      expect(again.stdout).toContain(
        'requests: OpenAlex 0 fetched, 5 from the cache; PubMed 0 fetched, 2 from the cache',
      );
      expect(again.stdout).toMatch(/merged \(nothing written\): 0 new works, 0 existing works filled/);
      expect(await readFile(path.join(out, 'works.jsonl'), 'utf8')).toBe(before);
    },
  );

  it(
    'merges into a copy of the bundled graph without duplicates, keeping every untouched line',
    { timeout: 240_000 },
    async () => {
      const out = await copyDataset(BUNDLED);
      const original = await lines(path.join(out, 'works.jsonl'));
      const r = await crosstalk(...fetchArgs(out, '--pubmed'));
      expect(r.code, r.stderr).toBe(0);
      // Every fetched work is already in graph/ (by DOI, PMID or title).
      expect(r.stdout).toMatch(/0 new works, 11 existing works filled/);
      const merged = await lines(path.join(out, 'works.jsonl'));
      expect(merged).toHaveLength(original.length);
      const changed = merged.filter((l, i) => l !== original[i]);
      expect(changed).toHaveLength(11);
      for (const l of changed) expect(l).toContain(api.openalexUrl);
      const ds = await readDataset(out);
      const byId = new Map(ds.works.map((w) => [w.value.id, w.value]));
      expect(byId.get('ref:cricutcom-setup.com-2072-6643-11-4-747#1')?.openalex).toBe('W9900000008');
      expect(byId.get(REVIEW)?.journal).toBe('Nat Rev Endocrinol');

      const db = path.join(await tempDir(), 'graph');
      const ingest = await crosstalk('ingest', '--data', out, '--db', db);
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(ingest.stdout).toMatch(/Work\s+│ 460/);
      const rows = await query(
        db,
        `MATCH (r:Work {id: '${REVIEW}'})-[:CITES]->(ref:Work) ` +
          "OPTIONAL MATCH (b:Work {id: 'doi:10.1016/j.celrep.2018.01.041'})-[m:MENTIONS]->(:Concept {id: 'concept:exercise'}) " +
          'RETURN count(DISTINCT ref) AS refs, collect(DISTINCT m.foundIn) AS foundIn',
      );
      // 5 known offline + jbmr.1969, celrep BAIBA and the Ilich 2014 entry matched by title.
      expect(rows).toEqual([{ refs: 8, foundIn: [['abstract']] }]);
    },
  );

  it('goes one step further at --depth 2', { timeout: 180_000 }, async () => {
    const out = await copyDataset(TINY);
    const r = await crosstalk(...fetchArgs(out, '--depth', '2', '--refs'));
    expect(r.code, r.stderr).toBe(0);
    // Only references were asked for: no cites: request at all.
    expect(api.requests.some((q) => q.query.get('filter')?.startsWith('cites:'))).toBe(false);
    const works = await jsonLines<Work>(path.join(out, 'works.jsonl'));
    // Referenced by a reference, not by the review.
    expect(works.map((w) => w.id)).not.toContain('doi:10.1186/s13018-025-05828-7');
    const withCitedBy = await copyDataset(TINY);
    api.reset();
    const both = await crosstalk(...fetchArgs(withCitedBy, '--depth', '2'));
    expect(both.code, both.stderr).toBe(0);
    const ids = (await jsonLines<Work>(path.join(withCitedBy, 'works.jsonl'))).map((w) => w.id);
    // Referenced by a work that cites the review.
    expect(ids).toContain('doi:10.1007/s00774-022-01334-6');
  });

  it('respects --max', async () => {
    const out = await copyDataset(TINY);
    const r = await crosstalk(...fetchArgs(out, '--max', '3'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/5 × reference left out by --max 3/);
    expect(r.stdout).toMatch(/citing works left out by --max 3/);
    expect(r.stdout).toContain('fetched: 4 works from OpenAlex');
  });

  it(
    'resumes after being killed mid-run without asking again for what it had',
    { timeout: 180_000 },
    async () => {
      const out = await copyDataset(TINY);
      const pristine = await readFile(path.join(out, 'works.jsonl'), 'utf8');
      // The third request never gets an answer; the process is killed while it waits.
      api.inject({ kind: 'hang' }, () => api.requests.length === 3);
      const child = spawn(process.execPath, [BIN, ...fetchArgs(out, '--pubmed')], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      api.onRequest = (n) => {
        if (n === 3) setTimeout(() => child.kill('SIGKILL'), 200);
      };
      expect(await exited).toBe('SIGKILL');
      api.onRequest = null;
      const answered = api.requests.filter((q) => q.status === 200).map((q) => q.url);
      expect(answered).toHaveLength(2);
      // Nothing was written by the killed run.
      expect(await readFile(path.join(out, 'works.jsonl'), 'utf8')).toBe(pristine);

      api.reset();
      const r = await crosstalk(...fetchArgs(out, '--pubmed'));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'requests: OpenAlex 3 fetched, 2 from the cache; PubMed 2 fetched, 0 from the cache',
      );
      for (const url of answered) expect(api.requests.map((q) => q.url)).not.toContain(url);

      // The same dataset as an uninterrupted run.
      const clean = await copyDataset(TINY);
      cache = await tempDir('crosstalk-cache-');
      await crosstalk(...fetchArgs(clean, '--pubmed'));
      expect(await readFile(path.join(out, 'works.jsonl'), 'utf8')).toBe(
        await readFile(path.join(clean, 'works.jsonl'), 'utf8'),
      );
      expect(await readFile(path.join(out, 'citations.jsonl'), 'utf8')).toBe(
        await readFile(path.join(clean, 'citations.jsonl'), 'utf8'),
      );
    },
  );

  it('retries a 429 honouring Retry-After and says so in the summary', async () => {
    const out = await copyDataset(TINY);
    api.inject(
      { kind: 'status', status: 429, retryAfter: '1' },
      (q) => q.query.get('filter')?.startsWith('openalex:') ?? false,
    );
    const r = await crosstalk(...fetchArgs(out));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; 1 retry$/m);
    expect(r.stderr).toMatch(/retry 1 in 1\.0 s \(HTTP 429/);
  });

  describe('bad input and bad answers leave the dataset as it was', () => {
    let out: string;
    let pristine: string;
    beforeEach(async () => {
      out = await copyDataset(TINY);
      pristine = await readFile(path.join(out, 'works.jsonl'), 'utf8');
    });

    const unchanged = async (): Promise<void> => {
      expect(await readFile(path.join(out, 'works.jsonl'), 'utf8')).toBe(pristine);
    };

    it('a malformed DOI: exit 2, no request', async () => {
      const r = await crosstalk(
        'fetch',
        '--doi',
        'not-a-doi',
        '--out',
        out,
        '--openalex-url',
        api.openalexUrl,
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        'error: "not-a-doi" is not a DOI. A DOI looks like 10.1038/s41574-025-01088-x',
      );
      expect(api.requests).toEqual([]);
      await unchanged();
    });

    it('a DOI OpenAlex does not know: exit 2 with what to check', async () => {
      // A real work of graph/ that the fixtures do not hold: the fixture server answers 404.
      const r = await crosstalk(
        ...fetchArgs(out).map((a) => (a === '10.1038/s41574-025-01088-x' ? '10.1002/agm2.12080' : a)),
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        'error: OpenAlex has no work with DOI 10.1002/agm2.12080. Check it at https://doi.org/10.1002/agm2.12080',
      );
      await unchanged();
    });

    it('an HTML error page that does not go away: exit 1, cached progress kept', async () => {
      api.inject(
        { kind: 'html', status: 502 },
        (q) => q.query.get('filter')?.startsWith('cites:') ?? false,
        5,
      );
      const r = await crosstalk(...fetchArgs(out, '--cited-by'));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        /error: OpenAlex request failed after 5 attempts: HTTP 502, it sent "502 Bad Gateway"/,
      );
      expect(r.stderr).toMatch(/What was fetched so far is cached/);
      await unchanged();
    });

    it('truncated JSON that does not go away: exit 1', async () => {
      api.inject({ kind: 'truncate' }, (q) => q.query.get('filter')?.startsWith('openalex:') ?? false, 5);
      const r = await crosstalk(...fetchArgs(out, '--refs'));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/the answer is not valid JSON, probably cut off/);
      await unchanged();
    });

    it('an invalid dataset folder: exit 2 before any request', async () => {
      await writeFile(path.join(out, 'citations.jsonl'), '{"from": 1}\n', { flag: 'a' });
      const r = await crosstalk(...fetchArgs(out));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/invalid data/);
      expect(api.requests).toEqual([]);
    });

    it('neither --doi nor --pmid: exit 2', async () => {
      const r = await crosstalk('fetch', '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('give exactly one of --doi and --pmid');
    });
  });

  it('starts from a PMID as well', async () => {
    const out = await copyDataset(TINY);
    const r = await crosstalk(
      ...fetchArgs(out, '--refs').map((a) =>
        a === '--doi' ? '--pmid' : a === '10.1038/s41574-025-01088-x' ? '40011751' : a,
      ),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`seed: ${REVIEW} (OpenAlex W9900000001)`);
    expect(api.requests[0]?.path).toBe('/openalex/works/pmid:40011751');
  });
});
