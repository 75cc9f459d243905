/**
 * The `crosstalk` command line: ingest the dataset, query the graph with Cypher, show stats.
 * Exit codes: 0 ok, 1 runtime failure, 2 bad usage or invalid data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS, formatRows, parseParams, type Format } from '../src/cli/format';
import { buildUi, uiNeedsBuild } from '../src/cli/build-ui';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_DB_DIR,
  PROJECT_ROOT,
  UI_DIR,
  openStore,
  storeLocation,
  type StoreOptions,
} from '../src/cli/open-store';
import { progressReporter } from '../src/cli/progress';
import { DATASET_LOCATIONS, USER_DATA_DIR, defaultServedDataset, describeDataset } from '../src/cli/datasets';
import { ensureUserDataset, recordExpansion, userDatasetExists } from '../src/server/jobs/user-dataset';
import type { FetchServerOptions } from '../src/server/jobs/fetch-options';
import { fetchAndMerge } from '../src/enrich/enrich';
import { OPENALEX_URL } from '../src/enrich/openalex';
import { PUBMED_URL } from '../src/enrich/pubmed';
import { formatSummary } from '../src/enrich/summary';
import { hashDataset, ingest } from '../src/ingest/ingest';
import { CrosstalkError, ValidationError, formatIssue, errorMessage, UsageError } from '../src/model/errors';
import { NODE_LABELS, REL_TYPES, type GraphCounts } from '../src/model/graph-schema';
import type { Row } from '../src/model/values';
import { DEFAULT_CYPHER_TIMEOUT_MS } from '../src/server/app';
import { parseHostPort } from '../src/server/host-guard';
import {
  DEFAULT_MAX_QUEUED,
  DEFAULT_QUERY_MEMORY_BYTES,
  DEFAULT_QUERY_WORKERS,
  QueryPool,
} from '../src/server/query-pool/pool';
import { serve } from '../src/server/serve';
import { EmbeddedStore } from '../src/store/embedded/embedded-store';
import {
  DEFAULT_ENGINE,
  ENGINE_NAMES,
  engineOfManifest,
  parseEngineName,
} from '../src/store/embedded/engine';
import type { GraphStore } from '../src/store/graph-store';
import { checkReadQuery } from '../src/store/query-guard';

/** Default folder of the fetch response cache (gitignored). */
const DEFAULT_FETCH_CACHE = path.join(PROJECT_ROOT, '.cache', 'fetch');
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
const err = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
/** A path as the user would type it: relative inside the working directory; URIs as they are. */
const rel = (p: string): string => {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p;
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? path.resolve(p) : r;
};

/** --engine: the embedded engine (Kuzu by default; LadybugDB is its maintained fork). */
const engineOption = (): Option =>
  new Option('--engine <engine>', 'embedded engine (databases of one engine need a re-ingest for the other)')
    .choices(ENGINE_NAMES)
    .env('CROSSTALK_ENGINE')
    .default(DEFAULT_ENGINE);

function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--store <backend>', 'graph store backend')
        .choices(['embedded', 'neo4j'])
        .default('embedded'),
    )
    .option('--db <dir>', 'embedded database folder (env CROSSTALK_DB)', DEFAULT_DB_DIR)
    .addOption(engineOption())
    .option('--neo4j-uri <uri>', 'Neo4j Bolt URI (env NEO4J_URI, default bolt://127.0.0.1:7687)')
    .option('--neo4j-user <user>', 'Neo4j user (env NEO4J_USER, default neo4j)')
    .option('--neo4j-password <password>', 'Neo4j password (prefer env NEO4J_PASSWORD)')
    .option('--neo4j-database <name>', "Neo4j database (env NEO4J_DATABASE, default: the server's)");
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

interface FetchCliOptions {
  doi?: string;
  pmid?: string;
  refs?: boolean;
  citedBy?: boolean;
  depth: string;
  max: string;
  pubmed?: boolean;
  mailto?: string;
  apiKey?: string;
  ncbiApiKey?: string;
  out: string;
  cache: string | false;
  openalexUrl: string;
  pubmedUrl: string;
  timeout: string;
  dryRun?: boolean;
}

