/**
 * Unit tests of the Neo4j value conversion, on values built with neo4j-driver's own classes (the
 * ones the driver hydrates from Bolt), and of the error mapping on the driver's Neo4jError.
 */
import neo4j, {
  Date as Neo4jDate,
  DateTime,
  Duration,
  LocalDateTime,
  Neo4jError,
  Node,
  Path,
  PathSegment,
  Record,
  Relationship,
} from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { QueryError, StoreError } from '../../model/errors';
import { NODE_SCHEMA } from '../../model/graph-schema';
import { isNodeValue } from '../../model/values';
import { connectionError, queryError } from './errors';
import { collectElementIds, toDriverParams, toRows, toValue } from './mappers';
import { mergeRels, nodeRow, relRow } from './schema';

const int = neo4j.int;
const work = new Node(int(1), ['Work'], { id: 'doi:a', title: 'A', year: int(2020), keywords: [] }, 'e:1');
const other = new Node(int(2), ['Work'], { id: 'doi:b', title: 'B' }, 'e:2');
const cites = new Relationship(int(9), int(1), int(2), 'CITES', { sources: ['u'] }, 'r:9', 'e:1', 'e:2');

describe('Neo4j value conversion', () => {
  it('keys nodes by their id property and fills undeclared-as-stored properties with null, in schema order', () => {
    const v = toValue(work, new Map());
    expect(isNodeValue(v)).toBe(true);
    if (!isNodeValue(v)) return;
    expect(v).toMatchObject({ $kind: 'node', id: 'doi:a', label: 'Work' });
    expect(Object.keys(v.properties)).toEqual(Object.keys(NODE_SCHEMA.Work));
    expect(v.properties).toMatchObject({ title: 'A', year: 2020, keywords: [], doi: null, isReview: null });
  });

  it('resolves relationship endpoints through the element-id map, in stored direction', () => {
    const records = [new Record(['c'], [cites])];
    const ids = collectElementIds(records);
    expect(ids.wanted.sort()).toEqual(['e:1', 'e:2']);
    ids.known.set('e:1', 'doi:a').set('e:2', 'doi:b');
    expect(toRows(records, ids.known)).toEqual([
      {
        c: {
          $kind: 'relationship',
          type: 'CITES',
          source: 'doi:a',
          target: 'doi:b',
          properties: { sources: ['u'] },
        },
      },
    ]);
  });

  it('needs no lookup for endpoints whose nodes are in the result', () => {
    const ids = collectElementIds([new Record(['a', 'c', 'b'], [work, cites, other])]);
    expect(ids.wanted).toEqual([]);
    expect([...ids.known]).toEqual([
      ['e:1', 'doi:a'],
      ['e:2', 'doi:b'],
    ]);
  });

  it('turns paths into ordered nodes and relationships', () => {
    const p = new Path(work, other, [new PathSegment(work, cites, other)]);
    const v = toValue(p, collectElementIds([new Record(['p'], [p])]).known);
    expect(v).toMatchObject({
      $kind: 'path',
      nodes: [{ id: 'doi:a' }, { id: 'doi:b' }],
      relationships: [{ type: 'CITES', source: 'doi:a', target: 'doi:b' }],
    });
  });

  it('turns integers into numbers, or decimal strings beyond 2^53', () => {
    expect(toValue(int(42), new Map())).toBe(42);
    expect(toValue(int('9007199254740993'), new Map())).toBe('9007199254740993');
    expect(toValue([int(1), { n: int(-2) }], new Map())).toEqual([1, { n: -2 }]);
  });

  it('turns temporal values into the ISO strings the embedded store returns', () => {
    expect(toValue(new Neo4jDate(int(2020), int(1), int(2)), new Map())).toBe('2020-01-02T00:00:00.000Z');
    expect(
      toValue(new LocalDateTime(int(2020), int(1), int(2), int(10), int(0), int(5), int(0)), new Map()),
    ).toBe('2020-01-02T10:00:05.000Z');
    expect(
      toValue(new DateTime(int(2020), int(1), int(2), int(12), int(0), int(0), int(0), int(7200)), new Map()),
    ).toBe('2020-01-02T10:00:00.000Z');
    expect(toValue(new Duration(int(0), int(1), int(0), int(0)), new Map())).toBe('P1D');
    expect(toValue(new Duration(int(14), int(2), int(3), int(500_000_000)), new Map())).toBe('P14M2DT3.5S');
    expect(toValue(new Duration(int(0), int(0), int(0), int(0)), new Map())).toBe('PT0S');
  });

  it('sends whole-number parameters as integers and others as floats', () => {
    const p = toDriverParams({ n: 5, x: 2.5, ids: [1, 'a'], m: { k: 3 } });
    expect(neo4j.isInt(p.n)).toBe(true);
    expect(p.x).toBe(2.5);
    const ids = p.ids as unknown[];
    expect(neo4j.isInt(ids[0])).toBe(true);
    expect(ids[1]).toBe('a');
    expect(neo4j.isInt((p.m as { k: unknown }).k)).toBe(true);
  });
});

