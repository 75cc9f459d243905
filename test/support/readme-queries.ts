/**
 * The example queries of graph/README.md, read from the README itself, and their expected answers
 * computed in plain TypeScript from the loaded GraphData: an oracle that shares no code with any
 * store. Every store must give these answers (order-normalised where the query leaves order open).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { GraphData } from '../../src/model/graph-schema';
import type { Row, Value } from '../../src/model/values';
import type { QueryResult } from '../../src/store/graph-store';
import { BUNDLED } from './temp';

/** One example query: its comment in the README and the statement. */
export interface ReadmeQuery {
  title: string;
  cypher: string;
}

/** The expected answer of a query. */
export interface Expected {
  columns: string[];
  /** Every row the query can return (before LIMIT). */
  rows: Row[];
  /** The column the query orders by, when it does. */
  orderBy?: { column: string; descending: boolean };
  /** The query's LIMIT, when it has one. */
  limit?: number;
}

/** Reads the ```cypher block of graph/README.md: statements separated by `;`, each after a `//` title. */
export function readmeQueries(readme = path.join(BUNDLED, 'README.md')): ReadmeQuery[] {
  const text = readFileSync(readme, 'utf8');
  const block = /```cypher\n([\s\S]*?)```/.exec(text)?.[1];
  if (!block) throw new Error(`${readme} has no cypher block`);
  return block
    .split(/;\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const lines = chunk.split('\n');
      const title = lines
        .filter((l) => l.trim().startsWith('//'))
        .map((l) => l.replace(/^\s*\/\/\s*/, ''))
        .join(' ');
      const cypher = lines
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n')
        .replace(/;\s*$/, '')
        .trim();
      return { title, cypher };
    });
}

/** Canonical form of rows for order-free comparison (key order counts, as in JSON output). */
export const canonical = (rows: readonly Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

/** Cypher's order: numbers and strings ascending, nulls last (first when descending). */
function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
}

/** The expected answer of each README query, by its title. */
export function expectedReadmeAnswer(title: string, graph: GraphData): Expected {
  const work = new Map(graph.nodes.Work.map((w) => [w.id, w]));
  const concept = new Map(graph.nodes.Concept.map((c) => [c.id, c]));
  const mentioning = (conceptId: string): Set<string> =>
    new Set(graph.rels.MENTIONS.filter((m) => m.to === conceptId).map((m) => m.from));
  if (title.startsWith('The review and the references')) {
    const reviews = new Set(graph.nodes.Work.filter((w) => w.isReview).map((w) => w.id));
    return {
      columns: ['w.title', 'w.year'],
      rows: graph.rels.CITES.filter((c) => reviews.has(c.from)).map((c) => {
        const w = work.get(c.to);
        return { 'w.title': w?.title ?? null, 'w.year': w?.year ?? null };
      }),
    };
  }
  if (title.startsWith('Works that mention both irisin and bone')) {
    const bone = mentioning('concept:bone');
    return {
      columns: ['w.year', 'w.title'],
      rows: [...mentioning('concept:irisin')]
        .filter((id) => bone.has(id))
        .map((id) => ({ 'w.year': work.get(id)?.year ?? null, 'w.title': work.get(id)?.title ?? null })),
      orderBy: { column: 'w.year', descending: false },
    };
  }
  if (title.startsWith('Which factors act on bone')) {
    return {
      columns: ['f.name', 'a.effect', 'a.evidence'],
      rows: graph.rels.ACTS_ON.filter((a) => a.to === 'concept:bone').map((a) => ({
        'f.name': concept.get(a.from)?.name ?? null,
        'a.effect': a.effect,
        'a.evidence': a.evidence,
      })),
    };
  }
  if (title.startsWith('Muscle-to-bone signals')) {
    const rows: Row[] = [];
    for (const s of graph.rels.SECRETED_BY.filter((x) => x.to === 'concept:skeletal-muscle')) {
      for (const a of graph.rels.ACTS_ON.filter((x) => x.from === s.from && x.to === 'concept:bone')) {
        rows.push({ 'f.name': concept.get(a.from)?.name ?? null, 'a.effect': a.effect });
      }
    }
    return { columns: ['f.name', 'a.effect'], rows };
  }
  if (title.startsWith('The most-cited works')) {
    return {
      columns: ['w.title', 'w.citedByCount'],
      rows: graph.nodes.Work.map((w) => ({ 'w.title': w.title, 'w.citedByCount': w.citedByCount })),
      orderBy: { column: 'w.citedByCount', descending: true },
      limit: 10,
    };
  }
  throw new Error(`No expected answer for the README query "${title}": add one in ${import.meta.url}`);
}

/**
 * Asserts that a result is a correct answer: the same columns; the same rows in any order, or with
 * a LIMIT, rows the query could return; and, with an ORDER BY, the ordered column in order. Ties
 * at a LIMIT may be broken differently by different engines, so only the ordered values are
 * compared there.
 */
export function expectAnswer(result: QueryResult, expected: Expected): void {
  expect(result.columns).toEqual(expected.columns);
  const order = expected.orderBy;
  if (order) {
    const sorted = expected.rows
      .map((r) => r[order.column] ?? null)
      .sort((a, b) => (order.descending ? -compare(a, b) : compare(a, b)));
    expect(result.rows.map((r) => r[order.column] ?? null)).toEqual(sorted.slice(0, expected.limit));
  }
  if (expected.limit === undefined) {
    expect(canonical(result.rows)).toEqual(canonical(expected.rows));
    return;
  }
  expect(result.rows).toHaveLength(Math.min(expected.limit, expected.rows.length));
  // Every returned row is one the query could return, no more often than it exists.
  const available = new Map<string, number>();
  for (const r of canonical(expected.rows)) available.set(r, (available.get(r) ?? 0) + 1);
  for (const r of canonical(result.rows)) {
    const left = available.get(r) ?? 0;
    expect(left, `unexpected row ${r}`).toBeGreaterThan(0);
    available.set(r, left - 1);
  }
}
