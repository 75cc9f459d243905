import { describe, expect, it } from 'vitest';
import { sortRows } from './result-rows';

const ROWS = [
  { year: 2013, title: 'b' },
  { year: null, title: 'n1' },
  { year: 1978, title: 'a10' },
  { title: 'missing' },
  { year: 2025, title: 'a9' },
];

describe('sorting console results', () => {
  it('puts nulls and missing values last in both directions', () => {
    expect(sortRows(ROWS, 'year', 'asc').map((r) => r.year ?? null)).toEqual([1978, 2013, 2025, null, null]);
    expect(sortRows(ROWS, 'year', 'desc').map((r) => r.year ?? null)).toEqual([2025, 2013, 1978, null, null]);
  });

  it('sorts text numeric-aware and keeps the order of equal values', () => {
    expect(sortRows(ROWS, 'title', 'asc').map((r) => r.title)).toEqual(['a9', 'a10', 'b', 'missing', 'n1']);
    expect(
      sortRows(
        [
          { k: 1, i: 0 },
          { k: 1, i: 1 },
        ],
        'k',
        'desc',
      ).map((r) => r.i),
    ).toEqual([0, 1]);
  });
});
