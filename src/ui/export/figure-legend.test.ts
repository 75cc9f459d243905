import { describe, expect, it } from 'vitest';
import { CATEGORY_COLORS, REVIEW_COLOR, WORK_COLOR } from '../model/palette';
import { legendEntries } from './figure-legend';
import { VISIBLE, fixtureGraph } from './test-fixture';

describe('legend of an exported figure', () => {
  it('lists the kinds the visible nodes have, with counts (by kind)', () => {
    expect(legendEntries(fixtureGraph(), VISIBLE, 'kind')).toEqual([
      { color: WORK_COLOR, label: 'Works', count: 2, ringed: false },
      { color: REVIEW_COLOR, label: 'The review', count: 1, ringed: false },
      { color: CATEGORY_COLORS.tissue, label: 'Concepts: tissues', count: 1, ringed: true },
    ]);
  });

  it('lists the visible communities, largest first, named after their top concept', () => {
    const entries = legendEntries(fixtureGraph(), VISIBLE, 'community');
    // Communities 0 (review, doi:a) and 1 (doi:b, bone) have two nodes each; 0 sorts first by id.
    expect(entries.map((e) => [e.label, e.count])).toEqual([
      ['Community 1', 2],
      ['Community 2 (bone)', 2],
    ]);
    expect(new Set(entries.map((e) => e.color)).size).toBe(2);
  });

  it('leaves out what no visible node has', () => {
    expect(legendEntries(fixtureGraph(), new Set(['doi:a']), 'kind')).toEqual([
      { color: WORK_COLOR, label: 'Works', count: 1, ringed: false },
    ]);
  });
});
