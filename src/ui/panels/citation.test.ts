import { describe, expect, it } from 'vitest';
import { formatAuthors, formatCitation, workLinks } from './citation';

describe('citations', () => {
  it('formats the review from its known fields', () => {
    expect(
      formatCitation({
        authors: ['Ben Kirk', 'et al.'],
        year: 2025,
        title: 'Bone and muscle crosstalk in ageing and disease',
        journal: 'Nat Rev Endocrinol',
        volume: '21',
        issue: '6',
        pages: '375-390',
      }),
    ).toBe(
      'Ben Kirk, et al. (2025). Bone and muscle crosstalk in ageing and disease. Nat Rev Endocrinol 21(6):375-390.',
    );
  });

  it('leaves out unknown fields instead of guessing', () => {
    expect(
      formatCitation({
        authors: ['Messier'],
        year: null,
        title: 'A title?',
        journal: 'JAMA',
        volume: '310',
        issue: null,
        pages: '1263',
      }),
    ).toBe('Messier. A title? JAMA 310:1263.');
    expect(
      formatCitation({
        authors: [],
        year: null,
        title: null,
        journal: null,
        volume: null,
        issue: null,
        pages: null,
      }),
    ).toBe('');
  });

  it('shortens long author lists', () => {
    expect(formatAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C, et al.');
    expect(formatAuthors(['A', 'B'])).toBe('A, B');
  });

  it('links DOI, PubMed and PMC', () => {
    expect(workLinks({ doi: '10.1/x', pmid: '123', pmcid: 'PMC9' }).map((l) => l.href)).toEqual([
      'https://doi.org/10.1/x',
      'https://pubmed.ncbi.nlm.nih.gov/123/',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC9/',
    ]);
  });
});
