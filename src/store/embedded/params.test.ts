import { describe, expect, it } from 'vitest';
import { QueryError } from '../../model/errors';
import { inlineParams, safeParams } from './params';

describe('empty-list parameters for the embedded engine', () => {
  it('inlines top-level empty lists outside strings and comments', () => {
    const q =
      "MATCH (w) WHERE w.id IN $ids AND w.t <> '$ids' // $ids\n RETURN $ids AS a, $idsx AS b, `$ids` /* $ids */";
    expect(inlineParams(q, new Set(['ids']))).toBe(
      "MATCH (w) WHERE w.id IN [] AND w.t <> '$ids' // $ids\n RETURN [] AS a, $idsx AS b, `$ids` /* $ids */",
    );
    expect(inlineParams("RETURN 'it\\'s $ids', $ids", new Set(['ids']))).toBe("RETURN 'it\\'s $ids', []");
  });

  it('keeps other parameters and refuses nested empty lists', () => {
    expect(safeParams('RETURN $a, $b', { a: [], b: [1] })).toEqual({
      cypher: 'RETURN [], $b',
      params: { b: [1] },
    });
    expect(safeParams('RETURN $a', { a: 1 })).toEqual({ cypher: 'RETURN $a', params: { a: 1 } });
    expect(() => safeParams('RETURN $m', { m: { ids: [] } })).toThrow(QueryError);
    expect(() => safeParams('RETURN $l', { l: [[]] })).toThrow(/empty list/);
  });
});
