/**
 * The GraphStore contract: one suite, every backend. Each backend's test file calls
 * {@link describeGraphStoreContract} with a factory for a store (each load replaces its graph).
 * Same dataset in (test/fixtures/tiny, then the bundled graph/), same answers out; the README's
 * example queries are checked against answers computed from the data (test/support/readme-queries.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, prepareGraph, type PreparedGraph } from '../../src/ingest/ingest';
import { NETWORK_EDGE_KINDS, RELATED_KINDS } from '../../src/model/api';
import { QueryError } from '../../src/model/errors';
import { NODE_SCHEMA, SOURCE_SET_REL_TYPES } from '../../src/model/graph-schema';
import { REVIEW_ID } from '../../src/model/ids';
import { NetworkIndex } from '../../src/model/network-index';
import { isNodeValue, isPathValue, isRelationshipValue } from '../../src/model/values';
import { GraphReader } from '../../src/server/read-models/graph-reader';
import { answerLitMap, type LitMapQuery } from '../../src/server/routes/litmap';
import { answerRelated, type RelatedQuery } from '../../src/server/routes/related';
import type { GraphStore } from '../../src/store/graph-store';
import { canonical, expectAnswer, expectedReadmeAnswer, readmeQueries } from '../support/readme-queries';
import { exampleQueries } from '../support/example-queries';
import { BUNDLED, TINY } from '../support/temp';

async function expectQueryError(p: Promise<unknown>, code: string): Promise<QueryError> {
  const e: unknown = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(QueryError);
  expect((e as QueryError).code).toBe(code);
  return e as QueryError;
}

/** Registers the contract suite for one backend. */
export function describeGraphStoreContract(name: string, makeStore: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    let prepared: PreparedGraph;

    beforeAll(async () => {
      prepared = await prepareGraph(TINY);
      store = await makeStore();
      await store.load(prepared.graph, { dataDir: TINY, dataHash: prepared.dataHash });
    });
    afterAll(async () => {
      await store.close();
    });

    it('counts every label and relationship type as loaded, with provenance', async () => {
      const stats = await store.stats();
      expect(stats.backend).toBe(store.backend);
      expect(stats.counts).toEqual(prepared.counts);
      expect(stats.counts.nodes.Work).toBe(9);
      expect(stats.counts.rels.CITES).toBe(5);
      expect(stats.manifest?.dataHash).toBe(prepared.dataHash);
    });

    it("names each node of a label by a distinct integer in the engine's own id expression", async () => {
      const k = store.internalIdOf('w');
      const r = await store.query(`MATCH (w:Work) RETURN ${k} AS k, w.id AS id`, { maxRows: 100 });
      expect(r.rows).toHaveLength(9);
      for (const row of r.rows) expect(Number.isInteger(row.k)).toBe(true);
      expect(new Set(r.rows.map((row) => row.k)).size).toBe(9);
      // The same node gets the same id in another statement.
      const again = await store.query(`MATCH (w:Work) RETURN ${k} AS k, w.id AS id`, { maxRows: 100 });
      const byId = new Map(r.rows.map((row) => [row.id, row.k]));
      for (const row of again.rows) expect(byId.get(row.id)).toBe(row.k);
    });

    it('says from its manifest whether it holds a dataset: current for the loaded data, changed for other data', async () => {
      expect(await store.loadState(prepared.dataHash)).toEqual({ state: 'current' });
      expect(await store.loadState('0'.repeat(64))).toEqual({ state: 'changed' });
    });

    it('answers the review-citation query with the five known references', async () => {
      const r = await store.query(
        'MATCH (r:Work {isReview: true})-[:CITES]->(w:Work) RETURN w.id AS id ORDER BY id',
      );
      expect(r.columns).toEqual(['id']);
      expect(r.rows.map((x) => x.id)).toEqual([
        'doi:10.1007/s11914-020-00599-y',
        'doi:10.1007/s11914-024-00890-2',
        'doi:10.1038/s41586-024-07348-6',
        'ref:pubmed.ncbi.nlm.nih.gov-40011751#1',
        'ref:pubmed.ncbi.nlm.nih.gov-40011751#3',
      ]);
      expect(r.truncated).toBe(false);
    });

    it('returns nodes as plain values keyed by their id property, with typed properties', async () => {
      const r = await store.query('MATCH (w:Work {id: $id}) RETURN w', { params: { id: REVIEW_ID } });
      const w = r.rows[0]?.w ?? null;
      expect(isNodeValue(w)).toBe(true);
      if (!isNodeValue(w)) return;
      expect(w.id).toBe(REVIEW_ID);
      expect(w.label).toBe('Work');
      expect(w.properties).toMatchObject({
        title: 'Bone and muscle crosstalk in ageing and disease',
        year: 2025,
        pmid: '40011751',
        isReview: true,
        keywords: [],
        authors: ['Ben Kirk', 'et al.'],
        sources: ['https://pubmed.ncbi.nlm.nih.gov/40011751/'],
        pmcid: null,
      });
      expect(typeof w.properties.x).toBe('number');
    });

    it('resolves relationship endpoints to node ids even when the nodes are not returned', async () => {
      const r = await store.query('MATCH (:Work {id: $id})-[c:CITES]->(:Work {id: $to}) RETURN c', {
        params: { id: REVIEW_ID, to: 'doi:10.1038/s41586-024-07348-6' },
      });
      const c = r.rows[0]?.c ?? null;
      expect(isRelationshipValue(c)).toBe(true);
      if (!isRelationshipValue(c)) return;
      expect(c).toMatchObject({
        type: 'CITES',
        source: REVIEW_ID,
        target: 'doi:10.1038/s41586-024-07348-6',
      });
      expect(c.properties.sources).toEqual(['https://pubmed.ncbi.nlm.nih.gov/40011751/']);
    });

    it("keeps every relationship's sources: as returned values, and through its source set in Cypher", async () => {
      // Relationships read from works store a source-set code (graph/README.md, "Provenance").
      const byCypher = await store.query(
        `MATCH (a:Work)-[c:CITES]->(b:Work) MATCH (s:SourceSet) WHERE s.code = c.sourceSet
         RETURN a.id AS a, b.id AS b, s.sources AS sources`,
      );
      const loaded = prepared.graph.rels.CITES.map((c) => ({ a: c.from, b: c.to, sources: c.sources }));
      const order = (x: { a: string; b: string }, y: { a: string; b: string }): number =>
        x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1;
      expect([...(byCypher.rows as typeof loaded)].sort(order)).toEqual(loaded.sort(order));
      for (const type of SOURCE_SET_REL_TYPES) {
        const r = await store.query(`MATCH ()-[r:${type}]->() RETURN r`, { maxRows: 100_000 });
        expect(r.rows).toHaveLength(prepared.graph.rels[type].length);
        const want = prepared.graph.rels[type].map((x) => `${x.from} ${x.to} ${JSON.stringify(x.sources)}`);
        const got = r.rows.map(({ r: v = null }) => {
          if (!isRelationshipValue(v)) throw new Error(`not a relationship: ${JSON.stringify(v)}`);
          expect(v.properties).not.toHaveProperty('sourceSet');
          return `${v.source} ${v.target} ${JSON.stringify(v.properties.sources)}`;
        });
        expect(got.sort(), type).toEqual(want.sort());
      }
      const none = await store.query(
        'MATCH (s:SourceSet) WHERE s.sources IS NULL OR size(s.sources) = 0 RETURN count(s) AS n',
      );
      expect(none.rows).toEqual([{ n: 0 }]);
    });

    it('returns paths with ordered nodes and relationships', async () => {
      const r = await store.query(
        `MATCH p = (a:Work {id: 'doi:10.4235/agmr.22.0054'})-[:SIMILAR_TO]->(:Work)<-[:CITES]-(:Work) RETURN p`,
      );
      const p = r.rows[0]?.p ?? null;
      expect(isPathValue(p)).toBe(true);
      if (!isPathValue(p)) return;
      expect(p.nodes.map((n) => n.id)).toEqual([
        'doi:10.4235/agmr.22.0054',
        'doi:10.1007/s11914-020-00599-y',
        REVIEW_ID,
      ]);
      expect(p.relationships.map((x) => [x.type, x.source, x.target])).toEqual([
        ['SIMILAR_TO', 'doi:10.4235/agmr.22.0054', 'doi:10.1007/s11914-020-00599-y'],
        ['CITES', REVIEW_ID, 'doi:10.1007/s11914-020-00599-y'],
      ]);
    });

    it('tags works with concepts and keeps curated relations with their evidence', async () => {
      const r = await store.query(
        `MATCH (w:Work)-[m:MENTIONS]->(:Concept {id: 'concept:irisin'}) RETURN w.id AS id, m.foundIn AS foundIn ORDER BY id`,
      );
      expect(r.rows).toEqual([
        { id: 'doi:10.1016/j.cyto.2021.155708', foundIn: ['title'] },
        { id: 'doi:10.3389/fcell.2021.668759', foundIn: ['title'] },
      ]);
      const a = await store.query(
        'MATCH (f:Concept)-[r:ACTS_ON]->(t:Concept) RETURN f.id AS f, t.id AS t, r.effect AS effect, r.evidence AS evidence',
      );
      expect(a.rows).toEqual([
        {
          f: 'concept:irisin',
          t: 'concept:bone',
          effect: 'promotes',
          evidence: ['doi:10.3389/fcell.2021.668759'],
        },
      ]);
    });

    it('accepts empty and non-empty list parameters without harm', async () => {
      // Kuzu 0.11.3 crashes the process on an empty list parameter; the adapter must prevent that.
      const q = 'MATCH (w:Work) WHERE w.id IN $ids RETURN count(w) AS n';
      expect((await store.query(q, { params: { ids: [] } })).rows).toEqual([{ n: 0 }]);
      expect((await store.query(q, { params: { ids: [REVIEW_ID, 'doi:10.9999/none'] } })).rows).toEqual([
        { n: 1 },
      ]);
      expect((await store.query('RETURN size($ids) AS n', { params: { ids: [] } })).rows).toEqual([{ n: 0 }]);
    });

    it('caps rows and says the result was truncated', async () => {
      const r = await store.query('MATCH (a:Author) RETURN a.id AS id ORDER BY id', { maxRows: 3 });
      expect(r.rows).toHaveLength(3);
      expect(r.truncated).toBe(true);
    });

    it('rejects writes through the engine, leaving the data unchanged', async () => {
      await expectQueryError(store.query("CREATE (:Concept {id: 'concept:new'})"), 'READ_ONLY');
      await expectQueryError(store.query('MATCH (w:Work) DETACH DELETE w'), 'READ_ONLY');
      const r = await store.query('MATCH (w:Work) RETURN count(w) AS n');
      expect(r.rows).toEqual([{ n: 9 }]);
    });

    it("returns the engine's message for a bad query", async () => {
      const e = await expectQueryError(store.query('MATCH (n) RETURN nonsense('), 'QUERY');
      expect(e.message.length).toBeGreaterThan(10);
    });

    it('cancels a query that exceeds its time limit and stays usable', async () => {
      await expectQueryError(
        store.query(
          'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a + b AS s WHERE s % 7 = 3 RETURN count(*) AS n',
          {
            timeoutMs: 300,
          },
        ),
        'QUERY_TIMEOUT',
      );
      const r = await store.query('RETURN 1 AS one');
      expect(r.rows).toEqual([{ one: 1 }]);
    });

    it('gives identical counts when the same data is loaded again', async () => {
      await store.load(prepared.graph, { dataDir: TINY, dataHash: prepared.dataHash });
      const stats = await store.stats();
      expect(stats.counts).toEqual(prepared.counts);
    });

    // One query per label: the dialects differ on a node's label (Kuzu label(n), Neo4j labels(n)).
    const positions = async (): Promise<unknown[]> => {
      const rows: unknown[] = [];
      for (const label of ['Work', 'Concept']) {
        const q = `MATCH (n:${label}) RETURN n.id AS id, n.x AS x, n.y AS y, n.community AS c ORDER BY id`;
        rows.push(...(await store.query(q)).rows);
      }
      return rows;
    };

    it('a staged load (ingest) holds the same graph, positions included, as a load of the laid-out graph', async () => {
      const before = (await positions()) as { x: unknown; y: unknown }[];
      expect(before.length).toBeGreaterThan(9);
      expect(before.every((r) => typeof r.x === 'number' && typeof r.y === 'number')).toBe(true);
      const { manifest } = await ingest(TINY, store);
      expect(manifest.counts).toEqual(prepared.counts);
      expect((await store.stats()).counts).toEqual(prepared.counts);
      expect(await positions()).toEqual(before);
    });

    it('a staged load whose preparation fails rejects with that error and leaves the graph as it was', async () => {
      const before = await store.manifest();
      const invalid = new Error('works.jsonl:3: title: invalid');
      let placed = false;
      const built = Promise.reject(invalid);
      built.catch(() => undefined);
      const e = await store.loadStaged({ built, place: () => void (placed = true) }, { dataDir: TINY }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBe(invalid);
      expect(placed).toBe(false);
      expect(await store.manifest()).toEqual(before);
      expect((await store.stats()).counts).toEqual(prepared.counts);
    });

    it('a staged load whose layout fails rejects with that error and leaves the graph as it was', async () => {
      const before = await store.manifest();
      const broken = new Error('layout failed');
      const other = await prepareGraph(BUNDLED);
      const e = await store
        .loadStaged(
          {
            built: Promise.resolve({ graph: other.graph, dataHash: other.dataHash }),
            place: () => {
              throw broken;
            },
          },
          { dataDir: BUNDLED },
        )
        .then(
          () => null,
          (x: unknown) => x,
        );
      expect(e).toBe(broken);
      expect(await store.manifest()).toEqual(before);
      expect((await store.stats()).counts).toEqual(prepared.counts);
    });
  });

  describe(`GraphStore contract: ${name}, bundled dataset (graph/)`, () => {
    let store: GraphStore;
    let prepared: PreparedGraph;
    const worksDump = 'MATCH (w:Work) RETURN w ORDER BY w.id';

    beforeAll(async () => {
      prepared = await prepareGraph(BUNDLED);
      store = await makeStore();
      await store.load(prepared.graph, { dataDir: BUNDLED, dataHash: prepared.dataHash });
    });
    afterAll(async () => {
      await store.close();
    });

    it('holds every node and relationship of the bundled dataset', async () => {
      const stats = await store.stats();
      expect(stats.counts).toEqual(prepared.counts);
      expect(stats.counts.nodes).toEqual({ Work: 460, Concept: 134, Author: 1719, Journal: 285 });
      expect(stats.counts.rels).toMatchObject({ CITES: 284, SIMILAR_TO: 6, MENTIONS: 1206, AUTHORED: 1961 });
      expect(stats.manifest?.dataHash).toBe(prepared.dataHash);
      expect(stats.manifest?.counts).toEqual(prepared.counts);
    });

    const queries = readmeQueries();
    it('finds the five example queries of graph/README.md', () => {
      expect(queries.map((q) => q.title)).toHaveLength(5);
    });
    for (const q of queries) {
      it(`answers the README example "${q.title}"`, async () => {
        expectAnswer(await store.query(q.cypher), expectedReadmeAnswer(q.title, prepared.graph));
      });
    }

    const examples = exampleQueries();
    it('has the example query library of graph/queries', () => {
      expect(examples.length).toBeGreaterThanOrEqual(6);
    });
    for (const q of examples) {
      it(`runs the example "${q.title}" with rows`, async () => {
        const r = await store.query(q.cypher);
        expect(r.rows.length, q.id).toBeGreaterThan(0);
        expect(r.truncated).toBe(false);
      });
    }

    it('returns a node exactly as loaded: declared properties in schema order, missing ones as null', async () => {
      const sparse = prepared.graph.nodes.Work.find(
        (w) => w.doi === null && w.pmid === null && w.year === null,
      );
      expect(sparse).toBeDefined();
      if (!sparse) return;
      const r = await store.query('MATCH (w:Work {id: $id}) RETURN w', { params: { id: sparse.id } });
      const w = r.rows[0]?.w ?? null;
      expect(w).toEqual({ $kind: 'node', id: sparse.id, label: 'Work', properties: sparse });
      if (!isNodeValue(w)) return;
      expect(Object.keys(w.properties)).toEqual(Object.keys(NODE_SCHEMA.Work));
    });

    it('keeps an author listed twice on one work as two AUTHORED relationships', async () => {
      const twice = prepared.graph.rels.AUTHORED.filter(
        (a) => a.from === 'author:wang-y' && a.to === 'doi:10.1016/j.cyto.2021.155708',
      );
      expect(twice).toHaveLength(2);
      const r = await store.query(
        'MATCH (:Author {id: $a})-[r:AUTHORED]->(:Work {id: $w}) RETURN r.position AS position ORDER BY position',
        { params: { a: 'author:wang-y', w: 'doi:10.1016/j.cyto.2021.155708' } },
      );
      expect(r.rows).toEqual(
        twice.map((a) => ({ position: a.position })).sort((x, y) => (x.position ?? 0) - (y.position ?? 0)),
      );
    });

    it('sets truncated only when rows were left out', async () => {
      const all = await store.query('MATCH (w:Work) RETURN w.id AS id', { maxRows: 460 });
      expect(all.rows).toHaveLength(460);
      expect(all.truncated).toBe(false);
      const capped = await store.query('MATCH (w:Work) RETURN w.id AS id', { maxRows: 459 });
      expect(capped.rows).toHaveLength(459);
      expect(capped.truncated).toBe(true);
    });

    it('rejects MERGE, SET and DELETE through the read-only path', async () => {
      const id = REVIEW_ID;
      await expectQueryError(store.query("MERGE (c:Concept {id: 'concept:new'}) RETURN c"), 'READ_ONLY');
      await expectQueryError(
        store.query("MATCH (w:Work {id: $id}) SET w.title = 'changed' RETURN w.id", { params: { id } }),
        'READ_ONLY',
      );
      await expectQueryError(store.query('MATCH ()-[c:CITES]->() DELETE c'), 'READ_ONLY');
      const r = await store.query('MATCH (w:Work {id: $id}) RETURN w.title AS title', { params: { id } });
      expect(r.rows).toEqual([{ title: 'Bone and muscle crosstalk in ageing and disease' }]);
      expect((await store.stats()).counts).toEqual(prepared.counts);
    });

    it("streams a whole table in batches, read-only, with the engine's errors", async () => {
      const batches: number[] = [];
      const ids: string[] = [];
      const summary = await store.stream('MATCH (w:Work) RETURN w.id AS id', (rows) => {
        batches.push(rows.length);
        for (const r of rows) ids.push(r.id as string);
      });
      expect(summary.columns).toEqual(['id']);
      expect(summary.rows).toBe(460);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(460);
      expect(new Set(ids)).toEqual(new Set(prepared.graph.nodes.Work.map((w) => String(w.id))));
      await expectQueryError(
        store.stream("CREATE (:Concept {id: 'concept:new'})", () => undefined),
        'READ_ONLY',
      );
      await expectQueryError(
        store.stream('MATCH (n) RETURN nonsense(', () => undefined),
        'QUERY',
      );
      expect((await store.stats()).counts).toEqual(prepared.counts);
    });

    it('finds the same shortest paths and neighbourhoods as the dataset itself, through the reader', async () => {
      const { index, nodes } = await new GraphReader(store).loadNetwork();
      const ids = [...prepared.graph.nodes.Work, ...prepared.graph.nodes.Concept].map((n) => String(n.id));
      const edges = NETWORK_EDGE_KINDS.flatMap((kind) =>
        prepared.graph.rels[kind].map((r) => ({ source: String(r.from), target: String(r.to), kind })),
      );
      const expected = NetworkIndex.fromEdges(ids, edges);
      expect(index.order).toBe(460 + 134);
      expect(index.size).toBe(expected.size);
      expect(nodes.get(REVIEW_ID)?.label).toBe('Bone and muscle crosstalk in ageing and disease');
      const pairs: [string, string][] = [
        [REVIEW_ID, 'concept:irisin'],
        ['concept:sclerostin', 'concept:adipose-tissue'],
        [REVIEW_ID, 'doi:10.1038/s41586-024-07348-6'],
      ];
      for (const [from, to] of pairs) {
        for (const options of [
          { kinds: NETWORK_EDGE_KINDS, directed: false, maxHops: 8, limit: 50 },
          { kinds: ['CITES'] as const, directed: true, maxHops: 8, limit: 50 },
        ]) {
          const got = index.shortestPaths(from, to, options);
          expect(got).toEqual(expected.shortestPaths(from, to, options));
        }
      }
      for (const center of [REVIEW_ID, 'concept:bone']) {
        for (const [hops, max] of [
          [1, 3000],
          [2, 3000],
          [2, 50],
        ] as const) {
          const got = index.neighborhood(center, hops, NETWORK_EDGE_KINDS, max);
          expect(got).toEqual(expected.neighborhood(center, hops, NETWORK_EDGE_KINDS, max));
          expect(got!.nodeIds.length).toBeLessThanOrEqual(max);
        }
      }
      expect(
        index.shortestPaths(REVIEW_ID, 'doi:10.1038/s41586-024-07348-6', {
          kinds: ['CITES'],
          directed: true,
          maxHops: 8,
          limit: 5,
        }).length,
      ).toBe(1);
    });

    it('gives the same related works, prior, derivative, review-finder and not-cited answers as the dataset itself', async () => {
      // The rankings read the network index; built from this store, it must answer as the index
      // built from the dataset's own records does (so every backend answers alike).
      const loaded = await new GraphReader(store).loadNetwork();
      const ids = [...prepared.graph.nodes.Work, ...prepared.graph.nodes.Concept].map((n) => String(n.id));
      const edges = NETWORK_EDGE_KINDS.flatMap((kind) =>
        prepared.graph.rels[kind].map((r) => ({ source: String(r.from), target: String(r.to), kind })),
      );
      const expected = { index: NetworkIndex.fromEdges(ids, edges), nodes: loaded.nodes };
      const asked: RelatedQuery[] = [
        ...RELATED_KINDS.map((kind) => ({ kind, ids: [REVIEW_ID], limit: 100 })),
        ...RELATED_KINDS.map((kind) => ({ kind, ids: ['doi:10.1002/jbmr.1666'], limit: 100 })),
        { kind: 'related', ids: ['doi:10.1002/jbmr.1666', 'doi:10.1002/jbmr.1980'], limit: 100 },
        {
          kind: 'review-finder',
          ids: ['doi:10.1152/jappl.2000.89.1.81', 'doi:10.1359/jbmr.041124'],
          limit: 100,
        },
        // No ids: the review finder over the whole graph.
        { kind: 'review-finder', ids: [], limit: 100 },
      ];
      let rows = 0;
      for (const q of asked) {
        const got = await answerRelated(store, loaded, q);
        expect(got, `${q.kind} ${q.ids.join(' ')}`).toEqual(await answerRelated(store, expected, q));
        if ('rows' in got) rows += got.rows.length;
      }
      expect(rows).toBeGreaterThan(20);
      const whole = await answerRelated(store, loaded, { kind: 'review-finder', ids: [], limit: 5 });
      expect('rows' in whole && whole.rows.map((r) => [r.id, r.score])).toEqual([
        ['ref:ouci.dntb.gov.ua-works-lRjLZnel#0', 11],
        ['doi:10.1016/bs.acc.2019.07.010', 10],
        ['doi:10.1002/jbmr.1969', 10],
        ['doi:10.1016/b978-0-12-813073-5.00035-6', 10],
        ['doi:10.1016/b978-0-12-821618-7.00138-3', 10],
      ]);
      const audit = await answerRelated(store, loaded, { kind: 'not-cited', ids: [REVIEW_ID], limit: 10 });
      expect('rows' in audit && audit.rows.map((r) => r.id)).toEqual(['doi:10.1073/pnas.97.4.1566']);
      expect('works' in audit && audit.works['doi:10.1073/pnas.97.4.1566']?.year).toBe(2000);
    });

    it('gives the same literature maps (works, similarity links, clusters and labels) as the dataset itself', async () => {
      const loaded = await new GraphReader(store).loadNetwork();
      const ids = [...prepared.graph.nodes.Work, ...prepared.graph.nodes.Concept].map((n) => String(n.id));
      const edges = NETWORK_EDGE_KINDS.flatMap((kind) =>
        prepared.graph.rels[kind].map((r) => ({ source: String(r.from), target: String(r.to), kind })),
      );
      const expected = { index: NetworkIndex.fromEdges(ids, edges), nodes: loaded.nodes };
      const seeds = [
        [REVIEW_ID],
        ['doi:10.1002/jbmr.1666'],
        ['doi:10.1007/s11914-024-00890-2', 'doi:10.1002/jbmr.1666'],
      ];
      let links = 0;
      let labelled = 0;
      for (const s of seeds) {
        const q: LitMapQuery = {
          ids: s,
          size: 300,
          threshold: 0.05,
          yearMin: null,
          yearMax: null,
          unknownYear: true,
        };
        const got = await answerLitMap(store, loaded, q);
        expect(got, s.join(' ')).toEqual(await answerLitMap(store, expected, q));
        if ('links' in got) {
          links += got.links.length;
          labelled += got.clusters.filter((c) => c.label !== null).length;
        }
      }
      expect(links).toBeGreaterThan(10);
      expect(labelled).toBeGreaterThan(0);
    });

    it('gives identical counts and answers when the bundled dataset is loaded again', async () => {
      const before = await store.query(worksDump, { maxRows: 1000 });
      const manifestBefore = (await store.stats()).manifest;
      await store.load(prepared.graph, { dataDir: BUNDLED, dataHash: prepared.dataHash });
      const stats = await store.stats();
      expect(stats.counts).toEqual(prepared.counts);
      expect(stats.manifest?.dataHash).toBe(manifestBefore?.dataHash);
      const after = await store.query(worksDump, { maxRows: 1000 });
      expect(after.rows).toHaveLength(460);
      expect(canonical(after.rows)).toEqual(canonical(before.rows));
    });
  });
}
