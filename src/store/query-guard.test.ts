import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../model/errors';
import {
  MAX_CASE_DEPTH,
  MAX_NESTING_DEPTH,
  MAX_PARAMS_DEPTH,
  MAX_PARAMS_ELEMENTS,
  MAX_PARAMS_LENGTH,
  MAX_PARAM_STRING_LENGTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TOKENS,
  checkReadQuery,
  planTarget,
  queryShape,
  tokenize,
  validateParams,
} from './query-guard';

function refusal(cypher: string, params?: Record<string, unknown>, code = 'REFUSED'): string | null {
  try {
    checkReadQuery(cypher, params);
    return null;
  } catch (e: unknown) {
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).code, (e as QueryError).message).toBe(code);
    return (e as QueryError).message;
  }
}

const badParams = (params: unknown): string | null => {
  try {
    validateParams(params);
    return null;
  } catch (e: unknown) {
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).code).toBe('BAD_PARAMS');
    return (e as QueryError).message;
  }
};

const kinds = (q: string): string[] => tokenize(q).map((t) => `${t.kind}:${t.text}`);

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

  it('gives a number only its own characters, as Kuzu reads it: 1LOAD is 1 then LOAD', () => {
    expect(kinds('LIMIT 1LOAD FROM')).toEqual(['word:LIMIT', 'number:1', 'word:LOAD', 'word:FROM']);
    expect(tokenize('LIMIT 1LOAD')[2]?.glued).toBe(true);
    expect(kinds('1.5e3CALL')).toEqual(['number:1.5e3', 'word:CALL']);
    expect(kinds('1_0COPY')).toEqual(['number:1_0', 'word:COPY']);
    expect(kinds('1.LOAD')).toEqual(['number:1', 'punct:.', 'word:LOAD']);
    expect(kinds('0xCALL')).toEqual(['number:0xCA', 'word:LL']);
    expect(kinds('1\\u004cOAD')).toEqual(['number:1', 'word:LOAD']);
  });

  it('reads every number form of Kuzu and Neo4j whole', () => {
    for (const n of [
      '0',
      '42',
      '1e3',
      '1E-3',
      '1e+3',
      '.5',
      '3.14',
      '2.5e-7',
      '0x1F',
      '0o17',
      '1_000',
      '0123',
    ]) {
      expect(kinds(`RETURN ${n} AS x`), n).toEqual(['word:RETURN', `number:${n}`, 'word:AS', 'word:X']);
    }
    expect(kinds('x[1..3]')).toEqual(['word:X', 'punct:[', 'number:1', 'punct:..', 'number:3', 'punct:]']);
  });

  it('reads $ and digits as a parameter named by digits only: $1LOAD is $1 then LOAD', () => {
    expect(kinds('LIMIT $1LOAD')).toEqual(['word:LIMIT', 'param:1', 'word:LOAD']);
    expect(tokenize('LIMIT $1LOAD')[2]?.glued).toBe(true);
    expect(kinds('$p1 $`a b` $_x')).toEqual(['param:p1', 'param:a b', 'param:_x']);
    expect(tokenize('$p LOAD')[1]?.glued).toBeUndefined();
  });

  it('treats the whitespace of both engines as whitespace', () => {
    expect(kinds('RETURN\u001c1\u180eAS\u3000x')).toEqual(['word:RETURN', 'number:1', 'word:AS', 'word:X']);
  });
});

describe('queryShape', () => {
  it('measures tokens, bracket nesting and CASE nesting', () => {
    expect(queryShape(tokenize('RETURN [[1], {a: (2)}] AS x'))).toEqual({
      tokens: 16,
      depth: 3,
      caseDepth: 0,
    });
    const nested = 'RETURN CASE WHEN true THEN CASE WHEN false THEN 1 ELSE 2 END END AS x, n.end';
    expect(queryShape(tokenize(nested)).caseDepth).toBe(2);
  });
});

