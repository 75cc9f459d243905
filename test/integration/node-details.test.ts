/**
 * The details panel from memory (src/server/read-models/node-details.ts) against the Cypher reading
 * it replaced (test/support/node-details-reference.ts), over the bundled graph on the real embedded
 * store: works, concepts, authors and journals, with whole records held in memory and with one
 * primary-key read per request (the path of datasets above RECORDS_IN_MEMORY_MAX_WORKS works).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareGraph } from '../../src/ingest/ingest';
import { NODE_LABELS } from '../../src/model/graph-schema';
import { REVIEW_ID } from '../../src/model/ids';
import { GraphReader, type LoadedNetwork } from '../../src/server/read-models/graph-reader';
import { NodeDetails } from '../../src/server/read-models/node-details';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { ReferenceDetails } from '../support/node-details-reference';
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
    const reference = new ReferenceDetails(store);
    let compared = 0;
    let listed = 0;
    for (const label of NODE_LABELS) {
      for (const [i, id] of ids[label]!.entries()) {
        if (i % 3 !== 0 && id !== REVIEW_ID) continue;
        const expected = await reference.node(id);
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
