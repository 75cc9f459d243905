/**
 * The fetcher against responses recorded from the live OpenAlex and PubMed E-utilities services
 * (../shared/fixtures/real-api, described in its MANIFEST.md), served by the local stand-in
 * (test/support/fixture-api.ts, real mode) over real HTTP. The files are read where they lie, beside
 * the project, and never copied into it. Every file there is used by a test below, and a test
 * checks that none is left out.
 *
 * Without ../shared (a checkout on its own) these tests cannot run: that is said loudly, the one
 * test that stands for them is skipped with the reason in its name, and under CI=true it fails.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPubMedCitations, fetchAndMerge, type FetchSummary } from '../../src/enrich/enrich';
import { HttpClient } from '../../src/enrich/http-client';
import { DatasetMerger } from '../../src/enrich/merge';
import { normaliseOpenAlexWork, type NormalisedWork, type OpenAlexWork } from '../../src/enrich/normalise';
import { OpenAlexClient, OpenAlexWorkSchema, WORK_FIELDS } from '../../src/enrich/openalex';
import { isELinkXml, isPubMedXml, parsePubMedXml, PubMedClient } from '../../src/enrich/pubmed';
import { readDataset } from '../../src/ingest/read-dataset';
import type { WorkRecord } from '../../src/model/records';
import { type FixtureApi, REAL_API_DIR, startFixtureApi } from '../support/fixture-api';
import { TINY, copyDataset } from '../support/temp';

const IS_CI = process.env.CI === 'true';
const HAS_REAL = existsSync(path.join(REAL_API_DIR, 'MANIFEST.md'));

if (!HAS_REAL) {
  console.warn(
    `\n*** The recorded real API responses are ABSENT: ${REAL_API_DIR} does not exist.\n` +
      '*** test/integration/real-api.test.ts cannot check the fetcher against the real OpenAlex and\n' +
      `*** PubMed formats${IS_CI ? ' and FAILS (CI=true)' : ' and is SKIPPED'}. Put the shared folder beside the project\n` +
      '*** (<dir>/p and <dir>/shared) or set REAL_API_DIR.\n',
  );
}

if (!HAS_REAL) {
  describe('the recorded real API responses', () => {
    if (IS_CI) {
      it(`are required under CI=true, but ${REAL_API_DIR} is missing`, () => {
        expect.fail(`${REAL_API_DIR} must exist beside the project under CI (see its MANIFEST.md)`);
      });
    } else {
      it.skip(`ABSENT: ${REAL_API_DIR} is missing, so the fetcher is NOT checked against the real formats`, () => {
        expect.fail('not run');
      });
    }
  });
}

/** Every file this suite reads, by folder: the test below checks that nothing else is there. */
const COVERED = {
  openalex: [
    'openalex-python_works-W2741809807.json',
    'openalexPro_cites-W3046863325-W3045921891_page1.json',
    'openalexPro_cites-W3046863325-W3045921891_page2.json',
    'openalexPro_filter-openalex-W3045921891-W3046863325_page1.json',
    'openalexPro_works-W2162348455.json',
  ],
  pubmed: [
    'biopython_elink1.xml',
    'biopython_esearch2.xml',
    'biopython_pubmed2.xml',
    'biopython_pubmed4.xml',
    'biopython_pubmed7.xml',
  ],
} as const;

const real = (folder: keyof typeof COVERED, file: string): string =>
  readFileSync(path.join(REAL_API_DIR, folder, file), 'utf8');

