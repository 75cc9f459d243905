/** The ingest pipeline: read + validate the dataset, build the graph, lay it out, load a store. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { countGraph, type GraphCounts, type GraphData } from '../model/graph-schema';
import type { BuiltGraph, DatasetManifest, GraphStore, ProgressListener } from '../store/graph-store';
import { buildGraph, stageGraph } from './build-graph';
import { computeLayout, type LayoutOptions } from './layout';
import type { PhaseClock } from './phases';
import { DATASET_FILES, hashDatasetFiles, readDataset, type Dataset } from './read-dataset';

/** SHA-256 over the dataset files, as {@link readDataset} computes it (`Dataset.hash`). */
export async function hashDataset(dir: string): Promise<string> {
  const contents = await Promise.all(
    Object.values(DATASET_FILES).map((name) => readFile(path.join(dir, name)).catch(() => null)),
  );
  return hashDatasetFiles(contents);
}

/** A dataset turned into a laid-out graph, ready to load. */
export interface PreparedGraph {
  dataset: Dataset;
  graph: GraphData;
  counts: GraphCounts;
  dataHash: string;
}

/**
 * Reads, validates, builds and lays out the graph of a dataset folder. Touches no store. `clock`,
 * when given, gets a lap per phase (see ./phases.ts).
 * @throws ValidationError when any record is invalid.
 */
export async function prepareGraph(
  dataDir: string,
  options: { seed?: string; clock?: PhaseClock; keepLayout?: LayoutOptions['keep'] } = {},
): Promise<PreparedGraph> {
  const { clock } = options;
  const dataset = await readDataset(dataDir, clock);
  const graph = buildGraph(dataset, clock);
  layOut(dataset, graph, options);
  return { dataset, graph, counts: countGraph(graph), dataHash: dataset.hash };
}

/** Lays out a built graph in place (the `layout` phase). */
function layOut(
  dataset: Dataset,
  graph: GraphData,
  options: { seed?: string; clock?: PhaseClock; keepLayout?: LayoutOptions['keep'] },
): void {
  computeLayout(graph, {
    seed: options.seed,
    workLinks: { CITES: dataset.ends.citations, SIMILAR_TO: dataset.ends.related },
    keep: options.keepLayout,
  });
  options.clock?.lap('layout');
}

/**
 * Validates the whole dataset, then loads it into `store`, replacing what was there.
 * Nothing is written unless validation passed: the store gets the graph in stages
 * ({@link GraphStore.loadStaged}) and may set up while it is read and validated, and copy what needs
 * no layout while the layout runs, but it makes nothing visible unless the whole preparation passed.
 * @throws ValidationError for invalid data (the store is untouched), StoreError for store failures.
 */
export async function ingest(
  dataDir: string,
  store: GraphStore,
  options: {
    seed?: string;
    onProgress?: ProgressListener;
    /** The engine's own time per load step, when the store can tell it (see LoadInfo.onStepTime). */
    onStepTime?: (step: string, ms: number) => void;
    clock?: PhaseClock;
    /** Positions to keep (a grown dataset after a fetch; see LayoutOptions.keep). */
    keepLayout?: LayoutOptions['keep'];
  } = {},
): Promise<{ prepared: PreparedGraph; manifest: DatasetManifest }> {
  const { clock } = options;
  let ready: { dataset: Dataset; graph: GraphData; finish: () => void } | null = null;
  const built = (async (): Promise<BuiltGraph> => {
    const dataset = await readDataset(dataDir, clock);
    const { graph, finish } = stageGraph(dataset, clock);
    ready = { dataset, graph, finish };
    return { graph, dataHash: dataset.hash };
  })();
  // The store wrote its files since the last lap: that is its time, which it reports itself
  // (finish restarts the clock).
  const finish = (): void => ready!.finish();
  const place = (): void => {
    const { dataset, graph } = ready!;
    // A store that did not ask for the rest first gets it here (the layout needs the tags too).
    finish();
    clock?.restart?.();
    layOut(dataset, graph, options);
  };
  const manifest = await store.loadStaged(
    { built, finish, place },
    { dataDir: path.resolve(dataDir), onProgress: options.onProgress, onStepTime: options.onStepTime },
  );
  const { dataset, graph } = ready!;
  return { prepared: { dataset, graph, counts: countGraph(graph), dataHash: dataset.hash }, manifest };
}
