import { describe, expect, it } from 'vitest';
import { coOccurrenceSentence, gradeWork, sentences } from './evidence-grade';

const w = (over: Partial<Parameters<typeof gradeWork>[0]> = {}) =>
  gradeWork({ title: 'Irisin and bone', type: 'journal-article', openalex: null, mesh: [], ...over });

describe('gradeWork', () => {
  it('says "unknown" when the data does not say, and why', () => {
    expect(w()).toEqual({
      support: 'unknown',
      supportBasis: 'not stated in the data (no OpenAlex or PubMed type, no title cue)',
      species: [],
      speciesBasis: 'no MeSH headings in the data',
    });
  });

  it('reads the kind of support from OpenAlex type, PubMed publication types, then title cues, naming the source', () => {
    expect(w({ type: 'review' })).toMatchObject({ support: 'review', supportBasis: 'OpenAlex type: review' });
    expect(w({ publicationTypes: ['Journal Article', 'Randomized Controlled Trial'] })).toMatchObject({
      support: 'primary',
      supportBasis: 'PubMed publication type: randomized controlled trial',
    });
    expect(w({ title: 'Irisin and bone: a narrative review' })).toMatchObject({
      support: 'review',
      supportBasis: 'title cue: “review”',
    });
    expect(w({ title: 'Irisin prevents bone loss in mice' })).toMatchObject({
      support: 'primary',
      supportBasis: 'title cue: “mice”',
    });
    expect(w({ title: 'A meta-analysis of myokines' }).support).toBe('review');
    // A cue inside a word is no cue ("ratio" is not "rat"; "preview" is not "review").
    expect(w({ title: 'Bone ratio preview' }).support).toBe('unknown');
    // A work OpenAlex typed as an article (not a review) is primary, said so.
    expect(w({ openalex: 'W1' })).toMatchObject({
      support: 'primary',
      supportBasis: 'OpenAlex type: article',
    });
  });

  it('names species and models only from MeSH', () => {
    const g = w({ mesh: ['Humans', 'Mice, Inbred C57BL', 'Cell Line, Tumor', 'Bone Density'] });
    expect(g.species).toEqual(['humans', 'mice', 'cell lines']);
    expect(g.speciesBasis).toBe('MeSH');
    expect(w({ title: 'Irisin in rats' }).species).toEqual([]);
  });
});

describe('co-occurrence sentences', () => {
  const abstract =
    'Muscle secretes many factors. Irisin increased cortical bone mass in mice. IL-6 was unchanged (p = 0.2). Bone was measured.';

  it('splits sentences and finds the first naming both ends by the matched texts', () => {
    expect(sentences(abstract)).toHaveLength(4);
    expect(coOccurrenceSentence(abstract, ['irisin'], ['bone'])).toBe(
      'Irisin increased cortical bone mass in mice.',
    );
    expect(coOccurrenceSentence(abstract, ['IL-6'], ['bone'])).toBeNull();
    expect(coOccurrenceSentence(abstract, [], ['bone'])).toBeNull();
  });
});
