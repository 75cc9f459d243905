// Runs the project's TypeScript in plain Node, fast: in-thread module hooks (module.registerHooks)
// resolve extensionless relative imports to .ts files and load each .ts file as JavaScript compiled
// ahead of time into .cache/js/ (by `npm install`, see scripts/build-js.js). A missing or stale
// compiled file is compiled on the spot with esbuild and written back, so an edit never runs old
// code. Module URLs stay those of the .ts sources, so paths built from import.meta.url still work.
// Also usable as `node --import ./bin/ts-hooks.js file.ts` (forked children, worker threads).
//
// Why not tsx: its hooks run off-thread (module.register) and it loads esbuild on every start;
// `crosstalk --help` spent ~0.2 s of its ~1 s in tsx before any of our code ran (node --cpu-prof).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, enableCompileCache, registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { BUNDLE_ENTRIES, freshBundle } from './bundle.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT_URL = pathToFileURL(ROOT + path.sep).href;
/** Where compiled files go: .cache/js/<path of the source>.js (git-ignored). */
export const JS_CACHE = path.join(ROOT, '.cache', 'js');
const TS = /\.(?:c|m)?tsx?$/;

/** True when Node has the in-thread hooks this loader needs (Node ≥ 22.15). */
export const HOOKS_SUPPORTED = typeof registerHooks === 'function';

/** The compiled twin of a project .ts file. */
export const compiledPath = (file) => path.join(JS_CACHE, path.relative(ROOT, file) + '.js');

let esbuild = null;
/** esbuild options matching tsconfig.json (ES2023, ESM, verbatim type imports). */
export const ESBUILD_OPTIONS = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  sourcemap: 'inline',
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, target: 'ES2023' } },
};

/** Compiles one .ts file into the cache; returns the JavaScript. */
export function compileFile(file) {
  esbuild ??= createRequire(import.meta.url)('esbuild');
  const source = readFileSync(file, 'utf8');
  const { code } = esbuild.transformSync(source, {
    ...ESBUILD_OPTIONS,
    loader: file.endsWith('x') ? 'tsx' : 'ts',
    sourcefile: file,
  });
  const out = compiledPath(file);
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    // Write beside, then rename: processes started together (tests, query workers) may compile the
    // same file at once, and a reader must never see half a file.
    const tmp = `${out}.${process.pid}.${threadId}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, out);
  } catch {
    // A read-only checkout still runs, compiling in memory each time.
  }
  return code;
}

function loadTs(file) {
  const out = compiledPath(file);
  const src = statSync(file, { throwIfNoEntry: false });
  const js = statSync(out, { throwIfNoEntry: false });
  if (src && js && js.mtimeMs >= src.mtimeMs) return readFileSync(out, 'utf8');
  return compileFile(file);
}

const isProjectFile = (url) => url.startsWith(ROOT_URL) && !url.includes('/node_modules/');

/** Main entry points (a forked query worker) that run from their fresh bundle (bin/bundle.js). */
const BUNDLED_MAINS = new Map(BUNDLE_ENTRIES.map((e) => [pathToFileURL(path.join(ROOT, e)).href, e]));

function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent === undefined && !process.env.CROSSTALK_NO_BUNDLE) {
    const entry = BUNDLED_MAINS.get(new URL(specifier, pathToFileURL(process.cwd() + path.sep)).href);
    const bundle = entry && freshBundle(entry);
    if (bundle) return { url: pathToFileURL(bundle).href, format: 'module', shortCircuit: true };
  }
  if (
    parent &&
    isProjectFile(parent) &&
    (specifier.startsWith('./') || specifier.startsWith('../')) &&
    !/\.[cm]?[jt]sx?$|\.json$|\.node$/.test(specifier)
  ) {
    const base = fileURLToPath(new URL(specifier, parent));
    for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
      if (existsSync(candidate))
        return { url: pathToFileURL(candidate).href, format: 'module', shortCircuit: true };
    }
  }
  try {
    return nextResolve(specifier, context);
  } catch (e) {
    // `graphology-layout/random`: a package subpath without extension, which TypeScript's
    // bundler resolution accepts and Node's ESM resolver does not; resolve it as require would.
    const code = e?.code;
    if (
      !parent ||
      !isProjectFile(parent) ||
      (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT')
    )
      throw e;
    const file = createRequire(parent).resolve(specifier);
    return { url: pathToFileURL(file).href, shortCircuit: true };
  }
}

function load(url, context, nextLoad) {
  if (url.startsWith('file:') && isProjectFile(url)) {
    const file = fileURLToPath(url.split('?')[0]);
    if (TS.test(file)) return { format: 'module', source: loadTs(file), shortCircuit: true };
  }
  return nextLoad(url, context);
}

if (HOOKS_SUPPORTED) {
  registerHooks({ resolve, load });
  // V8's code cache for our compiled files and the dependencies (commander, zod, …): later starts
  // skip most of the parse and compile work (Node ≥ 22.1).
  enableCompileCache?.(path.join(ROOT, '.cache', 'node-compile'));
} else {
  // Node 22.13–22.14: no in-thread hooks; tsx does the same job, slower.
  const { register } = await import('tsx/esm/api');
  register();
}