program
  .command('fetch')
  .description(
    'expand a dataset around one work from OpenAlex (references, citing works, abstracts) and PubMed (MeSH, keywords); ' +
      'merges into --out without overwriting anything, then run `crosstalk ingest --data <out>`',
  )
  .option('--doi <doi>', 'the work to start from, e.g. 10.1038/s41574-025-01088-x (or a doi.org link)')
  .option('--pmid <pmid>', 'the work to start from by PubMed id, e.g. 40011751')
  .option('--refs', 'fetch the works it references (default: both --refs and --cited-by)')
  .option('--cited-by', 'fetch the works that cite it (default: both --refs and --cited-by)')
  .addOption(
    new Option('--depth <n>', '1: the work’s neighbours; 2: also the neighbours of those')
      .choices(['1', '2'])
      .default('1'),
  )
  .option('--max <n>', 'fetch at most this many works besides the start', '2000')
  .option(
    '--pubmed',
    'also fetch MeSH headings, keywords and missing abstracts from PubMed E-utilities',
    false,
  )
  .option(
    '--mailto <email>',
    'your e-mail, sent to OpenAlex (mailto) and NCBI (email) (env CROSSTALK_MAILTO)',
  )
  .option('--api-key <key>', 'OpenAlex API key (env OPENALEX_API_KEY); free at openalex.org/settings/api')
  .option('--ncbi-api-key <key>', 'NCBI API key for PubMed, 10 instead of 3 requests/s (env NCBI_API_KEY)')
  .option(
    '--out <dir>',
    'dataset folder to merge into (default: your dataset, env CROSSTALK_DATASET, created as a copy of graph/ on first use)',
    USER_DATA_DIR,
  )
  .option('--cache <dir>', 'response cache; a rerun reads it instead of asking again', DEFAULT_FETCH_CACHE)
  .option('--no-cache', 'neither read nor write the response cache')
  .option(
    '--openalex-url <url>',
    'OpenAlex API base URL (env OPENALEX_URL)',
    process.env.OPENALEX_URL || OPENALEX_URL,
  )
  .option('--pubmed-url <url>', 'E-utilities base URL (env PUBMED_URL)', process.env.PUBMED_URL || PUBMED_URL)
  .option('--timeout <ms>', 'time limit of one request in milliseconds', '30000')
  .option('--dry-run', 'fetch and report, but do not write the dataset', false)
  .addHelpText(
    'after',
    `
Example (the review this graph is built around, then load the result):
  crosstalk fetch --doi 10.1038/s41574-025-01088-x --pubmed --mailto you@lab.org --api-key $OPENALEX_API_KEY
  crosstalk ingest --data graph

Requests are rate-limited (OpenAlex 10/s, PubMed 2.5/s or 9/s with an NCBI key), retried on 429/5xx
with backoff (honouring Retry-After) and cached in --cache, so an interrupted run resumes where it
stopped. Existing records are only filled, never overwritten; the folder is validated before it is
replaced. Exit codes: 0 ok, 1 an API failed (nothing written), 2 bad input or invalid data.`,
  )
  .action(async (opts: FetchCliOptions) => {
    const depth = Number(opts.depth) as 1 | 2;
    const max = Number(opts.max);
    const timeoutMs = Number(opts.timeout);
    if (!Number.isInteger(max) || max < 0) throw new UsageError('--max must be a whole number ≥ 0');
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
      throw new UsageError('--timeout must be a positive whole number of milliseconds');
    for (const [flag, url] of [
      ['--openalex-url', opts.openalexUrl],
      ['--pubmed-url', opts.pubmedUrl],
    ] as const) {
      if (!/^https?:\/\/[^\s]+$/.test(url))
        throw new UsageError(`${flag} must be an http(s) URL, not "${url}"`);
    }
    const both = !opts.refs && !opts.citedBy;
    // Fetched data goes into the user dataset, never silently into the bundled graph/.
    if (path.resolve(opts.out) === path.resolve(USER_DATA_DIR)) {
      if (!opts.dryRun && (await ensureUserDataset(DATASET_LOCATIONS)))
        err(`Created ${rel(USER_DATA_DIR)} as a copy of graph/.`);
      // A dry run writes nothing, not even the copy: it reads the bundled data instead.
      if (opts.dryRun && !userDatasetExists(DATASET_LOCATIONS)) opts.out = DEFAULT_DATA_DIR;
    }
    const progress = progressReporter('fetch');
    try {
      const summary = await fetchAndMerge({
        doi: opts.doi,
        pmid: opts.pmid,
        refs: both || Boolean(opts.refs),
        citedBy: both || Boolean(opts.citedBy),
        depth,
        max,
        pubmed: Boolean(opts.pubmed),
        out: path.resolve(opts.out),
        cacheDir: opts.cache === false ? null : path.resolve(opts.cache),
        openalexUrl: opts.openalexUrl,
        pubmedUrl: opts.pubmedUrl,
        mailto: opts.mailto || process.env.CROSSTALK_MAILTO || undefined,
        apiKey: opts.apiKey || process.env.OPENALEX_API_KEY || undefined,
        ncbiApiKey: opts.ncbiApiKey || process.env.NCBI_API_KEY || undefined,
        timeoutMs,
        product: `crosstalk-kg/${PACKAGE_VERSION}`,
        dryRun: Boolean(opts.dryRun),
        onProgress: progress.listener,
      });
      progress.stop();
      out(formatSummary(summary, rel(opts.out)));
      if (summary.written) {
        await recordExpansion(path.resolve(opts.out), {
          at: new Date().toISOString(),
          seed: summary.seed.id,
          seedTitle: summary.seed.title,
          sources: [opts.openalexUrl, ...(opts.pubmed ? [opts.pubmedUrl] : [])],
          newWorks: summary.merge.newWorks,
          filledWorks: summary.merge.filledWorks,
          newCitations: summary.merge.newCitations,
          by: 'cli',
        });
        err(
          path.resolve(opts.out) === path.resolve(USER_DATA_DIR)
            ? '`npm start` loads it (or run `crosstalk ingest --data ' + rel(opts.out) + '`).'
            : `Run \`crosstalk ingest --data ${rel(opts.out)}\` to load it.`,
        );
      }
    } finally {
      progress.stop();
    }
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
    // The same guard as POST /api/cypher, before the store is even opened.
    checkReadQuery(cypher, params);
    // The query runs in a worker process (a pool of one), as on the server: an engine crash, a
    // runaway parse or memory bomb ends with a clear error and exit code 1, not a segfault here.
    const pool = new QueryPool({
      spec: openStore(opts).spec(),
      size: 1,
      spares: 0,
      timeLimitMs: timeoutMs,
      maxRows,
      maxQueued: 1,
      queueWaitMs: 120_000, // the wait for the worker to start
    });
    try {
      const answer = await pool.run({ cypher, params, graph: false });
      const result = JSON.parse(answer.body.toString('utf8')) as {
        columns: string[];
        rows: Row[];
        timeMs: number;
      };
      out(formatRows(result.columns, result.rows, opts.format));
      const cut = answer.truncated ? `truncated at ${result.rows.length} rows` : '';
      if (opts.format !== 'json') {
        err(`${result.rows.length} row(s)${cut ? ` (${cut})` : ''}, ${result.timeMs.toFixed(0)} ms`);
      } else if (cut) err(cut);
    } finally {
      await pool.close();
    }
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
    if (stats.manifest) {
      out(
        `loaded ${stats.manifest.loadedAt} from ${rel(stats.manifest.dataDir)} by ${stats.manifest.engineVersion}`,
      );
      out(describeDataset(stats.manifest.dataDir, rel));
    }
    out(countsTable(stats.counts));
  });
});

