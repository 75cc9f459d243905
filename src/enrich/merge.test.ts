import { describe, expect, it } from 'vitest';
import type { LinkRecord, WorkRecord } from '../model/records';
import { DatasetMerger, titleKey } from './merge';

const API = 'https://api.openalex.org/works/W1';

/** A work record with every field empty but `id`, overridden by `w`. */
function work(w: Partial<WorkRecord> & { id: string }): WorkRecord {
  return {
    doi: null,
    pmid: null,
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
    sources: ['https://pubmed.ncbi.nlm.nih.gov/40011751/'],
    ...w,
  };
}

const review = work({
  id: 'doi:10.1038/s41574-025-01088-x',
  doi: '10.1038/s41574-025-01088-x',
  pmid: '40011751',
  title: 'Bone and muscle crosstalk in ageing and disease',
  year: 2025,
  journal: 'Nat Rev Endocrinol',
  authors: ['Ben Kirk', 'et al.'],
  type: 'journal-article',
});
const novotny = work({
  id: 'ref:pubmed.ncbi.nlm.nih.gov-40011751#1',
  title: 'Aging and the muscle-bone relationship',
  year: 2015,
  authors: ['Novotny SA', 'Warren GL', 'Hamrick MW'],
});

describe('DatasetMerger.upsertWork', () => {
  it('fills empty fields only, never overwriting, and adds the API URL to sources', () => {
    const m = new DatasetMerger([review], []);
    const r = m.upsertWork(
      work({
        id: 'doi:10.1038/s41574-025-01088-x',
        doi: '10.1038/s41574-025-01088-x',
        title: 'Bone and muscle crosstalk in ageing and disease (another spelling)',
        journal: 'Nature Reviews Endocrinology',
        type: 'review',
        volume: '21',
        openalex: 'W1',
        abstract: 'An abstract.',
        sources: [API],
      }),
    );
    expect(r).toEqual({ id: review.id, status: 'filled', filled: ['openalex', 'volume', 'abstract'] });
    const merged = m.allWorks()[0]!;
    expect(merged).toMatchObject({
      title: review.title,
      journal: 'Nat Rev Endocrinol',
      type: 'journal-article',
      volume: '21',
      abstract: 'An abstract.',
      openalex: 'W1',
    });
    expect(merged.sources).toEqual([...review.sources, API]);
    expect(m.stats).toMatchObject({ newWorks: 0, filledWorks: 1, unchangedWorks: 0 });
  });

  it('matches on PMID and on OpenAlex id when the DOI is missing', () => {
    const m = new DatasetMerger([review], []);
    expect(
      m.upsertWork(work({ id: 'pmid:40011751', pmid: '40011751', openalex: 'W1', sources: [API] })).id,
    ).toBe(review.id);
    expect(m.upsertWork(work({ id: 'openalex:W1', openalex: 'W1', sources: [API] })).id).toBe(review.id);
    expect(m.allWorks()).toHaveLength(1);
  });

  it('matches an identical title without conflicting identifiers or year, and not otherwise', () => {
    const m = new DatasetMerger([novotny], []);
    const same = m.upsertWork(
      work({
        id: 'openalex:W7',
        openalex: 'W7',
        title: 'Aging and the Muscle–Bone Relationship',
        year: 2015,
        sources: [API],
      }),
    );
    expect(same).toMatchObject({ id: novotny.id, status: 'filled' });
    const otherYear = m.upsertWork(
      work({ id: 'openalex:W8', openalex: 'W8', title: novotny.title, year: 2009, sources: [API] }),
    );
    expect(otherYear).toMatchObject({ id: 'openalex:W8', status: 'new' });
    expect(titleKey('Short title')).toBeNull();
  });

  it('does not fill an identifier another record already holds', () => {
    const other = work({
      id: 'pmid:40011751',
      pmid: '40011751',
      title: 'A different record with the same PMID',
    });
    const noPmid = work({ id: 'doi:10.1/x', doi: '10.1/x' });
    const m = new DatasetMerger([other, noPmid], []);
    const r = m.upsertWork(
      work({ id: 'doi:10.1/x', doi: '10.1/x', pmid: '40011751', year: 2020, sources: [API] }),
    );
    expect(r.filled).toEqual(['year']);
    expect(m.allWorks()[1]!.pmid).toBeNull();
  });

  it('completes an author list cut with "et al." and keeps ORCIDs with the list they came with', () => {
    const m = new DatasetMerger([review], []);
    m.upsertWork(
      work({
        id: review.id,
        doi: review.doi,
        authors: ['Ben Kirk', 'Second Author'],
        orcids: [null, '0000-0001-6187-6610'],
        sources: [API],
      }),
    );
    expect(m.allWorks()[0]).toMatchObject({
      authors: ['Ben Kirk', 'Second Author'],
      orcids: [null, '0000-0001-6187-6610'],
    });
    const full = new DatasetMerger([novotny], []);
    full.upsertWork(
      work({
        id: 'openalex:W7',
        openalex: 'W7',
        title: novotny.title,
        year: 2015,
        authors: ['S. Novotny'],
        sources: [API],
      }),
    );
    expect(full.allWorks()[0]!.authors).toEqual(novotny.authors);
  });

  it('adds an unknown work as new, and says nothing changed for a work it already knows completely', () => {
    const m = new DatasetMerger([review], []);
    expect(m.upsertWork(work({ id: 'doi:10.1/new', doi: '10.1/new', sources: [API] })).status).toBe('new');
    expect(
      m.upsertWork(work({ id: review.id, doi: review.doi, title: 'Other', sources: [API] })).status,
    ).toBe('unchanged');
    expect(m.stats).toMatchObject({ newWorks: 1, filledWorks: 0, unchangedWorks: 1 });
  });
});

