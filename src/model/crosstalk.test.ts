import { describe, expect, it } from 'vitest';
import { crosstalkMatrix, tissueOf, type MatrixConcept, type MatrixRelation } from './crosstalk';

const c = (id: string, category: string, parents: string[] = []): MatrixConcept => ({
  id: `concept:${id}`,
  name: id.replace(/-/g, ' '),
  category,
  parents: parents.map((p) => `concept:${p}`),
});
const concepts = [
  c('bone', 'tissue'),
  c('cortical-bone', 'tissue', ['bone']),
  c('skeletal-muscle', 'tissue'),
  c('adipose-tissue', 'tissue'),
  c('marrow-adipose-tissue', 'tissue', ['adipose-tissue']),
  c('liver', 'tissue'),
  c('osteocyte', 'cell'),
  c('irisin', 'factor'),
  c('sclerostin', 'factor'),
  c('igf-1', 'factor'),
  c('myokine', 'factor-class'),
  c('irisin-kin', 'factor', ['myokine']),
];
const rel = (
  type: MatrixRelation['type'],
  from: string,
  to: string,
  evidence: string[],
  effect: MatrixRelation['effect'] = null,
): MatrixRelation => ({ type, from: `concept:${from}`, to: `concept:${to}`, effect, evidence });

const relations = [
  rel('SECRETED_BY', 'irisin', 'skeletal-muscle', ['pmid:1', 'pmid:2']),
  rel('ACTS_ON', 'irisin', 'bone', ['pmid:2', 'pmid:3'], 'promotes'),
  rel('ACTS_ON', 'irisin', 'osteocyte', ['pmid:4'], 'promotes'),
  rel('SECRETED_BY', 'sclerostin', 'osteocyte', ['pmid:5']),
  rel('ACTS_ON', 'sclerostin', 'marrow-adipose-tissue', ['pmid:6'], 'promotes'),
  rel('ACTS_ON', 'sclerostin', 'cortical-bone', ['pmid:7'], 'inhibits'),
  rel('SECRETED_BY', 'igf-1', 'liver', ['pmid:8']),
  rel('ACTS_ON', 'igf-1', 'skeletal-muscle', ['pmid:9'], 'promotes'),
  rel('SECRETED_BY', 'myokine', 'skeletal-muscle', ['pmid:10']),
  rel('ACTS_ON', 'irisin-kin', 'bone', ['pmid:11'], 'modulates'),
];

describe('crosstalkMatrix', () => {
  const m = crosstalkMatrix(concepts, relations);
  const cell = (s: string, t: string) =>
    m.cells.find((x) => x.source === `concept:${s}` && x.target === `concept:${t}`)!;

  it('has the three tissues as rows and columns', () => {
    expect(m.tissues.map((t) => t.id)).toEqual([
      'concept:bone',
      'concept:skeletal-muscle',
      'concept:adipose-tissue',
    ]);
    expect(m.cells).toHaveLength(9);
  });

  it('puts a factor where its source and target tissues meet, with the evidence of both halves', () => {
    const muscleToBone = cell('skeletal-muscle', 'bone');
    expect(muscleToBone.factors.map((f) => f.id)).toEqual(['concept:irisin']);
    const irisin = muscleToBone.factors[0]!;
    expect(irisin.secretedBy).toEqual([
      { via: 'concept:skeletal-muscle', effect: null, evidence: ['pmid:1', 'pmid:2'] },
    ]);
    // The tissue itself and its resident cell both count, each with its own evidence.
    expect(irisin.actsOn.map((l) => [l.via, l.effect])).toEqual([
      ['concept:bone', 'promotes'],
      ['concept:osteocyte', 'promotes'],
    ]);
    expect(irisin.works).toEqual(['pmid:1', 'pmid:2', 'pmid:3', 'pmid:4']);
    expect(muscleToBone.works).toEqual(irisin.works);
  });

  it('rolls sub-tissues and resident cells up to their tissue, including the diagonal', () => {
    expect(cell('bone', 'adipose-tissue').factors.map((f) => f.id)).toEqual(['concept:sclerostin']);
    expect(cell('bone', 'bone').factors.map((f) => f.id)).toEqual(['concept:sclerostin']);
    expect(cell('bone', 'bone').factors[0]!.actsOn[0]).toMatchObject({
      via: 'concept:cortical-bone',
      effect: 'inhibits',
    });
  });

  it('leaves out factors from other tissues and never lends a class relation to its members', () => {
    expect(m.cells.flatMap((x) => x.factors.map((f) => f.id))).not.toContain('concept:igf-1');
    expect(m.cells.flatMap((x) => x.factors.map((f) => f.id))).not.toContain('concept:irisin-kin');
    expect(cell('adipose-tissue', 'bone').factors).toEqual([]);
  });

  it('names every concept it refers to', () => {
    expect(m.concepts['concept:osteocyte']).toEqual({
      name: 'osteocyte',
      short: 'osteocyte',
      category: 'cell',
    });
    const withAbbreviation = crosstalkMatrix(
      concepts.map((x) =>
        x.id === 'concept:irisin'
          ? { ...x, name: 'fibronectin type III domain 5', abbreviations: ['FNDC5'] }
          : x,
      ),
      relations,
    );
    expect(withAbbreviation.concepts['concept:irisin']).toMatchObject({ short: 'FNDC5' });
    expect(Object.keys(m.concepts)).toContain('concept:marrow-adipose-tissue');
  });

  it('finds the tissue of a concept through IS_A and resident cells', () => {
    const byId = new Map(concepts.map((x) => [x.id, x]));
    expect(tissueOf('concept:cortical-bone', byId)).toBe('concept:bone');
    expect(tissueOf('concept:osteocyte', byId)).toBe('concept:bone');
    expect(tissueOf('concept:liver', byId)).toBeNull();
  });
});