interface ServeCliOptions extends StoreOptions {
  host: string;
  port: string;
  ui: boolean;
  maxNodes: string;
  maxEdges: string;
  log: boolean;
  queryTimeout: string;
  queryWorkers: string;
  queryMemory: string;
  queryQueue: string;
  allowedHost: string[];
  /** --allow-fetch / --no-fetch and how the server's fetch jobs ask the APIs (see fetchServerOptions). */
  allowFetch?: boolean;
  fetch: boolean;
  fetchPubmed: boolean;
  mailto?: string;
  apiKey?: string;
  ncbiApiKey?: string;
  openalexUrl: string;
  pubmedUrl: string;
  fetchCache: string | false;
  fetchMax: string;
}

/** --allowed-host: repeatable; each value may also be a comma-separated list. */
const allowedHostOption = (): Option =>
  new Option(
    '--allowed-host <name>',
    'another name the server may be addressed by (e.g. a reverse proxy, name or name:port); repeatable',
  )
    .argParser((v: string, prev: string[] | undefined) => [
      ...(prev ?? []),
      ...v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ])
    .default([] as string[]);

/** Checks --allowed-host values before the server starts. */
function allowedHostsOf(values: readonly string[]): string[] {
  for (const v of values) {
    if (!parseHostPort(v))
      throw new UsageError(`--allowed-host must be a host name or host:port, not "${v}"`);
  }
  return [...values];
}

