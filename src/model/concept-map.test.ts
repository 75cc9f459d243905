import { describe, expect, it } from 'vitest';
import {
  buildConceptMap,
  ringLinks,
  shortName,
  visibleRelations,
  type ConceptRow,
  type MentionRow,
  type WorkRow,
} from './concept-map';
import type { MatrixRelation } from './crosstalk-rule';

// A documented little vocabulary: two tissues, one cell, two factors, one condition.
const c = (
  id: string,
  category: string,
  parents: string[] = [],
  abbreviations: string[] = [],
): ConceptRow => ({
  id: `concept:${id}`,
  name: id.replace(/-/g, ' '),
  category,
  parents: parents.map((p) => `concept:${p}`),
  abbreviations,
});
const concepts = [
  c('bone', 'tissue'),
  c('skeletal-muscle', 'tissue'),
  c('adipose-tissue', 'tissue'),
  c('osteocyte', 'cell'),
  c('irisin', 'factor'),
  c('insulin-like-growth-factor-1', 'factor', [], ['IGF-1']),
  c('sarcopenia', 'condition'),
];
const relations: MatrixRelation[] = [
  {
    type: 'ACTS_ON',
    from: 'concept:irisin',
    to: 'concept:bone',
    effect: 'promotes',
    evidence: ['w:1', 'w:2'],
  },
  {
    type: 'SECRETED_BY',
    from: 'concept:irisin',
    to: 'concept:skeletal-muscle',
    effect: null,
    evidence: ['w:3'],
  },
];
const m = (work: string, concept: string, foundIn: string[], matched: string[]): MentionRow => ({
  work,
  concept: `concept:${concept}`,
  foundIn,
  matched,
});
const mentions = [
  m('w:1', 'irisin', ['title'], ['Irisin']),
  m('w:1', 'bone', ['title'], ['bone']),
  m('w:2', 'irisin', ['keywords'], ['irisin']),
  m('w:2', 'bone', ['title'], ['bone']),
  m('w:3', 'irisin', ['title', 'abstract'], ['irisin']),
  m('w:3', 'skeletal-muscle', ['abstract'], ['muscle']),
  m('w:4', 'irisin', ['abstract'], ['irisin']),
  m('w:4', 'bone', ['abstract'], ['bone']),
  m('w:1', 'sarcopenia', ['title'], ['sarcopenia']),
  m('w:2', 'sarcopenia', ['title'], ['sarcopenia']),
];
const work = (id: string, over: Partial<WorkRow> = {}): WorkRow => ({
  id,
  title: null,
  year: null,
  journal: null,
  firstAuthor: null,
  type: null,
  openalex: null,
  mesh: [],
  abstract: null,
  ...over,
});
const works = [
  work('w:1', { title: 'Irisin prevents bone loss in mice', year: 2019, mesh: ['Mice', 'Irisin'] }),
  work('w:2', { title: 'Irisin and bone: a review', year: 2021 }),
  work('w:3', {
    title: 'Irisin',
    year: 2014,
    abstract: 'Irisin is made by muscle. It is cleaved from FNDC5.',
  }),
  work('w:4', {
    title: 'Something else',
    year: 2022,
    abstract: 'We saw irisin act on bone cells. Nothing more.',
  }),
];

describe('buildConceptMap', () => {
  const p = buildConceptMap(concepts, relations, mentions, works);
  const irisinBone = p.relations.find((r) => r.id === 'ACTS_ON:concept:irisin>concept:bone')!;

  it('grades each evidence work and says where each end was found', () => {
    expect(irisinBone.grades).toEqual({ primary: 1, review: 1, unknown: 0 });
    expect(irisinBone.firstYear).toBe(2019);
    expect(irisinBone.evidence).toEqual([
      { work: 'w:1', fromIn: ['title', 'MeSH'], toIn: ['title'] },
      { work: 'w:2', fromIn: ['keywords'], toIn: ['title'] },
    ]);
    expect(p.works['w:1']).toMatchObject({
      support: 'primary',
      supportBasis: 'title cue: “mice”',
      species: ['mice'],
    });
  });

  it('lists abstract sentences naming both ends apart from the curated evidence', () => {
    expect(p.coOccurrences).toEqual([
      {
        relation: 'ACTS_ON:concept:irisin>concept:bone',
        work: 'w:4',
        sentence: 'We saw irisin act on bone cells.',
      },
      {
        relation: 'SECRETED_BY:concept:irisin>concept:skeletal-muscle',
        work: 'w:3',
        sentence: 'Irisin is made by muscle.',
      },
    ]);
    expect(irisinBone.evidence.map((e) => e.work)).not.toContain('w:4');
  });

  it('keeps concepts of relations in the core, the rest of the vocabulary out, and lays them out the same every time', () => {
    expect(p.concepts.filter((x) => x.place === 'core').map((x) => x.id)).toEqual([
      'concept:adipose-tissue',
      'concept:bone',
      'concept:irisin',
      'concept:skeletal-muscle',
    ]);
    const again = buildConceptMap(concepts, relations, mentions, works);
    expect(again.layout).toEqual(p.layout);
    const bone = p.layout.core.find((x) => x.id === 'concept:bone')!;
    const muscle = p.layout.core.find((x) => x.id === 'concept:skeletal-muscle')!;
    const irisin = p.layout.core.find((x) => x.id === 'concept:irisin')!;
    expect(bone.x).toBeLessThan(irisin.x);
    expect(irisin.x).toBeLessThan(muscle.x); // between the tissue secreting it and the one it acts on
  });

  it('filters by year: an undated or later relation is left out', () => {
    const all = {
      categories: new Set(['tissue', 'factor', 'cell', 'factor-class']),
      effects: new Set(['promotes', 'inhibits', 'modulates', 'none'] as const),
      minPrimary: 0,
    };
    expect(visibleRelations(p, { ...all, year: null })).toHaveLength(2);
    expect(visibleRelations(p, { ...all, year: 2015 }).map((r) => r.type)).toEqual(['SECRETED_BY']);
    expect(visibleRelations(p, { ...all, year: null, minPrimary: 1 }).map((r) => r.type)).toEqual([
      'ACTS_ON',
    ]);
  });
});

describe('ringLinks', () => {
  it('measures co-mention by Jaccard over works, with at least two shared works', () => {
    const worksOf = new Map<string, Set<string>>([
      ['ctx', new Set(['a', 'b', 'c'])],
      ['x', new Set(['a', 'b'])], // 2 shared / 3 in either = 0.667
      ['y', new Set(['a', 'b', 'c', 'd', 'e', 'f'])], // 3 / 6 = 0.5
      ['z', new Set(['a'])], // 1 shared: no link
    ]);
    expect(ringLinks(['ctx'], ['x', 'y', 'z'], worksOf)).toEqual([
      { context: 'ctx', concept: 'x', shared: 2, jaccard: 0.667 },
      { context: 'ctx', concept: 'y', shared: 3, jaccard: 0.5 },
    ]);
  });

  it('labels long names by their shortest abbreviation', () => {
    expect(shortName('insulin-like growth factor 1', ['IGF-1'])).toBe('IGF-1');
    expect(shortName('irisin', ['FNDC5'])).toBe('irisin');
  });
});
