/**
 * `crosstalk start`: load the dataset if the store does not hold it yet (asked of the store's
 * manifest, the same way for every backend), build the UI if needed, then serve the explorer.
 */
import type { Command } from 'commander';
import type { LoadState } from '../../store/graph-store';
import { buildUi, uiNeedsBuild } from '../build-ui';
import { defaultServedDataset, describeDataset } from '../datasets';
import { serveFlags, storeFlags } from '../flags';
import { storeLocation, type StoreOptions } from '../open-store';
import { parseOptions, startOptions } from '../options';
import { err, rel } from '../output';
import { withStore } from '../with-store';
import { runIngest } from './ingest';
import { runServer } from './serve';

/** Why start loads the dataset, said to the user. */
function whyLoad(state: Exclude<LoadState, { state: 'current' }>, where: string, data: string): string {
  switch (state.state) {
    case 'empty':
      return `No graph at ${where} yet; ingesting ${data}.`;
    case 'other-engine':
      return `The database was written by the ${state.writtenBy} engine; re-ingesting with ${state.engine}.`;
    case 'changed':
      return 'The dataset changed since the last ingest; re-ingesting.';
  }
}

/**
 * Ingests `data` into the store `opts` names unless the store already holds it (asked of its
 * manifest: same data hash, same engine). Also run by `npm install` (scripts/install-build.js), so
 * the first `npm start` only serves. Resolves to true when it ingested.
 */
export async function prepareStore(opts: StoreOptions, data: string): Promise<boolean> {
  const { hashDataset } = await import('../../ingest/ingest');
  const hash = await hashDataset(data);
  const state = await withStore(opts, (store) => store.loadState(hash));
  if (state.state === 'current') return false;
  err(whyLoad(state, rel(storeLocation(opts)), rel(data)));
  await runIngest({ ...opts, data, seed: 'crosstalk-kg', quiet: true });
  return true;
}

/** Registers `start` on the program. */
export function register(program: Command): void {
  serveFlags(
    storeFlags(
      program
        .command('start')
        .description(
          'ingest the dataset if needed (your dataset .data/dataset when it exists, else the bundled graph/), build the UI if needed, then serve the explorer',
        )
        .option('--data <dir>', 'dataset folder (default: .data/dataset when it exists, else graph)'),
    ),
  ).action(async (raw: unknown) => {
    const opts = parseOptions(startOptions, raw);
    const data = opts.data ?? defaultServedDataset();
    err(describeDataset(data, rel));
    await prepareStore(opts, data);
    if (opts.ui && (await uiNeedsBuild())) {
      err('Building the web UI…');
      const started = performance.now();
      await buildUi();
      err(`Built the UI in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }
    await runServer(opts);
  });
}