describe.runIf(HAS_REAL)('the fetcher on real OpenAlex and PubMed responses', () => {
  let api: FixtureApi;
  let openalex: OpenAlexClient;
  let pubmed: PubMedClient;

  const client = (name: string): HttpClient =>
    new HttpClient({
      name,
      userAgent: 'crosstalk-kg-test',
      cache: null,
      ratePerSecond: 1000,
      concurrency: 4,
      timeoutMs: 5000,
      maxAttempts: 1,
      privateParams: ['api_key', 'mailto', 'email', 'tool'],
    });

  beforeAll(async () => {
    api = await startFixtureApi({ realApiDir: REAL_API_DIR });
    openalex = new OpenAlexClient(client('OpenAlex'), api.openalexUrl, { mailto: 'me@lab.org' });
    pubmed = new PubMedClient(client('PubMed'), api.pubmedUrl, { tool: 'crosstalk-kg' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('reads every recorded file, each with the SHA-256 its MANIFEST gives, and no other', () => {
    const manifest = readFileSync(path.join(REAL_API_DIR, 'MANIFEST.md'), 'utf8');
    const sums = new Map(
      [...manifest.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2]!, m[1]!] as const),
    );
    for (const folder of ['openalex', 'pubmed'] as const) {
      const files = readdirSync(path.join(REAL_API_DIR, folder)).sort();
      expect(files, `files in ${folder}/`).toEqual([...COVERED[folder]].sort());
      for (const f of files) {
        const sha = createHash('sha256')
          .update(readFileSync(path.join(REAL_API_DIR, folder, f)))
          .digest('hex');
        expect(sha, `${folder}/${f}`).toBe(sums.get(`${folder}/${f}`));
      }
    }
    expect(sums.size).toBe(COVERED.openalex.length + COVERED.pubmed.length);
  });

  const normalised = (raw: OpenAlexWork, url: string): NormalisedWork => {
    const r = normaliseOpenAlexWork(raw, url);
    if (!r.ok) throw new Error(r.reason);
    return r.work;
  };

  describe('OpenAlex', () => {
    it('reads a singleton Work by DOI: ids, PMID and the PMCID URL without "PMC", ORCIDs, the rebuilt abstract, counts', async () => {
      const res = await openalex.getWork('doi:10.7717/peerj.4375');
      expect(res).not.toBeNull();
      const seen = api.requests.at(-1)!;
      expect(seen.path).toBe('/openalex/works/doi:10.7717/peerj.4375');
      expect(seen.query.get('select')).toBe(WORK_FIELDS.join(','));
      const { record, references, openalex: oid } = normalised(res!.work, openalex.workUrl('W2741809807'));
      expect(oid).toBe('W2741809807');
      // ids.pmcid is https://www.ncbi.nlm.nih.gov/pmc/articles/5815332: digits only, no "PMC".
      expect(record).toMatchObject({
        id: 'doi:10.7717/peerj.4375',
        doi: '10.7717/peerj.4375',
        pmid: '29456894',
        pmcid: 'PMC5815332',
        openalex: 'W2741809807',
        title: 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles',
        year: 2018,
        journal: 'PeerJ',
        volume: '6',
        issue: null,
        // first_page = last_page = "e4375": one article number, not a range.
        pages: 'e4375',
        type: 'journal-article',
        openalexReferenceCount: 45,
        openalexCitedByCount: 962,
        sources: [`${api.openalexUrl}/works/W2741809807`],
      });
      expect(record.authors).toHaveLength(9);
      expect(record.authors[0]).toBe('Heather Piwowar');
      expect(record.orcids).toHaveLength(9);
      expect(record.orcids?.[0]).toBe('0000-0003-1613-5981');
      expect(record.orcids?.every((o) => o !== null)).toBe(true);
      expect(references).toHaveLength(45);
      // 258 words in position order.
      expect(record.abstract?.split(' ')).toHaveLength(258);
      expect(record.abstract).toMatch(
        /^Despite growing interest in Open Access \(OA\) to scholarly literature, /,
      );
      expect(record.abstract).toMatch(/ to inform OA policy and practice\.$/);
    });

    it('ignores the extra abstract_inverted_index_v3 field of an unselected record', () => {
      const raw = JSON.parse(real('openalex', 'openalex-python_works-W2741809807.json')) as Record<
        string,
        unknown
      >;
      expect(raw).toHaveProperty('abstract_inverted_index_v3', null);
      expect(raw).toHaveProperty('abstract_inverted_index');
      const full = normalised(OpenAlexWorkSchema.parse(raw), 'u');
      const selected = Object.fromEntries(
        Object.entries(raw).filter(([k]) => (WORK_FIELDS as readonly string[]).includes(k)),
      );
      expect(full.record).toEqual(normalised(OpenAlexWorkSchema.parse(selected), 'u').record);
    });

    it('reads a Work by PMID whose abstract_inverted_index is null: no abstract, 230 references listed', async () => {
      const res = await openalex.getWork('pmid:10706275');
      const { record, references } = normalised(res!.work, 'u');
      expect(record).toMatchObject({
        id: 'doi:10.1038/35002501',
        pmid: '10706275',
        pmcid: null,
        title: 'Biodiversity hotspots for conservation priorities',
        year: 2000,
        journal: 'Nature',
        volume: '403',
        issue: '6772',
        pages: '853-858',
        openalexReferenceCount: 230,
        openalexCitedByCount: 29678,
      });
      expect(record).not.toHaveProperty('abstract');
      expect(references).toHaveLength(230);
      // ORCIDs where OpenAlex knows them, null elsewhere, in author order.
      expect(record.orcids).toEqual([
        null,
        '0000-0002-8002-826X',
        null,
        '0000-0002-6290-5812',
        '0000-0002-3051-7698',
      ]);
      // The recorded request asked for the singleton with per_page and cursor: still one Work.
      const direct = await fetch(`${api.openalexUrl}/works/W2162348455?per_page=200&cursor=%2A`);
      expect(await direct.text()).toBe(real('openalex', 'openalexPro_works-W2162348455.json'));
    });

    it('looks up works in a batch (filter=openalex:A|B) and reads a preprint', async () => {
      const list = await openalex.getWorks(['W3045921891', 'W3046863325']);
      expect(api.requests.at(-1)?.query.get('filter')).toBe('openalex:W3045921891|W3046863325');
      expect(list.invalid).toEqual([]);
      expect(list.count).toBe(2);
      // The live API hands out a next_cursor even on this only page.
      expect(list.nextCursor).toMatch(/^Ils2/);
      const works = new Map(list.works.map((w) => [normalised(w, 'u').openalex, normalised(w, 'u').record]));
      expect(works.get('W3045921891')).toMatchObject({
        id: 'doi:10.48550/arxiv.2007.14454',
        type: 'preprint',
        journal: 'arXiv (Cornell University)',
        pages: null,
        year: 2020,
        authors: ['James Ravenscroft', 'Amanda Clare', 'Maria Liakata'],
        orcids: ['0000-0003-0293-9452', '0000-0001-8315-3659', '0000-0001-5765-0416'],
        openalexReferenceCount: 37,
        openalexCitedByCount: 0,
      });
      expect(works.get('W3046863325')).toMatchObject({
        id: 'doi:10.1145/3383583.3398584',
        type: 'journal-article',
        // primary_location.source is null: no journal.
        journal: null,
        pages: '503-504',
        authors: ['Chifumi Nishioka', 'Michael Färber'],
        openalexReferenceCount: 6,
        openalexCitedByCount: 3,
      });
      for (const r of works.values()) expect(r.abstract?.length).toBeGreaterThan(100);
    });

    it('pages a cites:A|B lookup on to the empty page, although the full first page has a next_cursor', async () => {
      const first = await openalex.citingPage(['W3046863325', 'W3045921891'], '*');
      expect(first.count).toBe(3);
      expect(first.works).toHaveLength(3);
      expect(first.nextCursor).toBe('Ils2NS4wLCAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQzODczMTYxNjcnXSI=');
      const second = await openalex.citingPage(['W3046863325', 'W3045921891'], first.nextCursor!);
      expect(second.works).toEqual([]);
      expect(second.nextCursor).toBeNull();
      const citing = first.works.map((w) => normalised(w, 'u'));
      expect(citing.map((w) => w.record.id).sort()).toEqual([
        'doi:10.1109/jcdl57899.2023.00026',
        'doi:10.18421/tem113-46',
        'doi:10.36312/esaintika.v6i3.897',
      ]);
      // Which of the two each cites is in its own reference list: all three cite W3046863325.
      for (const w of citing) {
        expect(w.references).toContain('W3046863325');
        expect(w.references).not.toContain('W3045921891');
      }
      // Recorded oddities read as they are: a dotless ı in a display name, a volume "500?225".
      expect(citing.find((w) => w.openalex === 'W4311043552')?.record.authors[0]).toBe(
        'Binar Kurnia Prahanı',
      );
      expect(citing.find((w) => w.openalex === 'W4387316167')?.record.volume).toBe('500?225');
    });

    it('expands a seed with fetchAndMerge: references, citing works up to the empty page, sources on every record and edge', async () => {
      const out = await copyDataset(TINY);
      api.reset();
      const summary: FetchSummary = await fetchAndMerge({
        doi: '10.1145/3383583.3398584',
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
        mailto: 'me@lab.org',
      });
      const SEED = 'doi:10.1145/3383583.3398584';
      // The seed, the one of its six references that was recorded (W2741809807), three citing works.
      expect(summary.seed).toMatchObject({ id: 'doi:10.1145/3383583.3398584', openalex: 'W3046863325' });
      expect(summary.fetchedWorks).toBe(5);
      expect(summary.merge).toMatchObject({ newWorks: 5, filledWorks: 0, newCitations: 4 });
      const reasons = new Map(summary.skipped.map((s) => [s.reason, s.count]));
      expect(reasons.get('reference OpenAlex did not return (merged or withdrawn record)')).toBe(5);
      // PMID 29456894 (W2741809807) is not among the recorded efetch answers.
      expect(reasons.get('PMID PubMed did not return')).toBe(1);
      const paths = api.requests.map(
        (q) => `${q.path}?${q.query.get('filter') ?? q.query.getAll('id').join(',')}`,
      );
      expect(paths.filter((p) => p.includes('cites:'))).toEqual([
        '/openalex/works?cites:W3046863325',
        '/openalex/works?cites:W3046863325',
      ]);
      expect(
        api.requests
          .filter((q) => q.query.get('filter')?.startsWith('cites:'))
          .map((q) => q.query.get('cursor')),
      ).toEqual(['*', expect.any(String)]);
      expect(paths).toContain('/eutils/efetch.fcgi?29456894');
      expect(paths).toContain('/eutils/elink.fcgi?29456894');

      const ds = await readDataset(out);
      const works = new Map<string, WorkRecord>(ds.works.map((w) => [w.value.id, w.value]));
      expect(works.get('doi:10.7717/peerj.4375')).toMatchObject({
        pmcid: 'PMC5815332',
        openalex: 'W2741809807',
        sources: [`${api.openalexUrl}/works/W2741809807`],
      });
      for (const w of ds.works.slice(-5)) {
        expect(w.value.sources).toEqual([`${api.openalexUrl}/works/${w.value.openalex}`]);
      }
      // Each citation names the API URL that states it: the cited-by list of the seed and the
      // citing work's own reference list both do.
      const citedBy = `${api.openalexUrl}/works?filter=cites:W3046863325`;
      const fresh = ds.citations
        .map((c) => c.value)
        .filter((c) => c.sources.some((u) => u.startsWith(api.openalexUrl)))
        .map((c) => [c.from, c.to, c.sources]);
      expect(fresh.sort()).toEqual(
        [
          ['doi:10.1109/jcdl57899.2023.00026', SEED, [citedBy, `${api.openalexUrl}/works/W4387316167`]],
          ['doi:10.1145/3383583.3398584', 'doi:10.7717/peerj.4375', [`${api.openalexUrl}/works/W3046863325`]],
          ['doi:10.18421/tem113-46', SEED, [citedBy, `${api.openalexUrl}/works/W4293919086`]],
          ['doi:10.36312/esaintika.v6i3.897', SEED, [citedBy, `${api.openalexUrl}/works/W4311043552`]],
        ].sort(),
      );
      // The e-mail went with every request and into none of the files.
      expect(
        api.requests.every(
          (q) => q.query.get('mailto') === 'me@lab.org' || q.query.get('email') === 'me@lab.org',
        ),
      ).toBe(true);
      expect(await readFile(path.join(out, 'citations.jsonl'), 'utf8')).not.toContain('me@lab.org');
      const text = await readFile(path.join(out, 'works.jsonl'), 'utf8');
      expect(text).not.toContain('me@lab.org');
    });
  });

  describe('PubMed E-utilities', () => {
    it('reads a batch efetch: MeSH headings with UIs and major topics, a record without MeSH, DOIs, entities', async () => {
      const { records } = await pubmed.fetchBatch(['11748933', '11700088']);
      expect(api.requests.at(-1)?.query.get('id')).toBe('11748933,11700088');
      const [a, b] = records;
      expect(a).toMatchObject({ pmid: '11748933', doi: '10.1006/cryo.2001.2328', pmcid: null, keywords: [] });
      expect(a!.mesh).toHaveLength(11);
      expect(a!.mesh[0]).toEqual({ id: 'D000818', name: 'Animals', isMajor: false });
      expect(a!.mesh.filter((m) => m.isMajor)).toEqual([
        { id: 'D013081', name: 'Sperm Motility', isMajor: true },
      ]);
      expect(a!.abstract).toContain('(P < 0.001)');
      // 11700088 is "PubMed-not-MEDLINE": the record has no MeshHeadingList at all.
      expect(b).toMatchObject({ pmid: '11700088', doi: '10.1006/jmre.2001.2429', mesh: [], references: [] });
      expect(b!.title).toBe('Proton MRI of (13)C distribution by J and chemical shift editing.');
    });

    it('reads references in the older form: CommentsCorrectionsList, RefType="Cites" only', async () => {
      // The recorded request asked for 29106400, but the file holds 27797938 (MANIFEST.md).
      const { records } = await pubmed.fetchBatch(['27797938']);
      const [r, ...rest] = records;
      expect(rest).toEqual([]);
      expect(r).toMatchObject({
        pmid: '27797938',
        doi: '10.1136/gutjnl-2016-312510',
        pmcid: 'PMC5442267',
        // The <i> tag of the recorded title is dropped.
        title:
          'Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.',
        keywords: ['PANCREATIC CANCER'],
      });
      expect(r!.mesh).toHaveLength(21);
      expect(r!.references).toHaveLength(48);
      expect(r!.references.slice(0, 2)).toEqual(['2657958', '25658358']);
      // The CommentIn entry is a comment on this work, not one of its references.
      expect(r!.references).not.toContain('27920200');
    });

    it('reads references in the newer form: ReferenceList/Reference/ArticleIdList, and MathML as text', async () => {
      const { records } = await pubmed.fetchBatch(['29963580']);
      const [r] = records;
      expect(r).toMatchObject({
        pmid: '29963580',
        doi: '10.1117/1.jmi.5.2.026002',
        pmcid: 'PMC6022861',
        mesh: [],
      });
      expect(r!.keywords).toHaveLength(5);
      expect(r!.references).toHaveLength(49);
      expect(r!.references[0]).toBe('25144646');
      expect(r!.abstract).not.toMatch(/[<>]|mml/);
      expect(r!.abstract).toMatch(/^We designed and generated pulmonary imaging biomarker pipelines/);
    });

    it("reads elink's cited-in and references link sets, one LinkSet per id", async () => {
      const one = await pubmed.fetchLinks(['9298984']);
      const seen = api.requests.at(-1)!;
      expect(seen.path).toBe('/eutils/elink.fcgi');
      expect([seen.query.get('dbfrom'), seen.query.get('db'), seen.query.get('cmd')]).toEqual([
        'pubmed',
        'pubmed',
        'neighbor',
      ]);
      expect(one.unattributed).toEqual([]);
      expect(one.links).toHaveLength(1);
      const [l] = one.links;
      expect(l).toMatchObject({ pmid: '9298984', sourceUrl: pubmed.linksUrl('9298984') });
      expect(l!.citedIn).toHaveLength(39);
      expect(l!.citedIn.slice(0, 2)).toEqual(['38830800', '38188366']);
      expect(l!.refs).toHaveLength(56);
      expect(l!.refs.slice(0, 2)).toEqual(['14732139', '8909532']);
      // Two PMIDs as two id= parameters: two LinkSets (one without links).
      const two = await pubmed.fetchLinks(['9298984', '27797938']);
      expect(api.requests.at(-1)?.query.getAll('id')).toEqual(['9298984', '27797938']);
      expect(two.links.map((x) => [x.pmid, x.citedIn.length, x.refs.length])).toEqual([
        ['9298984', 39, 56],
        ['27797938', 0, 0],
      ]);
    });

    it('turns efetch references and elink links into citations between works of the dataset, each with its URL', async () => {
      const [efetch] = (await pubmed.fetchBatch(['27797938'])).records;
      const [links] = (await pubmed.fetchLinks(['9298984'])).links;
      // Works known only by PMID (the PMIDs are those of the recorded answers).
      const work = (pmid: string): WorkRecord => ({
        id: `pmid:${pmid}`,
        doi: null,
        pmid,
        pmcid: null,
        title: null,
        year: null,
        journal: null,
        volume: null,
        issue: null,
        pages: null,
        authors: [],
        type: null,
        keywords: [],
        sources: ['test'],
      });
      const merger = new DatasetMerger(
        ['27797938', '2657958', '9298984', '38830800', '14732139'].map(work),
        [],
      );
      const skipped: string[] = [];
      addPubMedCitations(merger, [efetch!], [links!], (reason) => skipped.push(reason));
      expect(merger.allCitations().map((c) => [c.from, c.to, c.sources[0]])).toEqual([
        ['pmid:27797938', 'pmid:2657958', pubmed.sourceUrl('27797938')],
        ['pmid:9298984', 'pmid:14732139', pubmed.linksUrl('9298984')],
        ['pmid:38830800', 'pmid:9298984', pubmed.linksUrl('9298984')],
      ]);
      // Everything else points outside the dataset and is counted, not added.
      expect(skipped).toHaveLength(47 + 55 + 38);
      expect(new Set(skipped)).toEqual(
        new Set(['PubMed citation of a work not in the dataset (not fetched)']),
      );
    });

    it('refuses an ESearch answer where an efetch or elink answer is expected, saying what it got', async () => {
      const res = await fetch(
        `${api.pubmedUrl}/esearch.fcgi?db=pubmed&term=cancer&reldate=60&datetype=edat&retmax=100&usehistory=y`,
      );
      const body = await res.text();
      expect(body).toBe(real('pubmed', 'biopython_esearch2.xml'));
      expect(body).toMatch(/<Count>42249<\/Count>/);
      // Well-formed XML, so it passes the cut-off check, but it is no PubmedArticleSet or eLinkResult.
      expect(isPubMedXml(body, res.headers.get('content-type'))).toBeNull();
      expect(() => parsePubMedXml(body, (p) => p)).toThrow('the answer is not a PubmedArticleSet');
      expect(isELinkXml(body, res.headers.get('content-type'))).toMatch(/not an ELink result/);
    });
  });
});