describe('planTarget', () => {
  it('drops a leading EXPLAIN or PROFILE, nothing else', () => {
    expect(planTarget('EXPLAIN MATCH (n) RETURN n')).toBe('MATCH (n) RETURN n');
    expect(planTarget('/* x */ profile  RETURN 1')).toBe('RETURN 1');
    expect(planTarget('MATCH (explain) RETURN explain')).toBe('MATCH (explain) RETURN explain');
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
    "MERGE (c:Concept {id: 'concept:x'}) ON CREATE SET c.name = 'x' ON MATCH SET c.name = 'y'",
    'RETURN 1 AS x LIMIT 1',
    'RETURN $1 + $p AS x',
    'MATCH (w:Work) RETURN w.authors[0..2] AS a',
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
    // Glued numbers and parameters (issue 13): Kuzu reads 1LOAD as 1 then LOAD.
    ["UNWIND [1] AS x WITH x LIMIT 1LOAD FROM '/some/file.csv' (header=true) RETURN *", /glued.*1LOAD/],
    ["UNWIND [1] AS x WITH x LIMIT 1CALL current_setting('home_directory') RETURN *", /glued.*1CALL/],
    ["UNWIND [1] AS x WITH x LIMIT $1LOAD FROM '/some/file.csv' RETURN *", /glued.*\$1LOAD/],
    ["RETURN 1e5LOAD FROM 'x'", /glued/],
    ['RETURN 0xCALL', /glued/],
    ['RETURN 1\\u004cOAD', /glued/],
    ['RETURN 1 AS x, 2LIMIT', /glued/],
    ['RETURN 1 AS \ud800x', /lone surrogate/],
  ])('refuses %s', (q, why) => {
    expect(refusal(q)).toMatch(why);
  });

  it('refuses over-long queries', () => {
    expect(refusal(`RETURN 1 ${' '.repeat(MAX_QUERY_LENGTH)}`)).toMatch(/at most 20000 characters/);
  });

  it('refuses parse bombs: too many tokens, brackets or CASE nested too deep', () => {
    const sum = Array.from({ length: MAX_QUERY_TOKENS / 2 + 1 }, () => '1').join('+');
    expect(refusal(`RETURN ${sum} AS x`)).toMatch(/tokens/);
    const deep = (n: number, open: string, close: string): string =>
      `RETURN ${open.repeat(n)}1${close.repeat(n)} AS x`;
    expect(refusal(deep(MAX_NESTING_DEPTH, '[', ']'))).toBeNull();
    expect(refusal(deep(MAX_NESTING_DEPTH + 1, '[', ']'))).toMatch(/nested 65 deep/);
    expect(refusal(deep(400, '[', ']'))).toMatch(/Brackets/);
    expect(refusal(deep(3000, '{a:', '}'))).toMatch(/tokens/);
    expect(refusal(deep(200, '{a:', '}'))).toMatch(/Brackets/);
    let e = '1';
    for (let i = 0; i < MAX_CASE_DEPTH; i++) e = `CASE WHEN ${i} = 1 THEN ${e} ELSE 0 END`;
    expect(refusal(`RETURN ${e} AS x`)).toBeNull();
    expect(refusal(`RETURN CASE WHEN true THEN ${e} END AS x`)).toMatch(/CASE nested 9 deep/);
  });

  it('checks the parameters too (BAD_PARAMS)', () => {
    expect(refusal('RETURN $p', { p: 'x'.repeat(200_000) }, 'BAD_PARAMS')).toMatch(
      /\$p is a string of 200000/,
    );
  });
});

