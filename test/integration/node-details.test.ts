/**
 * The details panel from memory (src/server/read-models/node-details.ts) against the Cypher reading
 * it replaced (node-details-store.ts, which still answers while the cache is built), over the bundled graph on the real embedded
 * store: works, concepts, authors and journals, with whole records held in memory and with one
 * primary-key read per request (the path of datasets above RECORDS_IN_MEMORY_MAX_WORKS works).
 * The reference gives whole lists; the answers' first pages and further pages are compared with
 * those whole lists cut.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareGraph } from '../../src/ingest/ingest';
import type { NodeDetail, NodeListName, WorkRef } from '../../src/model/api';
import { NODE_LABELS } from '../../src/model/graph-schema';
import { REVIEW_ID } from '../../src/model/ids';
import { GraphReader, type LoadedNetwork } from '../../src/server/read-models/graph-reader';
import { NodeDetails, detailsNow, detailsOf } from '../../src/server/read-models/node-details';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { StoreDetails } from '../../src/server/read-models/node-details-store';
import { BUNDLED, tempDir } from '../support/temp';

let store: EmbeddedStore;
let loaded: LoadedNetwork;
let inMemory: NodeDetails;
let byKey: NodeDetails;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  const prepared = await prepareGraph(BUNDLED);
  store = new EmbeddedStore(path.join(await tempDir(), 'graph'));
  await store.load(prepared.graph, { dataDir: BUNDLED, dataHash: prepared.dataHash });
  loaded = await new GraphReader(store).loadNetwork();
  inMemory = await NodeDetails.build(store, loaded);
  byKey = await NodeDetails.build(store, loaded, { recordsInMemory: false });
  for (const label of NODE_LABELS) ids[label] = prepared.graph.nodes[label].map((n) => String(n.id)).sort();
});
afterAll(async () => {
  await store.close();
});

describe('node details from memory', () => {
  it('holds the bundled records in memory, and reads them per request when told to', () => {
    expect(inMemory.recordsInMemory).toBe(true);
    expect(byKey.recordsInMemory).toBe(false);
    expect(ids.Work).toHaveLength(460);
    expect(ids.Author!.length).toBeGreaterThan(1000);
  });

  it('answers as the Cypher reading for every work, concept, author and journal (every third one)', async () => {
    const reference = new StoreDetails(store);
    let compared = 0;
    let listed = 0;
    for (const label of NODE_LABELS) {
      for (const [i, id] of ids[label]!.entries()) {
        if (i % 3 !== 0 && id !== REVIEW_ID) continue;
        const expected = await reference.whole(id);
        expect(expected, id).not.toBeNull();
        // Same JSON, key order included: the panel and exports read the bytes as before.
        expect(JSON.stringify(await inMemory.node(id)), id).toBe(JSON.stringify(expected));
        expect(JSON.stringify(await byKey.node(id)), id).toBe(JSON.stringify(expected));
        compared += 1;
        listed += JSON.stringify(expected).length;
      }
    }
    expect(compared).toBeGreaterThan(800);
    expect(listed).toBeGreaterThan(500_000);
  });

  it('gives the same answer with records in memory and read per request, for every node', async () => {
    for (const label of NODE_LABELS) {
      for (const id of ids[label]!) {
        expect(await byKey.node(id), id).toEqual(await inMemory.node(id));
      }
    }
  });

  it('cuts every long list to its first page beside its total, and pages through it in the same order', async () => {
    const listsOf = (d: NodeDetail): NodeListName[] =>
      d.kind === 'work' ? ['references', 'citedBy', 'similar'] : ['works'];
    let paged = 0;
    const reference = new StoreDetails(store);
    for (const label of NODE_LABELS) {
      for (const [i, id] of ids[label]!.entries()) {
        if (i % 3 !== 0 && id !== REVIEW_ID && id !== 'concept:bone') continue;
        const whole = (await inMemory.node(id))!;
        const lists = whole as unknown as Record<NodeListName, WorkRef[]>;
        for (const limit of [0, 3]) {
          const cut = { ...whole } as unknown as Record<string, unknown>;
          for (const list of listsOf(whole)) cut[list] = lists[list].slice(0, limit);
          expect(JSON.stringify(await inMemory.node(id, limit)), id).toBe(JSON.stringify(cut));
          expect(JSON.stringify(await byKey.node(id, limit)), id).toBe(JSON.stringify(cut));
          // The store's reading, which answers while the cache is built, cuts the same way.
          if (i % 9 === 0 || id === 'concept:bone')
            expect(JSON.stringify(await reference.node(id, limit)), id).toBe(JSON.stringify(cut));
        }
        for (const list of listsOf(whole)) {
          const total = (whole.totals as Record<string, number>)[list];
          expect(total, id).toBe(lists[list].length);
          const items: WorkRef[] = [];
          for (let offset = 0; offset < total! + 7; offset += 7) {
            const page = await byKey.list(id, list, { offset, limit: 7 });
            expect(page, id).toMatchObject({ id, list, offset, limit: 7, total });
            items.push(...page!.items);
          }
          expect(JSON.stringify(items), `${id} ${list}`).toBe(JSON.stringify(lists[list]));
          const second = { offset: 7, limit: 7 };
          if (i % 9 === 0 || id === 'concept:bone')
            expect(JSON.stringify(await reference.list(id, list, second)), id).toBe(
              JSON.stringify(await inMemory.list(id, list, second)),
            );
          if (total! > 7) paged += 1;
        }
      }
    }
    // Long enough lists to page were among them (concept:bone, journals, well cited works).
    expect(paged).toBeGreaterThan(20);
  });

  it('has no list that the kind of node lacks, and no list for unknown nodes', async () => {
    const reference = new StoreDetails(store);
    expect(await reference.list(REVIEW_ID, 'works', { offset: 0, limit: 5 })).toBeUndefined();
    expect(await reference.list('concept:none', 'works', { offset: 0, limit: 5 })).toBeNull();
    expect(await inMemory.list(REVIEW_ID, 'works', { offset: 0, limit: 5 })).toBeUndefined();
    expect(await inMemory.list('concept:bone', 'citedBy', { offset: 0, limit: 5 })).toBeUndefined();
    expect(await inMemory.list('concept:none', 'works', { offset: 0, limit: 5 })).toBeNull();
    expect(await byKey.list('author:none', 'works', { offset: 0, limit: 5 })).toBeNull();
    expect(await inMemory.list('doi:10.9999/none', 'citedBy', { offset: 0, limit: 5 })).toBeNull();
    const past = await inMemory.list('concept:bone', 'works', { offset: 1_000_000, limit: 5 });
    expect(past?.items).toEqual([]);
    expect(past?.total).toBeGreaterThan(25);
  });

  it('answers from the store while the cache is built, then from the cache, the same', async () => {
    const reader = new GraphReader(store);
    const fresh = await reader.loadNetwork();
    // Before the build has ended, a request is answered by the store's reading and starts the build.
    // (Asked of detailsNow directly: a race of two promises depends on the machine's load.)
    const meanwhile = detailsNow(store, fresh);
    expect(meanwhile).toBeInstanceOf(StoreDetails);
    const early = await meanwhile.node('concept:bone');
    const page = await meanwhile.list('concept:bone', 'works', { offset: 25, limit: 10 });
    const cache = await detailsOf(store, fresh);
    expect(detailsNow(store, fresh)).toBe(cache);
    expect(early?.kind).toBe('concept');
    expect(JSON.stringify(await reader.node(fresh, 'concept:bone'))).toBe(JSON.stringify(early));
    expect(await reader.nodeList(fresh, 'concept:bone', 'works', { offset: 25, limit: 10 })).toEqual(page);
    expect(page?.items).toHaveLength(10);
  });

  it('knows no node for unknown ids of every kind, nor for ids without a kind', async () => {
    for (const id of [
      'doi:10.9999/none',
      'pmid:1',
      'concept:none',
      'author:none',
      'journal:none',
      'hello',
      '',
    ]) {
      expect(await inMemory.node(id), id).toBeNull();
      expect(await byKey.node(id), id).toBeNull();
    }
  });

  it('lists the review with its references and the concepts of its title', async () => {
    const review = await inMemory.node(REVIEW_ID);
    expect(review?.kind).toBe('work');
    if (review?.kind !== 'work') return;
    expect(review.title).toBe('Bone and muscle crosstalk in ageing and disease');
    expect(review.references).toHaveLength(5);
    expect(review.concepts.find((c) => c.id === 'concept:ageing')).toEqual({
      id: 'concept:ageing',
      name: 'ageing',
      category: 'process',
      foundIn: ['title'],
      matched: ['ageing'],
    });
    const years = review.references.map((r) => r.year ?? -Infinity);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });
});
