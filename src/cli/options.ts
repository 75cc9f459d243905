/**
 * The command line's options, validated in one place by zod: what commander hands a command's
 * action (strings, booleans, lists) becomes typed settings, or a UsageError (exit code 2) whose
 * message names the flag. Commander checks only the shape (choices, a missing value); every value
 * rule lives here, before any store is opened.
 */
import { z } from 'zod';
import { UsageError } from '../model/errors';
import { parseHostPort } from '../server/host-guard';

/** A whole number ≥ `min` from a flag's text. */
const whole = (message: string, min: number) =>
  z
    .string()
    .transform(Number)
    .pipe(z.number({ error: message }).int({ error: message }).min(min, { error: message }));

/** A whole number ≥ `min`, said as such. */
const atLeast = (flag: string, min: number) => whole(`${flag} must be a whole number ≥ ${min}`, min);
/** A positive whole number of milliseconds. */
const millis = (flag: string) => whole(`${flag} must be a positive whole number of milliseconds`, 1);
/** A positive whole number. */
const positive = (flag: string) => whole(`${flag} must be a positive whole number`, 1);
/** A TCP port (0: any free one). */
const port = (flag: string) =>
  whole(`${flag} must be 0–65535`, 0).refine((n) => n <= 65535, { error: `${flag} must be 0–65535` });
/** An http(s) base URL of an outside API. */
const apiUrl = (flag: string) =>
  z.string().refine((url) => /^https?:\/\/[^\s]+$/.test(url), {
    error: (issue) => `${flag} must be an http(s) URL, not "${String(issue.input)}"`,
  });
/** `--allowed-host` values: each a host name or host:port. */
const allowedHosts = z.array(z.string()).superRefine((values, ctx) => {
  const bad = values.find((v) => !parseHostPort(v));
  if (bad !== undefined)
    ctx.addIssue({
      code: 'custom',
      message: `--allowed-host must be a host name or host:port, not "${bad}"`,
    });
});
const text = z.string().optional();

/** --store, --db, --engine and the Neo4j connection flags (see open-store.ts). */
const storeFields = {
  store: z.string(),
  db: z.string(),
  engine: text,
  neo4jUri: text,
  neo4jUser: text,
  neo4jPassword: text,
  neo4jDatabase: text,
};

/** Flags of `crosstalk ingest`. */
export const ingestOptions = z.object({ ...storeFields, data: z.string(), seed: z.string() });

/** Flags of `crosstalk stats`. */
export const statsOptions = z.object({ ...storeFields, format: z.enum(['table', 'json']) });

/** Flags of `crosstalk query` (the --param values are parsed by format.ts's parseParams). */
export const queryOptions = z.object({
  ...storeFields,
  format: z.enum(['table', 'json', 'csv']),
  param: z.array(z.string()),
  timeout: millis('--timeout'),
  maxRows: positive('--max-rows'),
});

/** Flags of `crosstalk fetch`. */
export const fetchOptions = z.object({
  doi: text,
  pmid: text,
  refs: z.boolean().optional(),
  citedBy: z.boolean().optional(),
  depth: z.enum(['1', '2']).transform((d) => Number(d) as 1 | 2),
  max: atLeast('--max', 0),
  timeout: millis('--timeout'),
  openalexUrl: apiUrl('--openalex-url'),
  pubmedUrl: apiUrl('--pubmed-url'),
  pubmed: z.boolean().optional(),
  mailto: text,
  apiKey: text,
  ncbiApiKey: text,
  out: z.string(),
  cache: z.union([z.string(), z.literal(false)]),
  dryRun: z.boolean().optional(),
});

/** The fetch-job flags of every command that starts a server (flags.ts fetchJobFlags). */
const fetchJobFields = {
  openalexUrl: apiUrl('--openalex-url'),
  pubmedUrl: apiUrl('--pubmed-url'),
  fetchMax: atLeast('--fetch-max', 0),
  /** --allow-fetch / --no-fetch and how the server's fetch jobs ask the APIs. */
  allowFetch: z.boolean().optional(),
  fetch: z.boolean(),
  fetchPubmed: z.boolean(),
  mailto: text,
  apiKey: text,
  ncbiApiKey: text,
  fetchCache: z.union([z.string(), z.literal(false)]),
};

/** Flags of `crosstalk serve` (and `start`), in the order they are checked. */
export const serveOptions = z.object({
  ...storeFields,
  host: z.string(),
  port: port('--port'),
  maxNodes: positive('--max-nodes'),
  maxEdges: positive('--max-edges'),
  queryTimeout: millis('--query-timeout'),
  queryWorkers: atLeast('--query-workers', 1),
  queryMemory: atLeast('--query-memory', 64),
  queryQueue: atLeast('--query-queue', 0),
  ui: z.boolean(),
  log: z.boolean(),
  allowedHost: allowedHosts,
  ...fetchJobFields,
});

/** Flags of `crosstalk start`: those of serve, and the dataset. */
export const startOptions = serveOptions.extend({ data: text });

/** Flags of `crosstalk dev`. */
export const devOptions = z.object({
  db: z.string(),
  engine: z.string(),
  port: port('--port'),
  apiPort: port('--api-port'),
  allowedHost: allowedHosts,
  ...fetchJobFields,
});

/** Settings of a command, as its schema gives them. */
export type IngestOptions = z.output<typeof ingestOptions>;
export type StatsOptions = z.output<typeof statsOptions>;
export type QueryOptions = z.output<typeof queryOptions>;
export type FetchOptions = z.output<typeof fetchOptions>;
export type ServeOptions = z.output<typeof serveOptions>;
export type StartOptions = z.output<typeof startOptions>;
export type DevOptions = z.output<typeof devOptions>;
/** The fetch-job settings of a server-starting command (serve, start, dev). */
export type FetchJobOptions = z.output<z.ZodObject<typeof fetchJobFields>>;

/**
 * Validates what commander parsed against a command's schema.
 * @throws UsageError with the message of the first rule broken.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new UsageError(issue ? issue.message : 'invalid options');
}
