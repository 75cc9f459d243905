/** Starts the HTTP server and shuts it down cleanly on SIGINT/SIGTERM. */
import { buildServer, type ServerOptions } from './app';

/**
 * Options of {@link serve}: those of buildServer (see {@link ServerOptions}), with the address to
 * listen on and the UI folder required; `warm` defaults to true here.
 */
export type ServeOptions = Omit<ServerOptions, 'host' | 'uiDir'> & {
  host: string;
  port: number;
  uiDir: string | null;
};

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
