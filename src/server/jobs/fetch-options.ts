/** What a server needs to run fetch jobs: who may start them, where data goes, how to ask the APIs. */
import type { FetchPermissionFlags } from './fetch-permission';
import type { DatasetLocations } from './user-dataset';

/**
 * How the server asks OpenAlex and PubMed: the same settings as `crosstalk fetch`. The e-mail and
 * keys are kept in memory only: never written to the dataset, the cache or a log.
 */
export interface FetchSettings {
  openalexUrl: string;
  pubmedUrl: string;
  mailto?: string;
  apiKey?: string;
  ncbiApiKey?: string;
  /** Response cache folder (null: none). */
  cacheDir: string | null;
  /** Time limit of one request, in milliseconds. */
  timeoutMs: number;
  /** Most works one job fetches besides its seed. */
  max: number;
  /** Also ask PubMed (MeSH, keywords, abstracts, its citation links). */
  pubmed: boolean;
  /** User-Agent product token, e.g. crosstalk-kg/0.1.0. */
  product: string;
}

/** ServerOptions.fetch. */
export interface FetchServerOptions extends FetchPermissionFlags {
  /** Where the bundled and user datasets live; without it the server cannot fetch. */
  locations: DatasetLocations;
  settings: FetchSettings;
  /** Layout seed of the re-ingest (as `crosstalk ingest --seed`). */
  seed?: string;
}
