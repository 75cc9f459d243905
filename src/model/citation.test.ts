import { describe, expect, it } from 'vitest';
import {
  citationKeys,
  cslNameOf,
  cslTypeOf,
  workToCsl,
  worksToCsl,
  type WorkCitationRecord,
} from './citation';

/** The review as graph/works.jsonl holds it. */
const REVIEW: WorkCitationRecord = {
  id: 'doi:10.1038/s41574-025-01088-x',
  doi: '10.1038/s41574-025-01088-x',
  pmid: '40011751',
  pmcid: null,
  title: 'Bone and muscle crosstalk in ageing and disease',
  year: 2025,
  journal: 'Nat Rev Endocrinol',
  volume: '21',
  issue: '6',
  pages: '375-390',
  authors: ['Ben Kirk', 'et al.'],
  type: 'journal-article',
};

/** A short reference entry: surname only, no year, no type (also from works.jsonl). */
const MESSIER: WorkCitationRecord = {
  id: 'doi:10.1001/jama.2013.277669',
  doi: '10.1001/jama.2013.277669',
  pmid: null,
  pmcid: null,
  title: 'Effects of intensive diet and exercise on knee joint loads',
  year: null,
  journal: 'JAMA',
  volume: '310',
  issue: null,
  pages: '1263',
  authors: ['Messier'],
  type: null,
};

describe('cslNameOf', () => {
  it.each([
    ['Ben Kirk', { given: 'Ben', family: 'Kirk' }],
    ['Messier', { family: 'Messier' }],
    ['Nakamura H', { family: 'Nakamura', given: 'H' }],
    ['Achenbach SJ', { family: 'Achenbach', given: 'SJ' }],
    ['von Haehling S', { family: 'von Haehling', given: 'S' }],
    ['Sing, C.W.', { family: 'Sing', given: 'C.W.' }],
    ['Dong, Yuechao', { family: 'Dong', given: 'Yuechao' }],
    ['M. K. Robinson', { given: 'M. K.', family: 'Robinson' }],
    ['Marco Di Monaco', { given: 'Marco', family: 'Di Monaco' }],
    ['Di Daniele', { family: 'Di Daniele' }],
    ['L Joseph Melton III', { given: 'L Joseph', family: 'Melton', suffix: 'III' }],
    ['Melstrom KA Jr', { family: 'Melstrom', given: 'KA', suffix: 'Jr' }],
  ])('%s', (raw, expected) => {
    expect(cslNameOf(raw)).toEqual(expected);
  });

  it('is null for "et al." and blanks', () => {
    expect(cslNameOf('et al.')).toBeNull();
    expect(cslNameOf('et al')).toBeNull();
    expect(cslNameOf('  ')).toBeNull();
  });
});

describe('workToCsl', () => {
  it('maps every known field and reports the truncated author list', () => {
    const { item, hasMoreAuthors } = workToCsl(REVIEW, 'Kirk2025Bone');
    expect(item).toEqual({
      id: REVIEW.id,
      type: 'article-journal',
      'citation-key': 'Kirk2025Bone',
      title: REVIEW.title,
      author: [{ given: 'Ben', family: 'Kirk' }],
      'container-title': 'Nat Rev Endocrinol',
      volume: '21',
      issue: '6',
      page: '375-390',
      issued: { 'date-parts': [[2025]] },
      DOI: REVIEW.doi,
      PMID: '40011751',
    });
    expect(hasMoreAuthors).toBe(true);
  });

  it('leaves out what is unknown: no year, no issue, no given name, no PMID', () => {
    const { item, hasMoreAuthors } = workToCsl(MESSIER, 'k');
    expect(item.issued).toBeUndefined();
    expect(item.issue).toBeUndefined();
    expect(item.PMID).toBeUndefined();
    expect(item.author).toEqual([{ family: 'Messier' }]);
    expect(hasMoreAuthors).toBe(false);
    expect(Object.keys(item).sort()).toEqual(
      ['DOI', 'author', 'citation-key', 'container-title', 'id', 'page', 'title', 'type', 'volume'].sort(),
    );
  });

  it('reads "Kim et al." as a surname and a truncated list (BibTeX then says "and others")', () => {
    // Short reference entries name the first author and "et al." in one string.
    for (const authors of [['Kim et al.'], ['Kim, et al'], ['Kim', 'Moon et al.']]) {
      const { item, hasMoreAuthors } = workToCsl({ ...MESSIER, authors }, 'k');
      expect(hasMoreAuthors).toBe(true);
      expect(item.author?.[0]).toEqual({ family: 'Kim' });
      expect(item.author?.some((n) => JSON.stringify(n).includes('al'))).toBe(false);
    }
    expect(cslNameOf('Kim et al.')).toEqual({ family: 'Kim' });
  });

  it('does not claim more authors when "et al." is all there is', () => {
    const w = workToCsl({ ...MESSIER, authors: ['et al.'] }, 'k');
    expect(w.item.author).toBeUndefined();
    expect(w.hasMoreAuthors).toBe(false);
  });
});

describe('cslTypeOf', () => {
  it('maps stored types, and a journal makes an untyped work an article', () => {
    expect(cslTypeOf({ type: 'book-chapter', journal: 'Geriatric Medicine' })).toBe('chapter');
    expect(cslTypeOf({ type: null, journal: 'JAMA' })).toBe('article-journal');
    expect(cslTypeOf({ type: null, journal: null })).toBe('document');
  });
});

describe('citationKeys', () => {
  it('builds author-year-word keys from what is known and makes them unique', () => {
    const other = { ...REVIEW, id: 'doi:10.1/x' };
    const bare: WorkCitationRecord = { ...MESSIER, authors: [], title: null };
    expect(citationKeys([REVIEW, MESSIER, other, bare])).toEqual([
      'Kirk2025Bonea',
      'MessierEffects',
      'Kirk2025Boneb',
      'work',
    ]);
    expect(worksToCsl([REVIEW]).map((w) => w.item['citation-key'])).toEqual(['Kirk2025Bone']);
  });

  it('is ASCII only', () => {
    const [key] = citationKeys([{ ...MESSIER, authors: ['Öllänen E'], year: 2010, title: 'Ästhetik' }]);
    expect(key).toBe('Ollanen2010Asthetik');
  });
});
