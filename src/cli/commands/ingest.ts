/** `crosstalk ingest`: validate the dataset, then load it into the graph store. */
import type { Command } from 'commander';
import { DEFAULT_DATA_DIR, storeLocation, type StoreOptions } from '../open-store';
import { storeFlags } from '../flags';
import { ingestOptions, parseOptions } from '../options';
import { countsTable, err, out, rel } from '../output';
import { progressReporter } from '../progress';
import { withStore } from '../with-store';

/** Loads `data` into the store the options name; prints the counts unless `quiet`. */
export async function runIngest(
  opts: StoreOptions & { data: string; seed: string; quiet?: boolean },
): Promise<void> {
  await withStore(opts, async (store) => {
    const started = performance.now();
    const progress = progressReporter('ingest');
    try {
      const { ingest } = await import('../../ingest/ingest'); // not loaded for other commands
      const { prepared } = await ingest(opts.data, store, { seed: opts.seed, onProgress: progress.listener });
      progress.stop();
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      err(
        `Loaded ${rel(opts.data)} into the ${store.backend} store at ${rel(storeLocation(opts))} in ${secs} s.`,
      );
      if (prepared.dataset.unverifiedCount > 0) {
        err(
          `${prepared.dataset.unverifiedCount} concept relation(s) in "toVerify" were not loaded (no supporting work).`,
        );
      }
      if (!opts.quiet) out(countsTable(prepared.counts));
    } finally {
      progress.stop();
    }
  });
}

/** Registers `ingest` on the program. */
export function register(program: Command): void {
  storeFlags(
    program
      .command('ingest')
      .description('validate the dataset, then load it into the graph store (replacing what is there)')
      .option('--data <dir>', 'dataset folder', DEFAULT_DATA_DIR)
      .option('--seed <seed>', 'seed for layout and communities', 'crosstalk-kg'),
  ).action(async (raw: unknown) => {
    await runIngest(parseOptions(ingestOptions, raw));
  });
}
