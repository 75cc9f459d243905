/**
 * The naive baseline of the ingest benchmark: the same laid-out graph written into a fresh embedded
 * database one row per statement (`MERGE` on the key, then `SET` of the properties; relationships as
 * `MERGE (a) MERGE (b) MERGE (a)-[:T]->(b)`), through the engine's connection — what a loader does
 * without the bulk COPY path. Only for measuring; the real loader is EmbeddedStore.load.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  NODE_LABELS,
  NODE_SCHEMA,
  REL_SCHEMA,
  REL_TYPES,
  SOURCE_SET_LABEL,
  storedRelProperties,
  type GraphData,
  type PropertySpec,
} from '../model/graph-schema';
import { loadEngine, type EngineResult, type KuzuValue } from '../store/embedded/engine';
import { createNodeTable, createRelTable, createSourceSetTable } from '../store/embedded/schema';
import { SourceSetInterner, storedRels } from '../store/source-sets';

const close = (r: EngineResult | EngineResult[]): void => {
  for (const x of Array.isArray(r) ? r : [r]) x.close();
};

/**
 * Loads `graph` row by row into a new database in `dir`, stopping after `budgetMs` (it is slow:
 * its rate, not its total, is the baseline). Returns the records written and whether all were.
 */
export async function naiveLoad(
  graph: GraphData,
  dir: string,
  budgetMs = Infinity,
): Promise<{ written: number; complete: boolean; ms: number }> {
  const started = performance.now();
  const deadline = started + budgetMs;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // The baseline is Kuzu's, the default engine: it is compared with the bulk load of the same engine.
  const { Database, Connection } = loadEngine('kuzu');
  const db = new Database(path.join(dir, 'graph.kuzu'), 1024 * 1024 * 1024, true, false);
  const conn = new Connection(db);
  let written = 0;
  // Kuzu drops null parameters and cannot type an empty list, so those are written inline; one
  // prepared statement per pattern of null / empty properties.
  const prepared = new Map<string, Awaited<ReturnType<typeof conn.prepare>>>();
  const write = async (
    head: string,
    alias: string,
    props: readonly string[],
    row: Record<string, KuzuValue>,
    params: Record<string, KuzuValue>,
  ): Promise<void> => {
    const parts: string[] = [];
    let key = head;
    for (const p of props) {
      const v = row[p];
      if (v === null || v === undefined) {
        parts.push(`${alias}.\`${p}\` = NULL`);
        key += '0';
      } else if (Array.isArray(v) && v.length === 0) {
        parts.push(`${alias}.\`${p}\` = CAST([] AS STRING[])`);
        key += 'e';
      } else {
        parts.push(`${alias}.\`${p}\` = $${p}`);
        params[p] = v;
        key += '1';
      }
    }
    let statement = prepared.get(key);
    if (!statement) {
      statement = await conn.prepare(parts.length > 0 ? `${head} SET ${parts.join(', ')}` : head);
      if (!statement.isSuccess()) throw new Error(statement.getErrorMessage());
      prepared.set(key, statement);
    }
    close(await conn.execute(statement, params));
  };
  try {
    for (const label of NODE_LABELS) close(await conn.query(createNodeTable(label)));
    for (const type of REL_TYPES) close(await conn.query(createRelTable(type)));
    for (const label of NODE_LABELS) {
      const props = Object.keys(NODE_SCHEMA[label] as PropertySpec).filter((k) => k !== 'id');
      for (const node of graph.nodes[label]) {
        const row = node as unknown as Record<string, KuzuValue>;
        await write(`MERGE (n:${label} {id: $id})`, 'n', props, row, { id: row.id! });
        written += 1;
        if (performance.now() > deadline)
          return { written, complete: false, ms: performance.now() - started };
      }
    }
    // The rows as the store keeps them: a source-set code where the bulk load writes one.
    const sourceSets = new SourceSetInterner();
    for (const type of REL_TYPES) {
      const spec = REL_SCHEMA[type];
      const props = Object.keys(storedRelProperties(type));
      const head = `MERGE (a:${spec.from} {id: $from}) MERGE (b:${spec.to} {id: $to}) MERGE (a)-[r:${type}]->(b)`;
      for (const rel of storedRels(type, graph.rels[type], sourceSets)) {
        const row = rel as unknown as Record<string, KuzuValue>;
        await write(head, 'r', props, row, { from: row.from!, to: row.to! });
        written += 1;
        if (performance.now() > deadline)
          return { written, complete: false, ms: performance.now() - started };
      }
    }
    close(await conn.query(createSourceSetTable()));
    for (const set of sourceSets.records()) {
      await write(
        `MERGE (n:${SOURCE_SET_LABEL} {code: $code})`,
        'n',
        ['sources'],
        set as unknown as Record<string, KuzuValue>,
        {
          code: set.code,
        },
      );
      if (performance.now() > deadline) return { written, complete: false, ms: performance.now() - started };
    }
  } finally {
    await conn.close();
    await db.close();
  }
  return { written, complete: true, ms: performance.now() - started };
}
