import { describe, expect, it } from 'vitest';
import { parseConsoleInput, parseParamsJson, pushHistory } from './console-commands';

describe('console input', () => {
  it('reads :param commands like Neo4j Browser', () => {
    expect(parseConsoleInput(':param year => 2020')).toEqual({ kind: 'param', name: 'year', value: 2020 });
    expect(parseConsoleInput(":param id => 'concept:irisin'")).toEqual({
      kind: 'param',
      name: 'id',
      value: 'concept:irisin',
    });
    expect(parseConsoleInput(':param ids => ["a", "b"]')).toEqual({
      kind: 'param',
      name: 'ids',
      value: ['a', 'b'],
    });
    expect(parseConsoleInput(':params {"a": 1}')).toEqual({ kind: 'params', values: { a: 1 } });
    expect(parseConsoleInput(':params 3').kind).toBe('error');
    expect(parseConsoleInput(':play movies').kind).toBe('error');
  });

  it('treats everything else as Cypher', () => {
    expect(parseConsoleInput('  MATCH (n) RETURN n ')).toEqual({
      kind: 'cypher',
      query: 'MATCH (n) RETURN n',
    });
  });

  it('validates the parameters box', () => {
    expect(parseParamsJson('')).toEqual({ params: {} });
    expect(parseParamsJson('{"y": 1}')).toEqual({ params: { y: 1 } });
    expect(parseParamsJson('[1]')).toEqual({ error: 'Parameters must be a JSON object.' });
    expect('error' in parseParamsJson('{oops')).toBe(true);
  });

  it('keeps a short history, newest first, without duplicates', () => {
    expect(pushHistory(['b', 'a'], 'a')).toEqual(['a', 'b']);
    expect(pushHistory(['c', 'b'], 'a', 2)).toEqual(['a', 'c']);
  });
});