describe('Neo4j write rows', () => {
  it('stores declared integers as Neo4j integers and leaves out nulls and empty strings', () => {
    const row = nodeRow('Author', {
      id: 'author:x@w',
      name: 'X',
      surname: 'X',
      initials: '',
      isSurnameOnly: true,
      sources: [],
    });
    expect(row).toEqual({ id: 'author:x@w', name: 'X', surname: 'X', isSurnameOnly: true, sources: [] });
    const rel = relRow('AUTHORED', { from: 'a', to: 'w', position: 2, nameAsShown: null, sources: ['u'] });
    expect(neo4j.isInt(rel.props.position)).toBe(true);
    expect(rel.props).not.toHaveProperty('nameAsShown');
  });

  it('merges AUTHORED on its position so an author listed twice stays twice', () => {
    expect(mergeRels('AUTHORED')).toContain('MERGE (a)-[r:AUTHORED {position: row.props.position}]->(b)');
    expect(mergeRels('CITES')).toContain('MERGE (a)-[r:CITES]->(b)');
  });
});

describe('Neo4j error mapping', () => {
  const ctx = { uri: 'bolt://127.0.0.1:7687', user: 'neo4j' };
  const driverError = (code: string, message = 'engine says no'): Neo4jError =>
    new Neo4jError(message, code, '50N42', 'error');

  it('maps rejected queries to the embedded store’s codes, keeping Neo4j’s message', () => {
    const cases: [string, string][] = [
      ['Neo.ClientError.Statement.AccessMode', 'READ_ONLY'],
      ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'QUERY_TIMEOUT'],
      ['Neo.TransientError.Transaction.Terminated', 'QUERY_TIMEOUT'],
      ['Neo.ClientError.Statement.SyntaxError', 'QUERY'],
    ];
    for (const [code, expected] of cases) {
      const e = queryError(driverError(code), ctx);
      expect(e, code).toBeInstanceOf(QueryError);
      expect(e.code, code).toBe(expected);
      expect(e.message.startsWith('engine says no'), code).toBe(true);
    }
  });

  it('maps connection problems to one-line StoreErrors that say what to check', () => {
    const refused = connectionError(
      driverError('ServiceUnavailable', 'Failed to connect. Caused by: connect ECONNREFUSED 127.0.0.1:7687'),
      ctx,
    );
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused.message).toBe(
      'Cannot connect to Neo4j (connection refused): is Neo4j running at bolt://127.0.0.1:7687? Start one with npm run neo4j:local, or set NEO4J_URI.',
    );
    expect(refused.retryable).toBe(true);
    const auth = queryError(driverError('Neo.ClientError.Security.Unauthorized'), ctx);
    expect(auth).toBeInstanceOf(StoreError);
    expect(auth.message).toMatch(/check NEO4J_USER\/NEO4J_PASSWORD/);
    const starting = connectionError(driverError('Neo.TransientError.General.DatabaseUnavailable'), ctx);
    expect(starting.message).toMatch(/still starting/);
    expect(starting.retryable).toBe(true);
  });
});
