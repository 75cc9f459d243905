/**
 * The Neo4j that test/support/neo4j-setup.ts found or started, as seen from a test file:
 * `const target = inject('neo4j')`, then `await waitForNeo4j(target)` before the first query.
 */
import { readFileSync } from 'node:fs';
import type { Neo4jConfig } from '../../src/store/neo4j/config';

/** Progress of the throwaway Neo4j, written by the globalSetup to `statusFile`. */
export type Neo4jTestStatus =
  | { state: 'starting' }
  | { state: 'ready'; version: string; startMs: number }
  | { state: 'failed'; message: string };

/** Where the Neo4j tests run, or why they are skipped. */
export type Neo4jTestTarget =
  | { kind: 'external' | 'local'; config: Neo4jConfig; statusFile: string | null }
  | { kind: 'skip'; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTestTarget;
  }
}

/**
 * Waits until the throwaway Neo4j is ready (immediately for an external one).
 * @throws Error with Neo4j's output when it failed to start.
 */
export async function waitForNeo4j(target: Neo4jTestTarget, timeoutMs = 300_000): Promise<string> {
  if (target.kind === 'skip') throw new Error(target.reason);
  if (!target.statusFile) return 'external';
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = JSON.parse(readFileSync(target.statusFile, 'utf8')) as Neo4jTestStatus;
    if (s.state === 'ready') return s.version;
    if (s.state === 'failed') throw new Error(`The test Neo4j did not start: ${s.message}`);
    if (Date.now() > until) throw new Error(`The test Neo4j was not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
