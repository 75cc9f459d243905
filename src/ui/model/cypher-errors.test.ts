import { describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES } from '../../model/graph-schema';
import { closestName, explainCypherError } from './cypher-errors';

// The engine texts below are what POST /api/cypher answered on the embedded store (Kuzu 0.11.3)
// over the bundled dataset, copied verbatim.
const SCHEMA = {
  labels: NODE_LABELS,
  relationshipTypes: REL_TYPES,
  propertyKeys: ['id', 'title', 'year', 'doi', 'name'],
};
const kuzu = (code: string, message: string) => explainCypherError({ code, message, engine: 'Kuzu' }, SCHEMA);

describe('console errors in plain sentences', () => {
  it('names the misspelt keyword of a parser error, its position and the likely keyword', () => {
    const e = kuzu(
      'QUERY',
      'Parser exception: mismatched input \'RETRUN\' expecting {ALTER, ATTACH, BEGIN, CALL, CHECKPOINT, COMMENT, COMMIT, COPY, CREATE, DELETE, DETACH, DROP, EXPORT, FORCE, IMPORT, INSTALL, LOAD, MATCH, MERGE, OPTIONAL, RETURN, ROLLBACK, SET, UNWIND, UNINSTALL, UPDATE, USE, WITH} (line: 1, offset: 0)\n"RETRUN 1"\n ^^^^^^',
    );
    expect(e.sentence).toBe(
      "Kuzu could not read the query near 'RETRUN' (line 1, column 1). Did you mean RETURN?",
    );
    expect(e.sentence).not.toContain('oC_');
    expect(e.engineText).toContain('mismatched input');
    expect(e.position).toEqual({ line: 1, column: 1, length: 6 });
  });

  it('rewrites "expected rule oC_SingleQuery" with the text at the mark', () => {
    const e = kuzu(
      'QUERY',
      'Parser exception: Invalid input <MATCH (w:Work RETURN>: expected rule oC_SingleQuery (line: 1, offset: 14)\n"MATCH (w:Work RETURN w"\n               ^^^^^^',
    );
    expect(e.sentence).toBe(
      "Kuzu could not read the query near 'RETURN' (line 1, column 15). Check the keywords, brackets and commas just before it.",
    );
    expect(e.position).toEqual({ line: 1, column: 15, length: 6 });
  });

  it('suggests the relationship type or label of the live schema', () => {
    const rel = kuzu('QUERY', 'Binder exception: Table MENTONS does not exist.');
    expect(rel.sentence).toMatch(
      /^The graph has no label or relationship type MENTONS\. Did you mean MENTIONS\?/,
    );
    const label = kuzu('QUERY', 'Binder exception: Table Wrk does not exist.');
    expect(label.sentence).toContain('Did you mean Work?');
    expect(label.engineText).toBe('Binder exception: Table Wrk does not exist.');
  });

  it('suggests a property key', () => {
    const e = kuzu('QUERY', 'Binder exception: Cannot find property titel for w.');
    expect(e.sentence).toBe('w has no property titel. Did you mean title?');
  });

  it('says plainly that the console is read-only', () => {
    const e = kuzu(
      'READ_ONLY',
      'Connection exception: Cannot execute write operations in a read-only database!',
    );
    expect(e.sentence).toMatch(/^This console is read-only/);
    expect(e.sentence).not.toMatch(/connection/i);
  });

  it('gives every code of the query pool a sentence with what to try', () => {
    expect(kuzu('QUERY_TIMEOUT', 'The query ran past its time limit of 10000 ms.').sentence).toMatch(
      /ran out of time.*LIMIT/,
    );
    expect(kuzu('QUERY_MEMORY', 'The query used more than 1024 MiB.').sentence).toMatch(/more memory.*LIMIT/);
    expect(kuzu('QUERY_CRASHED', 'The engine crashed.').sentence).toMatch(/crashed.*rewrite it/);
    expect(
      explainCypherError(
        { code: 'TOO_MANY_QUERIES', message: 'Too many queries.', retryAfterSeconds: 3, engine: 'Kuzu' },
        SCHEMA,
      ).sentence,
    ).toBe('Too many queries are running or waiting right now. Try again in 3 s.');
    expect(
      kuzu('REFUSED', 'Refused: LOAD. LOAD CSV / LOAD FROM / LOAD EXTENSION read files.').sentence,
    ).toMatch(/refused this query before running it/);
    expect(kuzu('BAD_PARAMS', 'Bad parameters: $ids has 20000 items.').sentence).toMatch(/Parameters box/);
  });

  it('reads the position of a Neo4j syntax error', () => {
    const e = explainCypherError(
      {
        code: 'QUERY',
        message:
          "Invalid input 'RETRUN': expected 'FOREACH', 'MATCH', 'RETURN' or 'WITH' (line 1, column 1 (offset: 0))\n\"RETRUN 1\"\n ^",
        engine: 'Neo4j',
      },
      SCHEMA,
    );
    expect(e.position?.line).toBe(1);
    expect(e.position?.column).toBe(1);
    expect(e.sentence).toContain('Did you mean RETURN?');
  });

  it('does not suggest names that are far off', () => {
    expect(closestName('Banana', ['Work', 'Concept'])).toBeNull();
    expect(closestName('CITE', ['CITES', 'MENTIONS'])).toBe('CITES');
  });
});
