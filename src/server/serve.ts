/** Starts the HTTP server and shuts it down cleanly on SIGINT/SIGTERM. */
import type { GraphStore } from '../store/graph-store';
import { buildServer, type ServerOptions } from './app';

/** Options of {@link serve}. */
export interface ServeOptions {
  store: GraphStore;
  host: string;
  port: number;
  /** More names (`name` or `name:port`) the server may be addressed by; see ServerOptions.allowedHosts. */
  allowedHosts?: readonly string[];
  uiDir: string | null;
  /** Folder of the example query library. */
  queriesDir?: string | null;
  maxNetworkNodes?: number;
  maxNetworkEdges?: number;
  logger?: boolean;
  /** Build the network and search index in the background at start (default true). */
  warm?: boolean;
  /** Time limit of a POST /api/cypher query in milliseconds. */
  queryTimeoutMs?: number;
  /** Query worker processes, their memory cap, the queue: see ServerOptions. */
  queryWorkers?: number;
  queryMemoryBytes?: number;
  queryQueue?: number;
  queryQueueWaitMs?: number;
  queryMaxResultBytes?: number;
  /** Datasets and fetch jobs: see ServerOptions.fetch. */
  fetch?: ServerOptions['fetch'];
}

/** A running server. */
export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Listens on host:port. The store and the query workers (started by buildServer) are closed when
 * the server closes.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const app = await buildServer({ warm: true, ...options });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await app.close();
      await options.store.close();
    })());
  return { url: `http://${host}:${port}/`, close };
}
