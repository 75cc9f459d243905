import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Port of the API server that `npm run dev` proxies /api to. */
const API_PORT = Number(process.env.CROSSTALK_API_PORT ?? 5174);

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Cypher editor (~1.1 MB) is its own chunk, loaded only when the console opens.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${API_PORT}` },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The embedded engine is a native addon: run test files in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll gives up after 1 s by default: in CI the browser tests share two cores with the
    // rest of the suite, and a details panel can take longer than that to answer. A poll that
    // succeeds returns at once, so only a real failure waits the whole 5 s.
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Finds or starts a Neo4j for test/contract/neo4j.test.ts (see the file).
    globalSetup: ['./test/support/neo4j-setup.ts'],
  },
});
