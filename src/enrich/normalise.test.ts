import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CrosstalkError } from '../model/errors';
import {
  type OpenAlexWork,
  abstractFromInvertedIndex,
  mapWorkType,
  normaliseOpenAlexWork,
  openAlexWorkId,
  parseDoi,
  parseOrcid,
  parsePmcid,
  parsePmid,
  requireDoi,
} from './normalise';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/openalex/works',
);
const fixture = (id: string): OpenAlexWork =>
  JSON.parse(readFileSync(path.join(FIXTURES, `${id}.json`), 'utf8')) as OpenAlexWork;
const SOURCE = 'https://api.openalex.org/works/W9900000001';

describe('abstractFromInvertedIndex', () => {
  it('puts words back in position order, repeated words included', () => {
    // The shape of the documented example: word → positions.
    expect(
      abstractFromInvertedIndex({
        Despite: [0],
        growing: [1],
        interest: [2],
        in: [3, 5],
        Open: [4],
        it: [6],
      }),
    ).toBe('Despite growing interest in Open in it');
  });

  it('closes gaps left by missing positions and ignores invalid ones', () => {
    expect(abstractFromInvertedIndex({ b: [2], a: [0], bad: [-1] })).toBe('a b');
  });

  it('is null for a missing or empty index', () => {
    expect(abstractFromInvertedIndex(null)).toBeNull();
    expect(abstractFromInvertedIndex(undefined)).toBeNull();
    expect(abstractFromInvertedIndex({})).toBeNull();
  });
});

describe('identifiers', () => {
  it('reads a DOI in the forms people paste, bare and lower case', () => {
    for (const input of [
      '10.1038/s41574-025-01088-x',
      'https://doi.org/10.1038/S41574-025-01088-X',
      'http://dx.doi.org/10.1038/s41574-025-01088-x',
      'doi:10.1038/s41574-025-01088-x',
      ' https://doi.org/10.1038%2Fs41574-025-01088-x ',
    ]) {
      expect(parseDoi(input), input).toBe('10.1038/s41574-025-01088-x');
    }
  });

  it('refuses what is not a DOI', () => {
    for (const input of [
      '',
      'not-a-doi',
      '10.1038',
      '11.1038/x',
      'https://example.org/10.1038/x',
      '10.12/x',
    ]) {
      expect(parseDoi(input), input).toBeNull();
    }
  });

  it('says what a DOI looks like when the command line gives something else', () => {
    expect(() => requireDoi('s41574-025-01088-x')).toThrow(/is not a DOI. A DOI looks like 10\./);
    try {
      requireDoi('nope');
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(CrosstalkError);
      expect((e as CrosstalkError).code).toBe('USAGE');
    }
  });

  it('reads PMIDs, PMCIDs, OpenAlex ids and ORCID iDs as OpenAlex writes them', () => {
    expect(parsePmid('https://pubmed.ncbi.nlm.nih.gov/29456894')).toBe('29456894');
    expect(parsePmid('pmid:40011751')).toBe('40011751');
    expect(parsePmid('4001x')).toBeNull();
    expect(parsePmcid('https://www.ncbi.nlm.nih.gov/pmc/articles/4002985')).toBe('PMC4002985');
    expect(parsePmcid('PMC4892934')).toBe('PMC4892934');
    expect(openAlexWorkId('https://openalex.org/W2741809807')).toBe('W2741809807');
    expect(openAlexWorkId('w2741809807')).toBe('W2741809807');
    expect(openAlexWorkId('https://openalex.org/A5023888391')).toBeNull();
    // The authorship example of OpenAlex's Work object documentation.
    expect(parseOrcid('https://orcid.org/0000-0001-6187-6610')).toBe('0000-0001-6187-6610');
    expect(parseOrcid('https://orcid.org/0000-0001')).toBeNull();
  });
});

describe('mapWorkType', () => {
  it('maps OpenAlex types onto the dataset types', () => {
    expect(mapWorkType('article')).toBe('journal-article');
    expect(mapWorkType('review')).toBe('review');
    expect(mapWorkType('book-chapter')).toBe('book-chapter');
    expect(mapWorkType('paratext')).toBe('other');
    expect(mapWorkType(null)).toBeNull();
  });
});

