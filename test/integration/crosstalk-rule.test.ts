/**
 * "Which myokines act on bone?" answered three ways over the real HTTP API and embedded store:
 * the crosstalk matrix (GET /api/crosstalk, its skeletal muscle → bone cell), the concept panel
 * of myokine (the same rule over the payload's vocabulary, as CrosstalkSection does) and example
 * query 02 (POST /api/cypher). They must agree, or differ only where the rule says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrosstalkPayload, CypherResponse } from '../../src/model/api';
import { relationId, type ConceptMapPayload } from '../../src/model/concept-map';
import {
  answerClass,
  CROSSTALK_RULE,
  explainOneSided,
  membersOf,
  ruleIndex,
} from '../../src/model/crosstalk-rule';
import type { ExampleQuery } from '../../src/model/example-queries';
import { isNodeValue, type Value } from '../../src/model/values';
import { startTestServer } from '../support/server';

let base: string;
let close: () => Promise<void>;

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(new URL(path, base), init);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

const MUSCLE = 'concept:skeletal-muscle';
const BONE = 'concept:bone';
const MYOKINE = 'concept:myokine';

describe('myokines acting on bone, three ways', () => {
  it('the matrix cell, the myokine panel and example query 02 agree where the rule says they should', async () => {
    const m = await json<CrosstalkPayload>('/api/crosstalk');
    const cell = m.cells.find((c) => c.source === MUSCLE && c.target === BONE)!;
    const idx = ruleIndex(m.vocabulary.concepts, m.vocabulary.relations);
    const members = new Set(membersOf(MYOKINE, idx));

    // 1. Matrix: counted members of the class, one-sided members (only the class is from muscle), the class apart.
    const matrixCounted = cell.factors
      .filter((f) => f.level === 'member' && members.has(f.id))
      .map((f) => f.id);
    // BDNF is one-sided the other way (secreted by muscle, only the class acts on bone): not an answer here.
    const matrixOneSided = cell.oneSided
      .filter((f) => f.viaClass === MYOKINE && f.missing === 'source')
      .map((f) => f.id);
    expect(cell.factors.find((f) => f.id === MYOKINE)?.level).toBe('class');
    expect(matrixCounted.sort()).toEqual(['concept:baiba', 'concept:il-15', 'concept:il-6']);
    expect(matrixOneSided).toContain('concept:irisin');
    expect(matrixOneSided).toContain('concept:myostatin');
    expect(matrixOneSided).toContain('concept:igf-1');

    // 2. Panel: members of myokine acting on bone, each counted or not.
    const panel = answerClass(MYOKINE, BONE, idx);
    expect(panel.classClaim.length).toBeGreaterThan(0); // "myokine acts on bone": a claim about the class
    const panelCounted = panel.members.filter((x) => x.countedFrom.includes(MUSCLE)).map((x) => x.id);
    const panelOther = panel.members.filter((x) => !x.countedFrom.includes(MUSCLE)).map((x) => x.id);
    expect(panelCounted.sort()).toEqual(matrixCounted.sort());
    // Every member not counted by the panel is one the matrix lists as one-sided, for the reason it states.
    expect(panelOther.sort()).toEqual(matrixOneSided.filter((id) => members.has(id)).sort());
    const irisin = cell.oneSided.find((f) => f.id === 'concept:irisin')!;
    const name = (id: string): string => m.concepts[id]?.name ?? id;
    expect(explainOneSided(irisin, MUSCLE, BONE, name)).toBe(
      'irisin acts on bone (5 works) but no work here says skeletal muscle secretes it (only the class myokine is) — not counted in skeletal muscle → bone.',
    );

    // 3. Example query 02, as the console runs it.
    const queries = await json<ExampleQuery[]>('/api/queries');
    const q02 = queries.find((q) => q.id.startsWith('02-'))!;
    expect(q02.purpose).toContain('crosstalk rule');
    const r = await json<CypherResponse>('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q02.cypher }),
    });
    const idOf = (v: Value | undefined): string => {
      const id = v && isNodeValue(v) ? v.properties.id : null;
      return typeof id === 'string' ? id : '';
    };
    const byFactor = new Map<string, boolean>();
    for (const row of r.rows as Record<string, Value>[]) {
      byFactor.set(idOf(row.factor), row.countedInMuscleToBone === true);
    }
    expect([...byFactor.keys()].sort()).toEqual(panel.members.map((x) => x.id).sort());
    expect(
      [...byFactor]
        .filter(([, c]) => c)
        .map(([id]) => id)
        .sort(),
    ).toEqual(panelCounted.sort());
    // Each query row's evidence work is one of the relation's evidence works the rule read.
    for (const row of r.rows as Record<string, Value>[]) {
      const f = panel.members.find((x) => x.id === idOf(row.factor))!;
      expect(f.actsOn.flatMap((l) => l.evidence)).toContain(idOf(row.evidence));
    }
  });

  it('serves the concept map with the same relations, every evidence work graded from a stated source', async () => {
    const m = await json<CrosstalkPayload>('/api/crosstalk');
    const p = await json<ConceptMapPayload>('/api/concept-map');
    expect(p.rule).toBe(CROSSTALK_RULE);
    const curated = m.vocabulary.relations.filter((r) => r.evidence.length > 0);
    expect(p.relations.map((r) => r.id).sort()).toEqual(curated.map(relationId).sort());
    const irisin = p.relations.find((r) => r.id === 'ACTS_ON:concept:irisin>concept:bone')!;
    expect(irisin.evidence).toHaveLength(5);
    expect(irisin.grades.primary + irisin.grades.review + irisin.grades.unknown).toBe(5);
    for (const r of p.relations) {
      for (const e of r.evidence) {
        const w = p.works[e.work]!;
        expect(w.supportBasis.length, e.work).toBeGreaterThan(0);
        // Both ends are found somewhere in each evidence work (the curated evidence rule).
        expect(e.fromIn.length, `${r.id} ${e.work}`).toBeGreaterThan(0);
        expect(e.toIn.length, `${r.id} ${e.work}`).toBeGreaterThan(0);
      }
    }
    // The bundled graph has no abstracts: no machine-found sentence, and no MeSH species.
    expect(p.coOccurrences).toEqual([]);
    expect(Object.values(p.works).every((w) => w.species.length === 0)).toBe(true);
    // The layout is the server's, the same on a second request.
    expect((await json<ConceptMapPayload>('/api/concept-map')).layout).toEqual(p.layout);
  });

  it('states the rule in one line', () => {
    expect(CROSSTALK_RULE.split('\n')).toHaveLength(1);
    expect(CROSSTALK_RULE).toMatch(/secreted by A and acts on B/);
  });
});
