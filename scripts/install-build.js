// `npm install` step (postinstall): compiles the project's TypeScript for Node into .cache/js (so
// the CLI and the server start without compiling, see bin/ts-hooks.js), bundles the CLI's entry
// points into .cache/bundle (one file to load per command, see bin/bundle.js), loads the dataset into
// the default database when it does not hold it yet, and builds the web UI into dist/ when it is
// missing or older than its sources (so `npm start` only serves), then starts the server once so the
// first real start finds V8's code cache warm. A failure here
// never fails the install: everything also happens on demand, only slower.
import { spawn } from 'node:child_process';
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

/**
 * Starts the server once, until it serves, and stops it: V8 writes its code cache of every module
 * `npm start` loads (.cache/node-compile, see bin/ts-hooks.js), so the first real start does not
 * compile them (measured: a start with a cold cache takes ~1.3x as long as with a warm one).
 */
async function warmStart() {
  // Skipping the ingest or the UI build means: do not make start do them either.
  const env = process.env;
  if (env.CROSSTALK_SKIP_WARMUP || env.CROSSTALK_SKIP_INGEST || env.CROSSTALK_SKIP_UI_BUILD) return;
  const started = performance.now();
  const bin = path.join(ROOT, 'bin', 'crosstalk.js');
  const args = [bin, 'start', '--port', '0', '--no-fetch'];
  const served = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ok = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const onData = (d) => {
      output += d.toString();
      if (!ok && /serving the \w+ graph at http/.test(output)) {
        ok = true;
        child.kill('SIGTERM'); // a clean exit writes the code cache
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', () => resolve(false));
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(ok);
    });
  });
  if (served) say(`warmed up the start in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  else throw new Error('the server did not start');
}

for (const [what, step] of [
  ['compiling TypeScript', compileJs],
  ['bundling the command line', bundleCli],
  ['loading the dataset', ingestIfNeeded],
  ['building the UI', buildUiIfNeeded],
  ['warming up the start', warmStart],
]) {
  try {
    await step();
  } catch (e) {
    say(`${what} failed (${e instanceof Error ? e.message : String(e)}); it will happen on demand`);
  }
}