describe("DatasetMerger: OpenAlex's counts", () => {
  it('replaces them with the latest fetch (they describe OpenAlex at that time), and only then adds the source', () => {
    const m = new DatasetMerger([{ ...review, openalexReferenceCount: 200, openalexCitedByCount: 3 }], []);
    const later = 'https://api.openalex.org/works/W2';
    const r = m.upsertWork(
      work({
        id: review.id,
        doi: review.doi,
        openalexReferenceCount: 212,
        openalexCitedByCount: 3,
        sources: [later],
      }),
    );
    expect(r).toMatchObject({ status: 'filled', filled: ['openalexReferenceCount'] });
    expect(m.allWorks()[0]).toMatchObject({ openalexReferenceCount: 212, openalexCitedByCount: 3 });
    expect(m.allWorks()[0]!.sources.at(-1)).toBe(later);
    expect(
      m.upsertWork(work({ id: review.id, doi: review.doi, openalexReferenceCount: 212, sources: [API] }))
        .status,
    ).toBe('unchanged');
  });
});

describe('DatasetMerger.patchByPmid', () => {
  it('fills MeSH, keywords and an abstract from PubMed by PMID', () => {
    const m = new DatasetMerger([review], []);
    const mesh = [{ id: 'D006801', name: 'Humans', isMajor: false }];
    const r = m.patchByPmid(
      '40011751',
      { abstract: 'From PubMed.', keywords: ['Humans'], mesh },
      'https://eutils/efetch?id=40011751',
    );
    expect(r).toMatchObject({ id: review.id, status: 'filled', filled: ['keywords', 'mesh', 'abstract'] });
    expect(m.patchByPmid('1', { abstract: 'x' }, 's')).toBeNull();
  });

  it('records where a filled abstract came from, and never names a source for an abstract it did not fill', () => {
    const m = new DatasetMerger([review, work({ id: 'pmid:1', pmid: '1', abstract: 'Already here.' })], []);
    m.patchByPmid('40011751', { abstract: 'From PubMed.' }, 'https://eutils/efetch?id=40011751');
    expect(m.allWorks()[0]).toMatchObject({
      abstract: 'From PubMed.',
      abstractSource: 'https://eutils/efetch?id=40011751',
    });
    // A later OpenAlex abstract neither replaces it nor its source.
    m.upsertWork(
      work({
        id: review.id,
        doi: review.doi,
        abstract: 'From OpenAlex.',
        abstractSource: API,
        sources: [API],
      }),
    );
    expect(m.allWorks()[0]).toMatchObject({
      abstract: 'From PubMed.',
      abstractSource: 'https://eutils/efetch?id=40011751',
    });
    // An abstract that was there before the fetch keeps no source: the merge does not know it.
    m.patchByPmid('1', { abstract: 'Other.', keywords: ['k'] }, 'https://eutils/efetch?id=1');
    expect(m.allWorks()[1]!.abstract).toBe('Already here.');
    expect(m.allWorks()[1]!.abstractSource).toBeUndefined();
  });
});

describe('DatasetMerger.addCitation', () => {
  it('adds a new edge once, adds a source to a known one, and refuses self-citations', () => {
    const known: LinkRecord = {
      from: review.id,
      to: novotny.id,
      kind: 'cites',
      sources: ['https://pubmed.ncbi.nlm.nih.gov/40011751/'],
    };
    const m = new DatasetMerger([review, novotny], [known]);
    expect(m.addCitation(review.id, novotny.id, API)).toBe('source-added');
    expect(m.addCitation(review.id, novotny.id, API)).toBe('exists');
    expect(m.addCitation(novotny.id, review.id, API)).toBe('new');
    expect(m.addCitation(novotny.id, review.id, API)).toBe('exists');
    expect(m.addCitation(review.id, review.id, API)).toBe('self');
    expect(m.allCitations()[0]!.sources).toEqual([...known.sources, API]);
    expect(m.stats).toMatchObject({ newCitations: 1, citationSourcesAdded: 1 });
  });
});
