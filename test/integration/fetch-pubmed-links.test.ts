/**
 * PubMed's links in a fetch (fetchAndMerge in-process, over the local stand-in, our fixtures): a
 * work PubMed lists among the seed's references that OpenAlex's reference list lacks is looked up
 * in OpenAlex by PMID, merged, and linked with the ELink URL as its source; a citing work both know
 * gains PubMed as a second source; --max holds. The link sets are this test's own claims, given to
 * the stand-in (not PubMed data about these works); the real ELink format is tested in
 * real-api.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FetchOptions, fetchAndMerge } from '../../src/enrich/enrich';
import { readDataset } from '../../src/ingest/read-dataset';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { TINY, copyDataset } from '../support/temp';

const REVIEW = 'doi:10.1038/s41574-025-01088-x';
/** W9900000013 in test/fixtures/openalex: not in the review's OpenAlex reference list. */
const LINKED = { pmid: '35639177', id: 'doi:10.1007/s00774-022-01334-6', openalex: 'W9900000013' };
/** W9900000010: on the review's OpenAlex cited-by pages. */
const CITING = { pmid: '40296076', id: 'doi:10.1186/s13018-025-05828-7' };

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi({
    links: { '40011751': { refs: [LINKED.pmid, '23630111'], citedIn: [CITING.pmid] } },
  });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
});

const options = (out: string, more: Partial<FetchOptions> = {}): FetchOptions => ({
  doi: '10.1038/s41574-025-01088-x',
  refs: true,
  citedBy: true,
  depth: 1,
  max: 100,
  pubmed: true,
  out,
  cacheDir: null,
  openalexUrl: api.openalexUrl,
  pubmedUrl: api.pubmedUrl,
  timeoutMs: 5000,
  product: 'crosstalk-kg/test',
  ...more,
});

describe('PubMed links in a fetch', () => {
  it('fetches a reference only PubMed lists from OpenAlex by PMID and links it with the ELink URL', async () => {
    const out = await copyDataset(TINY);
    const summary = await fetchAndMerge(options(out));
    const elinkUrl = `${api.pubmedUrl}/elink.fcgi?dbfrom=pubmed&db=pubmed&cmd=neighbor&id=40011751`;
    expect(api.requests.map((q) => q.path)).toContain(`/openalex/works/pmid:${LINKED.pmid}`);
    // The new work is asked of PubMed too (a second efetch, for it alone).
    const efetches = api.requests
      .filter((q) => q.path === '/eutils/efetch.fcgi')
      .map((q) => q.query.get('id'));
    expect(efetches.at(-1)).toBe(LINKED.pmid);
    expect(summary.fetchedWorks).toBe(12);

    const ds = await readDataset(out);
    const work = ds.works.find((w) => w.value.id === LINKED.id)?.value;
    expect(work).toMatchObject({ openalex: LINKED.openalex, pmid: LINKED.pmid });
    expect(work?.sources).toEqual([`${api.openalexUrl}/works/${LINKED.openalex}`]);
    const cites = new Map(ds.citations.map((c) => [`${c.value.from} > ${c.value.to}`, c.value.sources]));
    expect(cites.get(`${REVIEW} > ${LINKED.id}`)).toEqual([elinkUrl]);
    // Known to both: OpenAlex's cited-by list, then PubMed's cited-in.
    expect(cites.get(`${CITING.id} > ${REVIEW}`)).toEqual([
      `${api.openalexUrl}/works?filter=cites:W9900000001`,
      elinkUrl,
    ]);
    // A PubMed reference that OpenAlex also lists gains the ELink URL beside the OpenAlex one.
    expect(cites.get(`${REVIEW} > doi:10.1002/jbmr.1969`)).toContain(elinkUrl);
  });

  it('keeps to --max: a PubMed-linked work beyond it is reported, not fetched', async () => {
    const out = await copyDataset(TINY);
    const summary = await fetchAndMerge(options(out, { max: 10, dryRun: true }));
    expect(api.requests.map((q) => q.path)).not.toContain(`/openalex/works/pmid:${LINKED.pmid}`);
    expect(summary.skipped).toContainEqual({
      reason: 'PubMed-linked work left out by --max 10',
      count: 1,
      examples: [LINKED.pmid],
    });
  });

  it('looks up nothing from PubMed links without --refs and --cited-by asking for them', async () => {
    const out = await copyDataset(TINY);
    await fetchAndMerge(options(out, { refs: false, dryRun: true }));
    expect(api.requests.map((q) => q.path)).not.toContain(`/openalex/works/pmid:${LINKED.pmid}`);
  });
});
