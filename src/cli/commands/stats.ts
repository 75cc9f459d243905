/** `crosstalk stats`: counts by label and relationship type, backend, and where the data came from. */
import { Option, type Command } from 'commander';
import { describeDataset } from '../datasets';
import { storeFlags } from '../flags';
import { parseOptions, statsOptions } from '../options';
import { countsTable, out, rel } from '../output';
import { withStore } from '../with-store';

/** Registers `stats` on the program. */
export function register(program: Command): void {
  storeFlags(
    program
      .command('stats')
      .description('counts by label and relationship type, backend, and where the data came from')
      .addOption(
        new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'),
      ),
  ).action(async (raw: unknown) => {
    const opts = parseOptions(statsOptions, raw);
    await withStore(opts, async (store) => {
      const stats = await store.stats();
      if (opts.format === 'json') return out(JSON.stringify(stats, null, 2));
      out(`backend: ${stats.backend} (${stats.engineVersion}) at ${rel(stats.location)}`);
      if (stats.manifest) {
        out(
          `loaded ${stats.manifest.loadedAt} from ${rel(stats.manifest.dataDir)} by ${stats.manifest.engineVersion}`,
        );
        out(describeDataset(stats.manifest.dataDir, rel));
      }
      out(countsTable(stats.counts));
    });
  });
}
