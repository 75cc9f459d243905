/**
 * The `crosstalk` command line: ingest the dataset, query the graph with Cypher, show stats.
 * Exit codes: 0 ok, 1 runtime failure, 2 bad usage or invalid data.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS, formatRows, parseParams, type Format } from '../src/cli/format';
import { DEFAULT_DATA_DIR, DEFAULT_DB_DIR, openStore, type StoreOptions } from '../src/cli/open-store';
import { progressReporter } from '../src/cli/progress';
import { hashDataset, ingest } from '../src/ingest/ingest';
import { CrosstalkError, ValidationError, formatIssue, errorMessage, UsageError } from '../src/model/errors';
import { NODE_LABELS, REL_TYPES, type GraphCounts } from '../src/model/graph-schema';
import { EmbeddedStore } from '../src/store/embedded/embedded-store';
import type { GraphStore } from '../src/store/graph-store';

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
const err = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
/** A path as the user would type it: relative when inside the working directory. */
const rel = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? path.resolve(p) : r;
};

function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--store <backend>', 'graph store backend')
        .choices(['embedded', 'neo4j'])
        .default('embedded'),
    )
    .option('--db <dir>', 'embedded database folder (env CROSSTALK_DB)', DEFAULT_DB_DIR);
}

function countsTable(counts: GraphCounts): string {
  const rows = [
    ...NODE_LABELS.map((l) => ({ kind: 'node', name: l, count: counts.nodes[l] })),
    ...REL_TYPES.map((t) => ({ kind: 'relationship', name: t, count: counts.rels[t] })),
  ];
  return formatRows(['kind', 'name', 'count'], rows, 'table');
}

async function withStore<T>(opts: StoreOptions, fn: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = openStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function runIngest(
  opts: StoreOptions & { data: string; seed: string; quiet?: boolean },
): Promise<void> {
  await withStore(opts, async (store) => {
    const started = performance.now();
    const progress = progressReporter('ingest');
    try {
      const { prepared } = await ingest(opts.data, store, { seed: opts.seed, onProgress: progress.listener });
      progress.stop();
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      err(`Loaded ${rel(opts.data)} into the ${store.backend} store at ${rel(opts.db)} in ${secs} s.`);
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

const program = new Command()
  .name('crosstalk')
  .description(
    'Knowledge graph of the bone–muscle–fat crosstalk literature (Kirk et al. 2025 and around it).',
  )
  .showHelpAfterError()
  .exitOverride();

storeOptions(
  program
    .command('ingest')
    .description('validate the dataset, then load it into the graph store (replacing what is there)')
    .option('--data <dir>', 'dataset folder', DEFAULT_DATA_DIR)
    .option('--seed <seed>', 'seed for layout and communities', 'crosstalk-kg'),
).action(async (opts: StoreOptions & { data: string; seed: string }) => {
  await runIngest(opts);
});

storeOptions(
  program
    .command('query')
    .description('run one read-only Cypher query')
    .argument('<cypher>', 'the Cypher query, e.g. "MATCH (w:Work) RETURN count(w) AS n"')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option(
      '--param <name=value>',
      'query parameter, referenced as $name; repeatable; JSON values are parsed',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--timeout <ms>', 'time limit in milliseconds', '10000')
    .option('--max-rows <n>', 'row cap', '10000'),
).action(
  async (
    cypher: string,
    opts: StoreOptions & { format: Format; param: string[]; timeout: string; maxRows: string },
  ) => {
    let params: Record<string, unknown>;
    try {
      params = parseParams(opts.param);
    } catch (e: unknown) {
      throw new UsageError(errorMessage(e));
    }
    const timeoutMs = Number(opts.timeout);
    const maxRows = Number(opts.maxRows);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
      throw new UsageError('--timeout must be a positive whole number of milliseconds');
    if (!Number.isInteger(maxRows) || maxRows <= 0)
      throw new UsageError('--max-rows must be a positive whole number');
    await withStore(opts, async (store) => {
      const result = await store.query(cypher, { params, timeoutMs, maxRows });
      out(formatRows(result.columns, result.rows, opts.format));
      if (opts.format !== 'json') {
        err(
          `${result.rows.length} row(s)${result.truncated ? ` (truncated at ${maxRows})` : ''}, ${result.timeMs.toFixed(0)} ms`,
        );
      } else if (result.truncated) err(`truncated at ${maxRows} rows`);
    });
  },
);

storeOptions(
  program
    .command('stats')
    .description('counts by label and relationship type, backend, and where the data came from')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')),
).action(async (opts: StoreOptions & { format: 'table' | 'json' }) => {
  await withStore(opts, async (store) => {
    const stats = await store.stats();
    if (opts.format === 'json') return out(JSON.stringify(stats, null, 2));
    out(`backend: ${stats.backend} (${stats.engineVersion}) at ${rel(stats.location)}`);
    if (stats.manifest) out(`loaded ${stats.manifest.loadedAt} from ${rel(stats.manifest.dataDir)}`);
    out(countsTable(stats.counts));
  });
});

storeOptions(
  program
    .command('start')
    .description(
      'ingest the bundled dataset if the database is missing or older than the data, then say how to use it',
    )
    .option('--data <dir>', 'dataset folder', DEFAULT_DATA_DIR),
).action(async (opts: StoreOptions & { data: string }) => {
  if (opts.store !== 'embedded') throw new UsageError('start supports --store embedded for now');
  const store = new EmbeddedStore(opts.db);
  const manifest = await store.manifest();
  const hash = await hashDataset(opts.data);
  if (!store.exists() || manifest?.dataHash !== hash) {
    err(
      store.exists()
        ? 'The dataset changed since the last ingest; re-ingesting.'
        : 'No database yet; ingesting the bundled dataset.',
    );
    await runIngest({ ...opts, seed: 'crosstalk-kg', quiet: true });
  }
  const stats = await store.stats();
  await store.close();
  out(
    `The graph is in ${rel(opts.db)}: ${stats.counts.nodes.Work} works, ${stats.counts.nodes.Concept} concepts, ${stats.counts.rels.CITES} citations, ${stats.counts.rels.MENTIONS} concept mentions.`,
  );
  out('Query it with Cypher, for example:');
  out('  npx crosstalk query "MATCH (r:Work {isReview: true})-[:CITES]->(w:Work) RETURN w.title, w.year"');
  out('  npx crosstalk stats');
  out('The web explorer is not built yet; see the README.');
});

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e: unknown) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ValidationError) {
      err(`error: invalid data: ${e.issues.length} problem(s); nothing was written.`);
      for (const issue of e.issues.slice(0, 20)) err(`  ${formatIssue(issue)}`);
      if (e.issues.length > 20) err(`  … and ${e.issues.length - 20} more`);
      return 2;
    }
    if (e instanceof CrosstalkError) {
      err(`error: ${e.message}`);
      // A query the engine rejects (syntax, unknown label, a write) is bad usage; a timeout is not.
      return e.code === 'USAGE' || e.code === 'QUERY' || e.code === 'READ_ONLY' ? 2 : 1;
    }
    err(`error: ${errorMessage(e)}`);
    if (process.env.CROSSTALK_DEBUG) console.error(e);
    return 1;
  }
}

process.exitCode = await main(process.argv);
