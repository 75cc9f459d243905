// `npm install` step (postinstall): compiles the project's TypeScript for Node into .cache/js (so
// the CLI and the server start without compiling, see bin/ts-hooks.js), bundles the CLI's entry
// points into .cache/bundle (one file to load per command, see bin/bundle.js), loads the dataset into
// the default database when it does not hold it yet, and builds the web UI into dist/ when it is
// missing or older than its sources (so `npm start` only serves). A failure here
// never fails the install: everything also happens on demand, only slower.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (s) => process.stderr.write(`crosstalk install: ${s}\n`);

/** The Node-side TypeScript sources (not the browser's src/ui, not tests). */
function nodeSources() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'target' && p !== path.join(ROOT, 'src', 'ui')) walk(p);
      } else if (/\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const d of ['src', 'scripts', 'neo4j']) walk(path.join(ROOT, d));
  return out;
}

async function compileJs() {
  const started = performance.now();
  const { ESBUILD_OPTIONS, JS_CACHE } = await import('../bin/ts-hooks.js');
  const esbuild = createRequire(import.meta.url)('esbuild');
  const entryPoints = nodeSources();
  await esbuild.build({
    ...ESBUILD_OPTIONS,
    entryPoints,
    outbase: ROOT,
    outdir: JS_CACHE,
    outExtension: { '.js': '.ts.js' },
    bundle: false,
    logLevel: 'warning',
  });
  say(`compiled ${entryPoints.length} TypeScript files in ${Math.round(performance.now() - started)} ms`);
}

async function bundleCli() {
  const { buildBundles } = await import('../bin/bundle.js');
  say(`bundled the command line in ${Math.round(await buildBundles())} ms`);
}

/**
 * Loads the dataset `npm start` would serve into the default database (.data/graph, or
 * CROSSTALK_DB) when that does not hold it yet: the ~4 s of a first ingest happen here, and
 * `npm start` only checks the manifest (it still re-ingests whenever graph/ changes later).
 */
async function ingestIfNeeded() {
  if (process.env.CROSSTALK_SKIP_INGEST) return;
  const started = performance.now();
  await import('../bin/ts-hooks.js');
  const { DEFAULT_DB_DIR } = await import('../src/cli/open-store.ts');
  const { defaultServedDataset } = await import('../src/cli/datasets.ts');
  const { prepareStore } = await import('../src/cli/commands/start.ts');
  const opts = { store: 'embedded', db: DEFAULT_DB_DIR }; // the engine: CROSSTALK_ENGINE, else kuzu
  if (!(await prepareStore(opts, defaultServedDataset()))) return;
  say(
    `loaded the dataset into ${path.relative(ROOT, DEFAULT_DB_DIR) || DEFAULT_DB_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function buildUiIfNeeded() {
  if (process.env.CROSSTALK_SKIP_UI_BUILD) return;
  const started = performance.now();
  await import('../bin/ts-hooks.js');
  const { buildUi, uiNeedsBuild } = await import('../src/cli/build-ui.ts');
  if (!(await uiNeedsBuild())) return;
  await buildUi();
  say(`built the web UI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

for (const [what, step] of [
  ['compiling TypeScript', compileJs],
  ['bundling the command line', bundleCli],
  ['loading the dataset', ingestIfNeeded],
  ['building the UI', buildUiIfNeeded],
]) {
  try {
    await step();
  } catch (e) {
    say(`${what} failed (${e instanceof Error ? e.message : String(e)}); it will happen on demand`);
  }
}
