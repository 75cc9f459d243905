/**
 * GET /api/dataset (the data card) through the real HTTP server over the real embedded store: the
 * counts match the dataset files, the folder says whether the bundled or the user dataset is loaded,
 * a user dataset's expansions are listed from its provenance.json (without credentials), and the
 * advice depends on whether this server may fetch.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { ingest } from '../../src/ingest/ingest';
import { ensureUserDataset, readProvenance, recordExpansion } from '../../src/server/jobs/user-dataset';
import { serve, type RunningServer } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { BUNDLED, ROOT, tempDir } from '../support/temp';

const settings = {
  openalexUrl: 'http://127.0.0.1:9/',
  pubmedUrl: 'http://127.0.0.1:9/',
  cacheDir: null,
  timeoutMs: 1000,
  max: 10,
  pubmed: false,
  product: 'crosstalk-kg/test',
};

async function startOn(data: string, user: string, host: string, flags = {}): Promise<RunningServer> {
  const db = path.join(await tempDir(), 'graph');
  const loader = new EmbeddedStore(db);
  await ingest(data, loader);
  await loader.close();
  return serve({
    store: new EmbeddedStore(db),
    host,
    port: 0,
    uiDir: null,
    warm: false,
    fetch: { locations: { bundled: BUNDLED, user, root: ROOT }, settings, ...flags },
  });
}

const get = async (server: RunningServer): Promise<DatasetPayload> => {
  // A server bound to 0.0.0.0 is asked on loopback (its url names 0.0.0.0, which no Host header may).
  const url = new URL('/api/dataset', server.url);
  url.hostname = '127.0.0.1';
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return (await res.json()) as DatasetPayload;
};

const lines = async (file: string): Promise<Record<string, unknown>[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the data card of the bundled dataset', () => {
  let server: RunningServer;
  let user: string;
  beforeAll(async () => {
    user = path.join(await tempDir(), 'dataset');
    server = await startOn(BUNDLED, user, '127.0.0.1');
  });
  afterAll(async () => server.close());

  it('counts what graph/works.jsonl holds and says it is the bundled dataset', async () => {
    const d = await get(server);
    const works = await lines(path.join(BUNDLED, 'works.jsonl'));
    expect(d.works).toBe(works.length);
    expect(d.withYear).toBe(works.filter((w) => typeof w.year === 'number').length);
    expect(d.withDoi).toBe(works.filter((w) => typeof w.doi === 'string' && w.doi !== '').length);
    expect(d.withAbstract).toBe(
      works.filter((w) => typeof w.abstract === 'string' && w.abstract !== '').length,
    );
    expect(d.withYear).toBeLessThan(d.works); // the bundled data lacks years: the card must say so
    expect(d.citations).toBeGreaterThan(0);
    expect(d.withReferences).toBeGreaterThan(0);
    expect(d.withReferences).toBeLessThan(d.works);
    expect(d.folder).toEqual({ path: 'graph', kind: 'bundled' });
    expect(d.backToBundled).toBeNull();
    expect(d.expansions).toEqual([]);
  });

  it('advises fetching the review, which this loopback server may do', async () => {
    const d = await get(server);
    expect(d.fetch.enabled).toBe(true);
    expect(d.advice.work).toBe(REVIEW_ID);
    expect(d.advice.text).toMatch(/^This graph knows 5 of the review's references/);
  });
});

describe('the data card of a user dataset', () => {
  let server: RunningServer;
  let user: string;
  beforeAll(async () => {
    user = path.join(await tempDir(), 'dataset');
    expect(await ensureUserDataset({ bundled: BUNDLED, user })).toBe(true);
    expect(await ensureUserDataset({ bundled: BUNDLED, user })).toBe(false); // once only
    await recordExpansion(user, {
      at: '2026-12-01T10:00:00.000Z',
      seed: REVIEW_ID,
      seedTitle: 'The review',
      sources: [
        'https://api.openalex.org/?api_key=SECRET',
        'https://user:pw@eutils.ncbi.nlm.nih.gov/entrez/eutils/',
      ],
      newWorks: 3,
      filledWorks: 1,
      newCitations: 4,
      by: 'explorer',
    });
    // Not loopback and no --allow-fetch: fetching is off.
    server = await startOn(user, user, '0.0.0.0');
  });
  afterAll(async () => server.close());

  it('names the user folder, its last expansion and the way back to the bundled data', async () => {
    const d = await get(server);
    expect(d.folder?.kind).toBe('user');
    expect(d.backToBundled).toMatch(/--data graph/);
    expect(d.expansions).toHaveLength(1);
    expect(d.expansions[0]).toMatchObject({ seed: REVIEW_ID, newWorks: 3, newCitations: 4 });
    expect(d.expansions[0]!.sources).toEqual([
      'https://api.openalex.org/',
      'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/',
    ]);
  });

  it('keeps credentials out of provenance.json and leaves graph/queries with the project', async () => {
    const text = await readFile(path.join(user, 'provenance.json'), 'utf8');
    expect(text).not.toMatch(/SECRET|user:pw/);
    expect((await readProvenance(user))?.copiedFrom).toBe(BUNDLED);
    await expect(readFile(path.join(user, 'queries', 'README.md'))).rejects.toThrow();
  });

  it('says fetching is off on a non-loopback server and advises the command line instead', async () => {
    const d = await get(server);
    expect(d.fetch.enabled).toBe(false);
    expect(d.fetch.reason).toMatch(/--allow-fetch/);
    expect(d.advice.work).toBeNull();
    expect(d.advice.text).toMatch(/crosstalk fetch --doi/);
  });
});