describe('validateParams', () => {
  const nestedMap = (depth: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  it('lets JSON values through', () => {
    expect(
      badParams({
        ids: ['doi:10.1/x', 'pmid:1'],
        n: 3,
        f: 0.5,
        b: true,
        z: null,
        m: { a: [1, { b: 'c' }] },
        1: 2,
      }),
    ).toBeNull();
    expect(badParams({ p: nestedMap(MAX_PARAMS_DEPTH) })).toBeNull();
    expect(badParams({ p: Array.from({ length: MAX_PARAMS_ELEMENTS - 1 }, () => 1) })).toBeNull();
  });

  it.each([
    [
      'a map 9 deep',
      { p: nestedMap(MAX_PARAMS_DEPTH + 1) },
      /\$p\.a\.a\.a\.a\.a\.a\.a\.a nests lists and maps more than 8 deep/,
    ],
    ['a map 400 deep', { p: nestedMap(400) }, /more than 8 deep/],
    [
      'a list 100,000 deep',
      {
        p: (() => {
          let v: unknown = [];
          for (let i = 0; i < 100_000; i++) v = [v];
          return v;
        })(),
      },
      /more than 8 deep/,
    ],
    [
      'too many values',
      { p: Array.from({ length: MAX_PARAMS_ELEMENTS + 1 }, () => 1) },
      /more than 10000 values/,
    ],
    [
      'a long string',
      { p: ['x'.repeat(MAX_PARAM_STRING_LENGTH + 1)] },
      /\$p\[0\] is a string of 10001 characters/,
    ],
    [
      'too much JSON',
      { p: Array.from({ length: 20 }, () => 'x'.repeat(9_000)) },
      new RegExp(`more than ${MAX_PARAMS_LENGTH} characters`),
    ],
    ['NaN', { p: { q: NaN } }, /\$p\.q is NaN/],
    ['Infinity', { p: Infinity }, /\$p is Infinity/],
    ['undefined', { p: [undefined] }, /\$p\[0\] is undefined/],
    ['a function', { f: () => 1 }, /\$f is function/],
    ['a bigint', { b: 1n }, /\$b is bigint/],
    ['a Date', { d: new Date(0) }, /\$d is Date/],
    ['a Map', { m: new Map() }, /\$m is Map/],
    ['a sparse list', { p: new Array<number>(3) }, /\$p\[2\] is missing/],
    ['a lone surrogate', { p: 'a\ud800' }, /\$p is not valid Unicode/],
    ['a lone surrogate in a key', { p: { 'k\udc00': 1 } }, /key of \$p is not valid Unicode/],
    ['an empty key', { p: { '': 1 } }, /empty key/],
    ['a bad name', { 'a b': 1 }, /cannot be a parameter name/],
    ['a name starting with a digit', { '1a': 1 }, /cannot be a parameter name/],
    ['a list, not an object', [1], /JSON object/],
    ['null', null, /JSON object/],
  ])('refuses %s', (_name, params, why) => {
    expect(badParams(params)).toMatch(why);
  });

  it('names the path of the value that fails, keys quoted when they are not names', () => {
    expect(badParams({ p: { 'a-b': [0, { c: NaN }] } })).toMatch(/\$p\["a-b"\]\[1\]\.c is NaN/);
  });

  it('stops early on a huge input (its cost is bounded by the limits)', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, i) => i);
    const started = performance.now();
    expect(badParams({ p: huge })).toMatch(/more than 10000 values/);
    // A correctness bound, not a benchmark: a walk of the whole list would still pass it.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

/**
 * The openCypher TCK queries (read from ../shared: see its MANIFEST.md). Under CI=true a missing
 * corpus fails; elsewhere the test says loudly that it is skipped.
 */
const TCK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpora/opencypher-tck/queries.json',
);
interface TckQuery {
  id: number;
  file: string;
  kind: string;
  expect: string;
  query: string;
  params: Record<string, unknown> | null;
}
const tckPresent = existsSync(TCK);
if (!tckPresent && process.env.CI !== 'true') {
  console.warn(
    `SKIPPED: the openCypher TCK corpus is not at ${TCK}; the structural limits are not checked against it.`,
  );
}

describe.skipIf(!tckPresent && process.env.CI !== 'true')('the openCypher TCK corpus', () => {
  const queries = (): TckQuery[] => {
    if (!tckPresent) throw new Error(`The openCypher TCK corpus is missing at ${TCK} (CI=true needs it).`);
    return JSON.parse(readFileSync(TCK, 'utf8')) as TckQuery[];
  };

  it('has all 4,835 queries', () => {
    expect(queries()).toHaveLength(4835);
  });

  it('is refused by no structural limit (tokens, brackets, CASE) within the length limit', () => {
    let max = { tokens: 0, depth: 0, caseDepth: 0 };
    for (const q of queries()) {
      if (q.query.length > MAX_QUERY_LENGTH) continue;
      const s = queryShape(tokenize(q.query));
      max = {
        tokens: Math.max(max.tokens, s.tokens),
        depth: Math.max(max.depth, s.depth),
        caseDepth: Math.max(max.caseDepth, s.caseDepth),
      };
    }
    // Measured on the corpus of 2026-03-20: 446 tokens, brackets 40 deep, CASE 1 deep.
    expect(max.tokens).toBeLessThanOrEqual(MAX_QUERY_TOKENS / 4);
    expect(max.depth).toBeLessThan(MAX_NESTING_DEPTH);
    expect(max.caseDepth).toBeLessThan(MAX_CASE_DEPTH);
    // Only two queries (a 28 kB and a 42 kB CREATE of test data) exceed the length limit.
    expect(
      queries()
        .filter((q) => q.query.length > MAX_QUERY_LENGTH)
        .map((q) => q.expect),
    ).toEqual(['side-effects', 'side-effects']);
  });

  it('is refused by checkReadQuery only for real reasons', () => {
    const reasons = new Map<string, number>();
    for (const q of queries()) {
      const why = refusal(q.query, q.params ?? {});
      if (why === null) continue;
      const reason =
        /^Refused: (CALL [\w.]+|a word glued to a number|a query of \d+ characters)/.exec(why)?.[1] ?? why;
      const key = reason.replace(/\d+/g, 'N').replace(/^CALL .*/, 'CALL off the allowlist');
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    // 52 calls of the TCK's test.* procedures, 5 invalid number literals the TCK expects to fail,
    // and the 2 over-long CREATE queries: nothing else.
    expect(Object.fromEntries(reasons)).toEqual({
      'CALL off the allowlist': 52,
      'a word glued to a number': 5,
      'a query of N characters': 2,
    });
  });
});
