/** `crosstalk dev`: the API server plus the Vite dev server with hot reload (embedded store). */
import path from 'node:path';
import type { Command } from 'commander';
import { allowedHostOption, engineOption, fetchJobFlags } from '../flags';
import { DEFAULT_DB_DIR, PROJECT_ROOT, openStore } from '../open-store';
import { devOptions, parseOptions } from '../options';
import { out } from '../output';
import { fetchServerOptions } from './serve';

/** Registers `dev` on the program. */
export function register(program: Command): void {
  // The API server takes the fetch-job flags of serve and start (it runs the same fetch jobs).
  fetchJobFlags(
    program
      .command('dev')
      .description('development: the API server plus the Vite dev server with hot reload')
      .option('--db <dir>', 'embedded database folder (env CROSSTALK_DB)', DEFAULT_DB_DIR)
      .addOption(engineOption())
      .option('--port <port>', 'port of the Vite dev server', '5173')
      .option('--api-port <port>', 'port of the API server', process.env.CROSSTALK_API_PORT ?? '5174')
      .addOption(allowedHostOption()),
  ).action(async (raw: unknown) => {
    const opts = parseOptions(devOptions, raw);
    process.env.CROSSTALK_API_PORT = String(opts.apiPort);
    const store = await openStore({ store: 'embedded', db: opts.db, engine: opts.engine });
    await store.stats();
    const { serve } = await import('../../server/serve');
    const api = await serve({
      store,
      host: '127.0.0.1',
      port: opts.apiPort,
      uiDir: null,
      queriesDir: path.join(PROJECT_ROOT, 'graph', 'queries'),
      // Vite's proxy sends the API's own Host (changeOrigin) but the page's Origin: the dev server's.
      allowedHosts: [`127.0.0.1:${opts.port}`, `localhost:${opts.port}`, ...opts.allowedHost],
      fetch: fetchServerOptions(opts),
    });
    const { createServer } = await import('vite');
    const vite = await createServer({
      root: PROJECT_ROOT,
      server: { port: opts.port, strictPort: true },
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
}
