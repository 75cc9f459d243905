/** Temporary folders for tests, removed after the run. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The tiny fixture dataset (see test/fixtures/tiny/README.md). */
export const TINY = path.join(ROOT, 'test/fixtures/tiny');
/** The bundled dataset. */
export const BUNDLED = path.join(ROOT, 'graph');

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh empty folder, removed when the test file finishes. */
export async function tempDir(prefix = 'crosstalk-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A writable copy of a dataset folder. */
export async function copyDataset(from: string = TINY): Promise<string> {
  const dir = await tempDir('crosstalk-data-');
  await cp(from, dir, { recursive: true });
  return dir;
}
