/** Builds the web UI with Vite when the built files are missing or older than their sources. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, UI_DIR } from './open-store';

/** Files and folders the UI bundle is built from. */
const UI_SOURCES = ['index.html', 'vite.config.ts', 'package-lock.json', 'src/ui', 'src/model'];

async function newestMtime(p: string): Promise<number> {
  const s = await stat(p).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(p);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(p, e))));
  return Math.max(s.mtimeMs, ...times);
}

/** True when dist/index.html is missing or older than any UI source. */
export async function uiNeedsBuild(): Promise<boolean> {
  const built = await stat(path.join(UI_DIR, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(UI_SOURCES.map((s) => newestMtime(path.join(PROJECT_ROOT, s))));
  return Math.max(...sources) > built.mtimeMs;
}

/** Builds the UI into dist/ (or `outDir`). */
export async function buildUi(outDir: string = UI_DIR): Promise<void> {
  const { build } = await import('vite');
  // The same production bundle users get, also when called from a test runner (NODE_ENV=test).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: PROJECT_ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
