import { describe, expect, it } from 'vitest';
import {
  answerCell,
  answerClass,
  explainClassMember,
  explainCounted,
  explainOneSided,
  ruleIndex,
  type MatrixConcept,
  type MatrixRelation,
} from './crosstalk-rule';

// A hand-made vocabulary whose answers are worked out in the comments.
const c = (id: string, category: string, parents: string[] = []): MatrixConcept => ({
  id: `concept:${id}`,
  name: id,
  category,
  parents: parents.map((p) => `concept:${p}`),
});
const concepts = [
  c('bone', 'tissue'),
  c('skeletal-muscle', 'tissue'),
  c('adipose-tissue', 'tissue'),
  c('osteoclast', 'cell'),
  c('myokine', 'factor-class'),
  c('irisin', 'factor', ['myokine']),
  c('il-6', 'factor', ['myokine']),
  c('il-15', 'factor', ['myokine']),
  c('bdnf', 'factor', ['myokine']),
  c('sclerostin', 'factor'),
];
const rel = (
  type: MatrixRelation['type'],
  from: string,
  to: string,
  evidence: string[],
  effect: MatrixRelation['effect'] = null,
): MatrixRelation => ({ type, from: `concept:${from}`, to: `concept:${to}`, effect, evidence });
const relations = [
  rel('SECRETED_BY', 'myokine', 'skeletal-muscle', ['w:1']),
  rel('ACTS_ON', 'myokine', 'bone', ['w:2', 'w:3'], 'modulates'),
  rel('ACTS_ON', 'irisin', 'bone', ['w:4', 'w:5'], 'promotes'), // no source of its own: one-sided
  rel('SECRETED_BY', 'il-6', 'skeletal-muscle', ['w:6']),
  rel('ACTS_ON', 'il-6', 'bone', ['w:6', 'w:7'], 'modulates'), // both halves: counted
  rel('SECRETED_BY', 'il-15', 'skeletal-muscle', ['w:8']),
  rel('ACTS_ON', 'il-15', 'osteoclast', ['w:9'], 'promotes'), // through a resident cell: counted
  rel('SECRETED_BY', 'bdnf', 'skeletal-muscle', ['w:10']), // no target of its own: one-sided (target)
  rel('ACTS_ON', 'sclerostin', 'bone', ['w:11'], 'inhibits'), // no class, no source: absent
  rel('SECRETED_BY', 'sclerostin', 'skeletal-muscle', []), // no evidence: not a claim
];
const idx = ruleIndex(concepts, relations);
const name = (id: string): string => idx.byId.get(id)?.name ?? id;

describe('the crosstalk rule', () => {
  const cell = answerCell('concept:skeletal-muscle', 'concept:bone', idx);

  it('counts members with both halves first, the class claim apart after them', () => {
    expect(cell.counted.map((f) => [f.id, f.level])).toEqual([
      ['concept:il-15', 'member'],
      ['concept:il-6', 'member'],
      ['concept:myokine', 'class'],
    ]);
    expect(cell.counted[1]!.works).toEqual(['w:6', 'w:7']);
  });

  it('lists members with one half of their own as one-sided, naming the class that has the other', () => {
    expect(cell.oneSided.map((f) => [f.id, f.missing, f.viaClass])).toEqual([
      ['concept:irisin', 'source', 'concept:myokine'],
      ['concept:bdnf', 'target', 'concept:myokine'],
    ]);
    // A relation without evidence is no half: sclerostin appears nowhere.
    expect([...cell.counted, ...cell.oneSided].map((f) => f.id)).not.toContain('concept:sclerostin');
  });

  it('says why in one line', () => {
    const irisin = cell.oneSided[0]!;
    expect(explainOneSided(irisin, 'concept:skeletal-muscle', 'concept:bone', name)).toBe(
      'irisin acts on bone (2 works) but no work here says skeletal-muscle secretes it (only the class myokine is) — not counted in skeletal-muscle → bone.',
    );
    expect(explainCounted(cell.counted[1]!, 'concept:skeletal-muscle', 'concept:bone', name)).toBe(
      'il-6 is secreted by skeletal-muscle (1 work) and acts on bone (2 works) — counted in skeletal-muscle → bone.',
    );
    expect(explainCounted(cell.counted[2]!, 'concept:skeletal-muscle', 'concept:bone', name)).toMatch(
      /^myokine is a class: .* counts for none of its members\.$/,
    );
  });

  it('answers "members of a class acting on a tissue" with the same verdicts as the cell', () => {
    const a = answerClass('concept:myokine', 'concept:bone', idx);
    expect(a.classSources).toEqual(['concept:skeletal-muscle']);
    expect(a.classClaim.map((l) => l.evidence)).toEqual([['w:2', 'w:3']]);
    expect(a.members.map((m) => [m.id, m.countedFrom])).toEqual([
      ['concept:il-15', ['concept:skeletal-muscle']],
      ['concept:il-6', ['concept:skeletal-muscle']],
      ['concept:irisin', []],
    ]);
    // Counted members are exactly the cell's counted members of the class; the rest are its one-sided ones.
    const counted = a.members.filter((m) => m.countedFrom.length > 0).map((m) => m.id);
    expect(counted.sort()).toEqual(
      cell.counted
        .filter((f) => f.level === 'member')
        .map((f) => f.id)
        .sort(),
    );
    expect(explainClassMember(a.members[2]!, a, name)).toBe(
      'irisin acts on bone (2 works) but no work here says skeletal-muscle secretes it — not counted in skeletal-muscle → bone.',
    );
  });
});
