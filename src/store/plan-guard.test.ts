import { describe, expect, it } from 'vitest';
import { QueryError } from '../model/errors';
import type { QueryPlan } from './graph-store';
import { checkPlan, parseKuzuPlan, withoutExplainPrefix } from './plan-guard';

const kuzu = (operators: string[], calls: string[] = []): QueryPlan => ({
  backend: 'embedded',
  operators,
  calls,
  text: '',
});
const neo4j = (operators: string[], calls: string[] = []): QueryPlan => ({
  backend: 'neo4j',
  operators,
  calls,
  text: '',
});

describe('checkPlan', () => {
  it.each([
    ['a Kuzu read', kuzu(['RESULT_COLLECTOR', 'PROJECTION', 'SCAN_NODE_TABLE'])],
    ['a Kuzu path (READ_FTABLE)', kuzu(['RECURSIVE_EXTEND', 'TABLE_FUNCTION_CALL'], ['READ_FTABLE'])],
    ['Kuzu show_tables', kuzu(['TABLE_FUNCTION_CALL'], ['SHOW_TABLES'])],
    ['a Kuzu write (the engine rejects it)', kuzu(['INSERT', 'RESULT_COLLECTOR'])],
    ['a Neo4j read', neo4j(['ProduceResults', 'NodeByLabelScan'])],
    ['Neo4j db.labels', neo4j(['ProduceResults', 'ProcedureCall'], ['db.labels'])],
    ['a Neo4j write (READ mode rejects it)', neo4j(['ProduceResults', 'Create'])],
  ])('lets through %s', (_name, plan) => {
    expect(() => checkPlan(plan)).not.toThrow();
  });

  it.each([
    ['a Kuzu CSV scan', kuzu(['TABLE_FUNCTION_CALL'], ['READ_CSV_PARALLEL']), /READ_CSV_PARALLEL/],
    ['a Kuzu JSON scan', kuzu(['TABLE_FUNCTION_CALL'], ['JSON_SCAN']), /JSON_SCAN/],
    ['Kuzu current_setting', kuzu(['TABLE_FUNCTION_CALL'], ['CURRENT_SETTING']), /CURRENT_SETTING/],
    ['Kuzu COPY TO', kuzu(['COPY_TO']), /COPY_TO/],
    ['Kuzu COPY FROM', kuzu(['BATCH_INSERT']), /BATCH_INSERT/],
    ['Kuzu EXPORT DATABASE', kuzu(['EXPORT_DATABASE']), /EXPORT_DATABASE/],
    ['a Kuzu setting', kuzu(['STANDALONE_CALL'], ['threads']), /STANDALONE_CALL/],
    ['an operator Kuzu may add later', kuzu(['EXTENSION_CLAUSE']), /the operator EXTENSION_CLAUSE/],
    ['Neo4j LoadCSV', neo4j(['ProduceResults', 'LoadCSV']), /LoadCSV/],
    [
      'a Neo4j procedure off the allowlist',
      neo4j(['ProcedureCall'], ['dbms.components']),
      /dbms\.components/,
    ],
    ['Neo4j SHOW SETTINGS', neo4j(['ShowSettings']), /ShowSettings/],
  ])('refuses %s', (_name, plan, why) => {
    let error: unknown;
    try {
      checkPlan(plan);
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).code).toBe('REFUSED');
    expect((error as QueryError).message).toMatch(why);
    expect((error as QueryError).message).toMatch(/^Refused: .*\(in the engine's plan\)/);
  });
});

describe('parseKuzuPlan', () => {
  it('reads operator and function lines of side-by-side boxes', () => {
    const text = [
      '┌─────────────────┐ ┌────────────────────────┐',
      '│ CROSS_PRODUCT[3]│ │ TABLE_FUNCTION_CALL[0] │',
      '│   Limit: 1      │ │   Function: JSON_SCAN  │',
      '└─────────────────┘ └────────────────────────┘',
    ].join('\n');
    expect(parseKuzuPlan(text)).toEqual({
      operators: ['CROSS_PRODUCT', 'TABLE_FUNCTION_CALL'],
      calls: ['JSON_SCAN'],
    });
  });
});

describe('withoutExplainPrefix', () => {
  it('gives Neo4j’s message the positions of the query itself', () => {
    const e = new QueryError(
      'Variable `name` not defined (line 1, column 35 (offset: 34))\n"EXPLAIN CALL x() RETURN name"\n                                  ^',
    );
    expect(withoutExplainPrefix(e).message).toBe(
      'Variable `name` not defined (line 1, column 27 (offset: 26))\n"CALL x() RETURN name"\n                          ^',
    );
  });

  it('gives Kuzu’s message the offset of the query itself and keeps the code', () => {
    const e = new QueryError('Parser exception: x (line: 1, offset: 22)\n"EXPLAIN MATCH (n:Work RETURN n"', {
      code: 'QUERY',
    });
    const fixed = withoutExplainPrefix(e);
    expect(fixed.message).toBe('Parser exception: x (line: 1, offset: 14)\n"MATCH (n:Work RETURN n"');
    expect(fixed.code).toBe('QUERY');
  });

  it('leaves other messages alone', () => {
    const e = new QueryError('Binder exception: Table NoSuch does not exist.');
    expect(withoutExplainPrefix(e)).toBe(e);
  });
});
