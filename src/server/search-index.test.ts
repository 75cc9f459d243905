import { describe, expect, it } from 'vitest';
import type { SearchRecord } from './read-models/graph-reader';
import { SEARCH_LIMITS, SearchIndex, SearchWorker, searchTerms, singular } from './search-index';

/** Two records, made up for the test (not data of the graph). */
const RECORDS: SearchRecord[] = [
  {
    id: 'concept:irisin',
    kind: 'concept',
    title: 'irisin',
    year: null,
    journal: null,
    authors: [],
    doi: null,
    pmid: null,
    pmcid: null,
    keywords: [],
    category: 'factor',
    synonyms: ['FNDC5'],
    abbreviations: [],
  },
  {
    id: 'ref:test#1',
    kind: 'work',
    title: 'Osteocalcin and skeletal muscle',
    year: 2020,
    journal: 'Test Journal',
    authors: ['Doe J'],
    doi: '10.0000/test.1',
    pmid: null,
    pmcid: null,
    keywords: [],
    category: null,
    synonyms: [],
    abbreviations: [],
  },
];

describe('searchTerms', () => {
  it('lower-cases, splits on spaces and punctuation, and keeps each word once', () => {
    expect(searchTerms('Bone, bone; MUSCLE  bone')).toEqual({
      terms: ['bone', 'muscle'],
      dropped: [],
      cut: [],
    });
  });

  it(`keeps at most ${SEARCH_LIMITS.maxTerms} words and cuts long ones`, () => {
    const t = searchTerms('a b c d e f g h i j');
    expect(t.terms).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(t.dropped).toEqual(['i', 'j']);
    const long = 'x'.repeat(SEARCH_LIMITS.maxTermLength + 5);
    expect(searchTerms(long)).toEqual({
      terms: ['x'.repeat(SEARCH_LIMITS.maxTermLength)],
      dropped: [],
      cut: [long],
    });
  });
});

describe('SearchIndex', () => {
  it('finds by prefix, typo and DOI, and says when the query was trimmed', () => {
    const index = new SearchIndex(RECORDS);
    expect(index.search('osteocal', 5).hits[0]?.id).toBe('ref:test#1');
    expect(index.search('osteocalcn', 5).hits[0]?.id).toBe('ref:test#1');
    expect(index.search('https://doi.org/10.0000/test.1', 5).hits.map((h) => h.id)).toEqual(['ref:test#1']);
    expect(index.search('irisin', 5).notice).toBeNull();
    expect(index.search('irisin a b c d e f g h', 5).notice).toMatch(/first 8 distinct words only; 1 more/);
  });
});

describe('SearchWorker', () => {
  it('searches in a worker thread, and refuses once closed', async () => {
    const w = await SearchWorker.start(RECORDS);
    const r = await w.run('fndc5', 5);
    expect('hits' in r && r.hits[0]?.id).toBe('concept:irisin');
    await w.close();
    expect(await w.run('irisin', 5)).toMatchObject({ refused: 'SEARCH_UNAVAILABLE' });
  });
});

describe('singular', () => {
  it('maps English plurals to the singular, leaving -ss, -us, -is and short words alone', () => {
    expect(['myokines', 'bones', 'therapies', 'Osteocytes'].map(singular)).toEqual([
      'myokine',
      'bone',
      'therapy',
      'osteocyte',
    ]);
    expect(['mass', 'tumorigenesis', 'virus', 'gas', 'irisin'].map(singular)).toEqual([
      'mass',
      'tumorigenesis',
      'virus',
      'gas',
      'irisin',
    ]);
  });
});