function serveOptions(cmd: Command): Command {
  return cmd
    .option('--host <host>', 'interface to bind (keep 127.0.0.1 unless you mean to share)', '127.0.0.1')
    .option('--port <port>', 'port (env PORT)', process.env.PORT ?? '5173')
    .option('--no-ui', 'serve the API only')
    .option('--log', 'log every request (JSON lines on stdout)', false)
    .addOption(allowedHostOption())
    .option('--max-nodes <n>', 'above this many nodes /api/graph sends an overview', '5000')
    .option('--max-edges <n>', 'above this many links /api/graph sends only the best-connected ones', '12000')
    .option(
      '--query-timeout <ms>',
      'time limit of a POST /api/cypher query in milliseconds (parse to result; its worker is killed 1 s later)',
      String(DEFAULT_CYPHER_TIMEOUT_MS),
    )
    .option(
      '--query-workers <n>',
      'worker processes for POST /api/cypher: how many queries run at once',
      String(DEFAULT_QUERY_WORKERS),
    )
    .option(
      '--query-memory <MiB>',
      'memory cap of one query worker in MiB (its resident set; killed beyond it)',
      String(DEFAULT_QUERY_MEMORY_BYTES / 1024 / 1024),
    )
    .option(
      '--query-queue <n>',
      'queries that may wait for a free worker (up to 5 s); more get 429 with Retry-After',
      String(DEFAULT_MAX_QUEUED),
    )
    .option(
      '--allow-fetch',
      'let users of a server bound to a non-loopback --host start fetches from OpenAlex/PubMed (on by default on loopback)',
    )
    .option('--no-fetch', 'never fetch from OpenAlex/PubMed from the explorer')
    .option('--no-fetch-pubmed', 'fetch jobs ask OpenAlex only, not PubMed')
    .option(
      '--mailto <email>',
      'your e-mail for fetch jobs, sent to OpenAlex and NCBI (env CROSSTALK_MAILTO; kept in memory)',
    )
    .option('--api-key <key>', 'OpenAlex API key for fetch jobs (env OPENALEX_API_KEY; kept in memory)')
    .option('--ncbi-api-key <key>', 'NCBI API key for fetch jobs (env NCBI_API_KEY; kept in memory)')
    .option(
      '--openalex-url <url>',
      'OpenAlex API base URL (env OPENALEX_URL)',
      process.env.OPENALEX_URL || OPENALEX_URL,
    )
    .option(
      '--pubmed-url <url>',
      'E-utilities base URL (env PUBMED_URL)',
      process.env.PUBMED_URL || PUBMED_URL,
    )
    .option(
      '--fetch-cache <dir>',
      'response cache of fetch jobs (shared with crosstalk fetch)',
      DEFAULT_FETCH_CACHE,
    )
    .option('--no-fetch-cache', 'fetch jobs neither read nor write the response cache')
    .option('--fetch-max <n>', 'most works one fetch job adds besides its work', '2000');
}

