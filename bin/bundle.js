// One-file bundles of the command line's entry points, built by esbuild at `npm install`
// (scripts/install-build.js) into .cache/bundle/ (git-ignored), so a command parses one file
// instead of resolving, stat-ing and reading ~45 project modules and ~150 files of its small
// dependencies. Measured (node --cpu-prof, process.cpuUsage): zod alone costs ~80 ms of CPU to
// import as its 95 files and ~25 ms as one bundled file.
//
// What is bundled: the project's TypeScript reached from the entry, and the few pure-JavaScript
// packages on the hot path of `--help`, `stats` and `query` (BUNDLED_PACKAGES). Every other
// package stays an ordinary import, resolved at run time (kuzu is native, vite and fastify are
// big and only `start`/`serve` need them). `import.meta.url` in a project file is replaced by
// the URL of its .ts source, so paths built from it (the project root, the query worker's file,
// createRequire) mean what they mean unbundled.
//
// A bundle is used only while it is fresh: same project folder, and no input (source or bundled
// package file) newer than the bundle. Otherwise bin/ts-hooks.js runs the sources file by file
// (compiling what changed), as before, and the bundle is rebuilt in the background.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the bundles go (git-ignored). */
export const BUNDLE_DIR = path.join(ROOT, '.cache', 'bundle');

/** The entry points that get a bundle: the CLI and the query worker that `crosstalk query` forks. */
export const BUNDLE_ENTRIES = ['scripts/crosstalk.ts', 'src/server/query-pool/query-worker.ts'];

/**
 * Packages bundled into the file (with what they import): pure JavaScript, no files read beside
 * their code, on the start-up path of every command. Anything else is left to Node at run time.
 */
const BUNDLED_PACKAGES = new Set([
  'commander',
  'zod',
  'cli-table3',
  'cli-progress',
  'fast-xml-parser',
  'yaml',
]);

/** Names the current build: { format, root, build, builtAt, inputs, outputs }. */
const META = path.join(BUNDLE_DIR, 'current.json');
/** Builds kept (a long-running server may still import a lazy chunk of the one it started from). */
const KEEP_BUILDS = 10;

/** The package name of a bare import specifier ('@a/b/c' → '@a/b', 'a/b' → 'a'). */
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** The bundled file of an entry point inside a build folder. */
const outputOf = (dir, entry) => path.join(dir, entry.replace(/\.ts$/, '.js'));

/**
 * The bundle of `entry` (a path relative to the project root) when it is fresh, else null.
 * Costs one stat per input (~350 for the CLI, about a millisecond).
 */
export function freshBundle(entry) {
  try {
    const meta = JSON.parse(readFileSync(META, 'utf8'));
    if (meta.format !== 2 || meta.root !== ROOT || !BUNDLE_ENTRIES.includes(entry)) return null;
    for (const input of meta.inputs) {
      const s = statSync(path.join(ROOT, input), { throwIfNoEntry: false });
      if (!s || s.mtimeMs > meta.builtAt) return null;
    }
    const out = outputOf(path.join(BUNDLE_DIR, meta.build), entry);
    return statSync(out, { throwIfNoEntry: false }) ? out : null;
  } catch {
    return null;
  }
}

/** esbuild plugin: bare imports outside BUNDLED_PACKAGES stay imports; import.meta.url → source URL. */
const plugin = {
  name: 'crosstalk-bundle',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      // Inside a bundled package everything it imports is bundled; from project code only the
      // listed packages are.
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return BUNDLED_PACKAGES.has(packageOf(args.path)) ? undefined : { external: true };
    });
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Builds the bundles of every entry point; resolves to the number of milliseconds it took. */
export async function buildBundles() {
  const started = performance.now();
  // Inputs saved after this moment make the build stale (they may have been read before the save).
  const builtAt = Date.now();
  const esbuild = createRequire(import.meta.url)('esbuild');
  const build = `build-${builtAt}-${process.pid}`;
  const dir = path.join(BUNDLE_DIR, build);
  const result = await esbuild.build({
    entryPoints: BUNDLE_ENTRIES.map((e) => path.join(ROOT, e)),
    outbase: ROOT,
    outdir: dir,
    bundle: true,
    // Code reached only by a dynamic import() (a command's work, the server) goes into chunks of
    // its own, loaded when imported, with the packages it imports: without splitting, esbuild
    // hoists every external import to the top, and `--help` loaded neo4j-driver and fastify.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Bundled CommonJS packages call require(): give each ES module file one.
    banner: {
      js: "import { createRequire as __ctRequire } from 'node:module'; const require = __ctRequire(import.meta.url);",
    },
    // Beside the code, not inline: an inline map doubles what every start reads and decodes.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [plugin],
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, target: 'ES2023' } },
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => path.relative(ROOT, path.resolve(ROOT, p)));
  const tmp = `${META}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ format: 2, root: ROOT, build, builtAt, inputs }));
  renameSync(tmp, META);
  // Older builds beyond the last few go.
  const builds = readdirSync(BUNDLE_DIR)
    .filter((d) => d.startsWith('build-') && d !== build)
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  for (const old of builds.slice(KEEP_BUILDS - 1))
    rmSync(path.join(BUNDLE_DIR, old), { recursive: true, force: true });
  return performance.now() - started;
}

/**
 * Rebuilds the bundles in a detached process (after an edit made them stale), so the command that
 * noticed runs at once from the sources and a later one gets the bundle again.
 */
export function rebuildInBackground() {
  if (process.env.CROSSTALK_NO_BUNDLE) return;
  // One rebuild at a time (tests start many commands at once); a lock older than a minute is
  // left over from a killed build.
  const lock = path.join(BUNDLE_DIR, 'rebuilding');
  try {
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age > 60_000) rmSync(lock, { force: true });
    closeSync(openSync(lock, 'wx'));
  } catch {
    return;
  }
  try {
    // child_process is loaded only here: every start imports this file (through bin/ts-hooks.js,
    // in the CLI and in each query worker), and only a stale bundle needs a spawn (~4 ms to load).
    const { spawn } = createRequire(import.meta.url)('node:child_process');
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, CROSSTALK_NO_BUNDLE: '1' },
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No bundle then: the sources still run.
  }
}

// `node bin/bundle.js`: build the bundles (the background rebuild, or by hand).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildBundles();
  } catch {
    // The sources keep running unbundled.
  } finally {
    rmSync(path.join(BUNDLE_DIR, 'rebuilding'), { force: true });
  }
}