describe('normaliseOpenAlexWork', () => {
  it('turns the review fixture into a dataset record keyed by its DOI', () => {
    const r = normaliseOpenAlexWork(fixture('W9900000001'), SOURCE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.work.openalex).toBe('W9900000001');
    expect(r.work.record).toMatchObject({
      id: 'doi:10.1038/s41574-025-01088-x',
      doi: '10.1038/s41574-025-01088-x',
      pmid: '40011751',
      title: 'Bone and muscle crosstalk in ageing and disease',
      year: 2025,
      journal: 'Nature Reviews Endocrinology',
      volume: '21',
      issue: '6',
      pages: '375-390',
      authors: ['Ben Kirk'],
      type: 'review',
      keywords: [],
      openalex: 'W9900000001',
      sources: [SOURCE],
    });
    expect(r.work.record.abstract).toMatch(
      /^Fixture text, not the published abstract: skeletal muscle and bone/,
    );
    expect(r.work.references).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((n) => `W990000000${n}`));
    expect(r.work.record).not.toHaveProperty('orcids');
  });

  it('keys a work with neither DOI nor PMID by its OpenAlex id', () => {
    const r = normaliseOpenAlexWork(fixture('W9900000008'), SOURCE);
    expect(r.ok && r.work.record.id).toBe('openalex:W9900000008');
  });

  it('keeps ORCID iDs next to their authors', () => {
    const raw: OpenAlexWork = {
      ...fixture('W9900000005'),
      authorships: [
        {
          author: {
            id: 'https://openalex.org/A5023888391',
            display_name: 'Jason Priem',
            orcid: 'https://orcid.org/0000-0001-6187-6610',
          },
        },
        { author: { display_name: 'Second Author', orcid: null } },
      ],
    };
    const r = normaliseOpenAlexWork(raw, SOURCE);
    expect(r.ok && r.work.record.orcids).toEqual(['0000-0001-6187-6610', null]);
  });

  it("keeps OpenAlex's own reference and cited-by counts, counting the list when no count is given", () => {
    const withCounts = normaliseOpenAlexWork(
      {
        id: 'https://openalex.org/W1',
        referenced_works: ['https://openalex.org/W2'],
        referenced_works_count: 212,
        cited_by_count: 40,
      },
      SOURCE,
    );
    expect(withCounts.ok && withCounts.work.record).toMatchObject({
      openalexReferenceCount: 212,
      openalexCitedByCount: 40,
    });
    const listOnly = normaliseOpenAlexWork(
      {
        id: 'https://openalex.org/W1',
        referenced_works: ['https://openalex.org/W2', 'https://openalex.org/W3'],
      },
      SOURCE,
    );
    expect(listOnly.ok && listOnly.work.record.openalexReferenceCount).toBe(2);
    expect(listOnly.ok && 'openalexCitedByCount' in listOnly.work.record).toBe(false);
    const none = normaliseOpenAlexWork({ id: 'https://openalex.org/W1', cited_by_count: -1 }, SOURCE);
    expect(
      none.ok && Object.keys(none.work.record).filter((k) => k.startsWith('openalex') && k !== 'openalex'),
    ).toEqual([]);
  });

  it('skips a record without an id, saying so', () => {
    const r = normaliseOpenAlexWork({ display_name: 'Something', doi: null }, SOURCE);
    expect(r).toEqual({ ok: false, reason: 'record without an OpenAlex id ("Something")' });
  });

  it('drops a malformed DOI with a note instead of losing the work', () => {
    const r = normaliseOpenAlexWork(
      {
        ...fixture('W9900000011'),
        doi: 'https://doi.org/not a doi',
        ids: { openalex: 'https://openalex.org/W9900000011' },
      },
      SOURCE,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.work.record.id).toBe('openalex:W9900000011');
    expect(r.work.notes).toEqual(['W9900000011: ignored malformed DOI "https://doi.org/not a doi"']);
  });
});
