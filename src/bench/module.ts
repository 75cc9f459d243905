/**
 * How a feature adds its own measurements to `npm run bench`: a {@link BenchModule}, listed in
 * src/bench/modules.ts. The runner calls it for every dataset and engine, with the real server of
 * that dataset running.
 */
import type { EngineName } from '../store/embedded/engine';
import type { ApiRow, DatasetInfo, MetricRow } from './report';
import type { Endpoint } from './server-bench';

/** What a module gets for one dataset on one engine. */
export interface BenchContext {
  dataset: DatasetInfo;
  /** The dataset's folder (graph/ for the bundled one, a synthetic one under --work). */
  dataDir: string;
  /** The running server, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  serverUrl: string;
  engine: EngineName;
  /** A --quick run (CI smoke test): keep the module's own runs short. */
  quick: boolean;
  /** Whether the module may open headless Chromium (not with --no-browser; first engine only). */
  browser?: boolean;
  /** Scratch folder of the run (--work). */
  workDir: string;
  /** Loads one endpoint with autocannon for the run's duration (the API table's measurement). */
  load: (ep: Endpoint, connections: number) => Promise<Omit<ApiRow, 'dataset'>>;
  log: (line: string) => void;
}

/** A feature's measurements. Both parts are optional. */
export interface BenchModule {
  /** Short name, shown in the report's metrics table. */
  name: string;
  /** Endpoints measured like the built-in ones (1 and 32 clients, in the API table). */
  endpoints?: (dataset: DatasetInfo) => Endpoint[] | Promise<Endpoint[]>;
  /** Anything else (a job's duration, a cold start …), as named figures with units. */
  measure?: (ctx: BenchContext) => Promise<Omit<MetricRow, 'dataset' | 'module' | 'engine'>[]>;
}