/** The server's fetch settings: the same flags, environment and defaults as `crosstalk fetch`. */
function fetchServerOptions(opts: ServeCliOptions): FetchServerOptions {
  for (const [flag, url] of [
    ['--openalex-url', opts.openalexUrl],
    ['--pubmed-url', opts.pubmedUrl],
  ] as const) {
    if (!/^https?:\/\/[^\s]+$/.test(url))
      throw new UsageError(`${flag} must be an http(s) URL, not "${url}"`);
  }
  return {
    allowFetch: Boolean(opts.allowFetch),
    noFetch: opts.fetch === false,
    locations: DATASET_LOCATIONS,
    seed: 'crosstalk-kg',
    settings: {
      openalexUrl: opts.openalexUrl,
      pubmedUrl: opts.pubmedUrl,
      mailto: opts.mailto || process.env.CROSSTALK_MAILTO || undefined,
      apiKey: opts.apiKey || process.env.OPENALEX_API_KEY || undefined,
      ncbiApiKey: opts.ncbiApiKey || process.env.NCBI_API_KEY || undefined,
      cacheDir: opts.fetchCache === false ? null : path.resolve(opts.fetchCache),
      timeoutMs: 30_000,
      max: wholeNumber('--fetch-max', opts.fetchMax, 0),
      pubmed: opts.fetchPubmed !== false,
      product: `crosstalk-kg/${PACKAGE_VERSION}`,
    },
  };
}

/** A whole number ≥ `min` from a flag, or a UsageError naming the flag. */
function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}`);
  return n;
}

/** Runs the server until SIGINT/SIGTERM. */
async function runServer(opts: ServeCliOptions): Promise<void> {
  const port = Number(opts.port);
  const maxNodes = Number(opts.maxNodes);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
  if (!Number.isInteger(maxNodes) || maxNodes < 1)
    throw new UsageError('--max-nodes must be a positive whole number');
  const maxEdges = Number(opts.maxEdges);
  if (!Number.isInteger(maxEdges) || maxEdges < 1)
    throw new UsageError('--max-edges must be a positive whole number');
  const queryTimeoutMs = Number(opts.queryTimeout);
  if (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs <= 0)
    throw new UsageError('--query-timeout must be a positive whole number of milliseconds');
  const queryWorkers = wholeNumber('--query-workers', opts.queryWorkers, 1);
  const queryMemoryBytes = wholeNumber('--query-memory', opts.queryMemory, 64) * 1024 * 1024;
  const queryQueue = wholeNumber('--query-queue', opts.queryQueue, 0);
  const store = openStore(opts);
  await store.stats(); // fail fast, with the store's own message, when there is no database
  const uiDir = opts.ui ? UI_DIR : null;
  if (uiDir && !existsSync(path.join(uiDir, 'index.html'))) {
    err('The web UI is not built (run npm run build); serving the API only.');
  }
  const server = await serve({
    store,
    host: opts.host,
    port,
    uiDir,
    queriesDir: path.join(PROJECT_ROOT, 'graph', 'queries'),
    maxNetworkNodes: maxNodes,
    maxNetworkEdges: maxEdges,
    logger: opts.log,
    queryTimeoutMs,
    queryWorkers,
    queryMemoryBytes,
    queryQueue,
    allowedHosts: allowedHostsOf(opts.allowedHost),
    fetch: fetchServerOptions(opts),
  });
  out(`crosstalk-kg is serving the ${store.backend} graph at ${server.url}`);
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    err(`warning: bound to ${opts.host}; anyone who can reach this machine can read the graph.`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

serveOptions(
  storeOptions(
    program.command('serve').description('serve the explorer and the HTTP API (127.0.0.1 by default)'),
  ),
).action(async (opts: ServeCliOptions) => {
  await runServer(opts);
});

serveOptions(
  storeOptions(
    program
      .command('start')
      .description(
        'ingest the dataset if needed (your dataset .data/dataset when it exists, else the bundled graph/), build the UI if needed, then serve the explorer',
      )
      .option('--data <dir>', 'dataset folder (default: .data/dataset when it exists, else graph)'),
  ),
).action(async (opts: ServeCliOptions & { data?: string }) => {
  opts.data ??= defaultServedDataset();
  err(describeDataset(opts.data, rel));
  if (opts.store === 'embedded') {
    const store = new EmbeddedStore(opts.db, { engine: parseEngineName(opts.engine) });
    const manifest = await store.manifest();
    const hash = await hashDataset(opts.data);
    // A database of the other engine cannot be opened (the storage formats differ): start rebuilds it.
    const writtenBy = manifest ? engineOfManifest(manifest) : null;
    const otherEngine = writtenBy !== null && writtenBy !== store.engine;
    if (!store.exists() || manifest?.dataHash !== hash || otherEngine) {
      err(
        !store.exists()
          ? 'No database yet; ingesting the bundled dataset.'
          : otherEngine
            ? `The database was written by the ${writtenBy} engine; re-ingesting with ${store.engine}.`
            : 'The dataset changed since the last ingest; re-ingesting.',
      );
      await runIngest({ ...opts, data: opts.data, seed: 'crosstalk-kg', quiet: true });
    }
    await store.close();
  } else {
    const { manifest } = await withStore(opts, (store) => store.stats());
    if (manifest?.dataHash !== (await hashDataset(opts.data))) {
      err(
        manifest
          ? 'The dataset changed since the last ingest; re-ingesting.'
          : `No graph in Neo4j at ${storeLocation(opts)} yet; ingesting the bundled dataset.`,
      );
      await runIngest({ ...opts, data: opts.data, seed: 'crosstalk-kg', quiet: true });
    }
  }
  if (opts.ui && (await uiNeedsBuild())) {
    err('Building the web UI…');
    const started = performance.now();
    await buildUi();
    err(`Built the UI in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  await runServer(opts);
});

