import { describe, expect, it } from 'vitest';
import { QueryError } from '../model/errors';
import { MAX_QUERY_LENGTH, checkReadQuery, tokenize } from './query-guard';

function refusal(cypher: string, params?: Record<string, unknown>): string | null {
  try {
    checkReadQuery(cypher, params);
    return null;
  } catch (e: unknown) {
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).code).toBe('REFUSED');
    return (e as QueryError).message;
  }
}

describe('tokenize', () => {
  it('skips comments and keeps strings, backtick names and parameters whole', () => {
    const tokens = tokenize("MATCH /* CREATE */ (`LOAD x`) // COPY\nRETURN 'a''b', \"CALL\", $p");
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:MATCH',
      'punct:(',
      'name:LOAD x',
      'punct:)',
      'word:RETURN',
      'string:a',
      'string:b',
      'punct:,',
      'string:CALL',
      'punct:,',
      'param:p',
    ]);
  });

  it('decodes unicode escapes outside strings into words', () => {
    expect(tokenize('\\u004cOAD CSV')[0]).toMatchObject({ kind: 'word', text: 'LOAD' });
  });
});

describe('checkReadQuery', () => {
  it.each([
    'MATCH (w:Work) RETURN count(w) AS n',
    "RETURN 'LOAD CSV FROM file:///etc/passwd; CALL dbms.shutdown()' AS s",
    'MATCH (copy:Work) RETURN copy.title AS load',
    'MATCH (w:Work) RETURN w.load, {copy: 1, use: 2} AS m;',
    'MATCH (`copy`:Work) RETURN `copy`.id',
    'CALL db.labels() YIELD label RETURN label',
    'CALL show_tables() RETURN *',
    'MATCH (w:Work) CALL { WITH w RETURN w.id AS i } RETURN i',
    "CREATE (:Concept {id: 'concept:x'})",
    'MATCH (w:Work) DETACH DELETE w',
  ])('lets through (writes are the engine’s to reject): %s', (q) => {
    expect(refusal(q)).toBeNull();
  });

  it.each([
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", /LOAD/],
    ["lOaD FROM '/etc/passwd' RETURN *", /LOAD/],
    ["/**/COPY Work TO '/tmp/x.csv'", /COPY/],
    ['\\u0043OPY Work FROM "x.csv"', /COPY/],
    ['INSTALL httpfs', /INSTALL/],
    ["EXPORT DATABASE '/tmp/x'", /EXPORT/],
    ["ATTACH 'x.kuzu' AS x (dbtype kuzu)", /ATTACH/],
    ['DETACH x', /DETACH/],
    ['CALL threads=1', /settings/],
    ['CALL dbms.shutdown()', /dbms/],
    ['CALL `dbms`.`components`()', /dbms/],
    ['RETURN apoc.version()', /apoc/],
    ['CALL db.createLabel("X")', /CALL db\.createlabel/],
    ['USE system SHOW USERS', /USE/],
    ['SHOW DATABASES', /SHOW/],
    ['CREATE INDEX FOR (w:Work) ON (w.year)', /CREATE INDEX/],
    ['DROP TABLE Work', /DROP/],
    ['MATCH (n) RETURN n; MATCH (m) RETURN m', /multiple statements/],
    ['RETURN 1; ;', /multiple statements/],
    ['RETURN 1 /* open', /unterminated/],
    ['  // nothing', /empty/],
  ])('refuses %s', (q, why) => {
    expect(refusal(q)).toMatch(why);
  });

  it('refuses over-long queries and parameters', () => {
    expect(refusal(`RETURN 1 ${' '.repeat(MAX_QUERY_LENGTH)}`)).toMatch(/at most 20000 characters/);
    expect(refusal('RETURN $p', { p: 'x'.repeat(200_000) })).toMatch(/Parameters may have at most/);
  });
});
