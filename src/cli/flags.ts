/**
 * The flags several commands share, declared for commander (names, help, defaults, environment);
 * their values are checked by the schemas of options.ts.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
// The URLs alone: the clients load fast-xml-parser and zod schemas (~300 kB bundled) for nothing.
import { OPENALEX_URL, PUBMED_URL } from '../enrich/endpoints';
// The pool's constant, not server/app's alias of it: importing app.ts loads fastify and every route
// (about 40 % of `crosstalk --help`'s start-up, node --cpu-prof).
import {
  DEFAULT_MAX_QUEUED,
  DEFAULT_QUERY_MEMORY_BYTES,
  DEFAULT_QUERY_TIME_LIMIT_MS as DEFAULT_CYPHER_TIMEOUT_MS,
  DEFAULT_QUERY_WORKERS,
} from '../server/query-pool/pool';
import { DEFAULT_ENGINE, ENGINE_NAMES } from '../store/embedded/engine';
import { DEFAULT_DB_DIR, PROJECT_ROOT } from './open-store';

/** Default folder of the fetch response cache (gitignored). */
export const DEFAULT_FETCH_CACHE = path.join(PROJECT_ROOT, '.cache', 'fetch');

/** The package's version, for the User-Agent of fetches. */
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** --openalex-url's default: env OPENALEX_URL, else the real API. */
export const openalexUrlDefault = (): string => process.env.OPENALEX_URL || OPENALEX_URL;
/** --pubmed-url's default: env PUBMED_URL, else the real E-utilities. */
export const pubmedUrlDefault = (): string => process.env.PUBMED_URL || PUBMED_URL;

/** --engine: the embedded engine (Kuzu by default; LadybugDB is its maintained fork). */
export const engineOption = (): Option =>
  new Option('--engine <engine>', 'embedded engine (databases of one engine need a re-ingest for the other)')
    .choices(ENGINE_NAMES)
    .env('CROSSTALK_ENGINE')
    .default(DEFAULT_ENGINE);

/** --store, --db, --engine and the Neo4j connection flags. */
export function storeFlags(cmd: Command): Command {
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

/** --allowed-host: repeatable; each value may also be a comma-separated list. */
export const allowedHostOption = (): Option =>
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

/** The flags of `serve` and `start`: address, UI, limits of the network and of user queries, fetch jobs. */
export function serveFlags(cmd: Command): Command {
  const flags = cmd
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
    );
  return fetchJobFlags(flags);
}

/**
 * The fetch-job flags, the same on every command that starts a server (serve, start, dev): who may
 * fetch, and how the jobs ask OpenAlex and PubMed (as `crosstalk fetch` does).
 */
export function fetchJobFlags(cmd: Command): Command {
  return cmd
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
    .option('--openalex-url <url>', 'OpenAlex API base URL (env OPENALEX_URL)', openalexUrlDefault())
    .option('--pubmed-url <url>', 'E-utilities base URL (env PUBMED_URL)', pubmedUrlDefault())
    .option(
      '--fetch-cache <dir>',
      'response cache of fetch jobs (shared with crosstalk fetch)',
      DEFAULT_FETCH_CACHE,
    )
    .option('--no-fetch-cache', 'fetch jobs neither read nor write the response cache')
    .option('--fetch-max <n>', 'most works one fetch job adds besides its work', '2000');
}
