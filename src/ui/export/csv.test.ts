import { describe, expect, it } from 'vitest';
import type { Value } from '../../model/values';
import { csvField, cypherResultCsv, nodesTableCsv, toCsv } from './csv';
import { FILTERS, VISIBLE, fixtureGraph } from './test-fixture';
import { visibleSubgraph } from './visible-subgraph';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
    [42, '42'],
    [2.5, '2.5'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    [['a', 'b'], '"[""a"",""b""]"'],
    [{ k: 1 }, '"{""k"":1}"'],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF, header first', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('nodesTableCsv', () => {
  it('lists the visible nodes with their visible degree', () => {
    const csv = nodesTableCsv(visibleSubgraph(fixtureGraph(), VISIBLE, FILTERS));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,kind,title,year,category,community,degree');
    expect(lines[1]).toBe('doi:r,work,"Bone & muscle <crosstalk> ""review""",2025,,0,2');
    expect(lines[2]).toBe('doi:a,work,"Irisin, bone, and ""muscle""",2010,,0,1');
    // A quoted field may hold a line break; it stays one record.
    expect(csv).toContain('doi:b,work,"Line one\nline two",,,1,2\r\n');
    expect(csv).toContain('concept:bone,concept,bone,,tissue,1,1\r\n');
    expect(csv).not.toContain('doi:c');
  });
});

describe('cypherResultCsv', () => {
  it('writes columns in query order and nested values as JSON', () => {
    const node: Value = {
      $kind: 'node',
      id: 'concept:irisin',
      label: 'Concept',
      properties: { name: 'irisin' },
    };
    const csv = cypherResultCsv({
      columns: ['n', 'names', 'count'],
      rows: [
        { count: 3, names: ['a', 'b, c'], n: node },
        { count: null, names: [], n: 'text' },
      ],
    });
    expect(csv).toBe(
      'n,names,count\r\n' +
        `"${JSON.stringify(node).replace(/"/g, '""')}","[""a"",""b, c""]",3\r\n` +
        'text,[],\r\n',
    );
  });
});