interface DevCliOptions {
  db: string;
  engine: string;
  port: string;
  apiPort: string;
  allowedHost: string[];
}

program
  .command('dev')
  .description('development: the API server plus the Vite dev server with hot reload')
  .option('--db <dir>', 'embedded database folder (env CROSSTALK_DB)', DEFAULT_DB_DIR)
  .addOption(engineOption())
  .option('--port <port>', 'port of the Vite dev server', '5173')
  .option('--api-port <port>', 'port of the API server', process.env.CROSSTALK_API_PORT ?? '5174')
  .addOption(allowedHostOption())
  .action(async (opts: DevCliOptions) => {
    process.env.CROSSTALK_API_PORT = opts.apiPort;
    const store = openStore({ store: 'embedded', db: opts.db, engine: opts.engine });
    await store.stats();
    const api = await serve({
      store,
      host: '127.0.0.1',
      port: Number(opts.apiPort),
      uiDir: null,
      queriesDir: path.join(PROJECT_ROOT, 'graph', 'queries'),
      // Vite's proxy sends the API's own Host (changeOrigin) but the page's Origin: the dev server's.
      allowedHosts: [`127.0.0.1:${opts.port}`, `localhost:${opts.port}`, ...allowedHostsOf(opts.allowedHost)],
    });
    const { createServer } = await import('vite');
    const vite = await createServer({
      root: PROJECT_ROOT,
      server: { port: Number(opts.port), strictPort: true },
    });
    await vite.listen();
    out(`API at ${api.url} · UI with hot reload at http://127.0.0.1:${opts.port}/`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void Promise.all([vite.close(), api.close()]).then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
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
      // A query the engine rejects (syntax, unknown label, a write) or the guard refuses is bad
      // usage; a timeout is not.
      return e.code === 'USAGE' || e.code === 'QUERY' || e.code === 'READ_ONLY' || e.code === 'REFUSED'
        ? 2
        : 1;
    }
    err(`error: ${errorMessage(e)}`);
    if (process.env.CROSSTALK_DEBUG) console.error(e);
    return 1;
  }
}

process.exitCode = await main(process.argv);
