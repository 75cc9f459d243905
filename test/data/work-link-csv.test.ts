/**
 * The bundled graph's CITES and SIMILAR_TO files: written from the columns the graph holds
 * (writeWorkLinkCsv, what the embedded store does), they are byte for byte what writeCsv writes from
 * the records, with the same source-set codes; reading the records does not change the counts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageGraph } from '../../src/ingest/build-graph';
import { readDataset } from '../../src/ingest/read-dataset';
import { WORK_LINK_TYPES, countGraph } from '../../src/model/graph-schema';
import { writeCsv, writeWorkLinkCsv } from '../../src/store/embedded/csv';
import { relColumns, storedRelColumns } from '../../src/store/embedded/schema';
import { SourceSetInterner } from '../../src/store/source-sets';
import { BUNDLED, tempDir } from '../support/temp';

describe('the bundled graph’s links between works', () => {
  it('are written from their columns as writeCsv writes their records', async () => {
    const { graph } = stageGraph(await readDataset(BUNDLED));
    const dir = await tempDir('crosstalk-links-');
    const counts = countGraph(graph);
    expect(counts.rels.CITES).toBe(284);
    expect(counts.rels.SIMILAR_TO).toBe(6);

    const fastSets = new SourceSetInterner();
    const fast: Buffer[] = [];
    for (const type of WORK_LINK_TYPES) {
      const file = path.join(dir, `${type}-fast.csv`);
      const held = graph.workLinks?.[type];
      expect(held, type).toBeDefined();
      const layout = await writeWorkLinkCsv(file, relColumns(type), held!, (list) => fastSets.code(list));
      expect(layout).toEqual({ hasLineBreaks: false });
      fast.push(await readFile(file));
    }
    // Reading the records makes them (once) and lets the columns go.
    const genericSets = new SourceSetInterner();
    for (const [i, type] of WORK_LINK_TYPES.entries()) {
      const file = path.join(dir, `${type}-generic.csv`);
      await writeCsv(file, storedRelColumns(type, genericSets), graph.rels[type]);
      expect((await readFile(file)).equals(fast[i]!), type).toBe(true);
      expect(graph.workLinks?.[type]).toBeUndefined();
      expect(graph.rels[type]).toBe(graph.rels[type]);
    }
    expect(fastSets.records()).toEqual(genericSets.records());
    expect(countGraph(graph)).toEqual(counts);
  });
});
