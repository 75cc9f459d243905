#!/usr/bin/env node
// Runs the TypeScript CLI, so `npm install` is all a fresh clone needs. By default through the
// project's own in-thread hooks (bin/ts-hooks.js: JavaScript compiled at install into .cache/js,
// recompiled per file when a source is newer), from the one-file bundle of the CLI that the
// install built (bin/bundle.js) while it is fresh; through tsx when Node lacks module.registerHooks
// (before 22.15) or CROSSTALK_LOADER=tsx asks for it (the benchmark's baseline, which also forks
// the query worker as before: only after the CLI has loaded).
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const ENTRY = 'scripts/crosstalk.ts';
if (process.env.CROSSTALK_LOADER === 'tsx' || typeof registerHooks !== 'function') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL(`../${ENTRY}`, import.meta.url).href);
} else {
  // `crosstalk query`: its worker process starts now, beside the CLI's own loading (bin/prefork.js).
  // (Imported only then: other commands do not load child_process for it.)
  let dropWorker = () => undefined;
  if (process.argv[2] === 'query') {
    const { preforkQueryWorker, wantsQueryWorker } = await import('./prefork.js');
    if (wantsQueryWorker(process.argv)) dropWorker = preforkQueryWorker(process.argv);
  }
  try {
    // The hooks also when bundled: they resolve the packages left out of the bundle as the sources
    // would, and the processes the CLI forks use them.
    await import('./ts-hooks.js');
    const { freshBundle, rebuildInBackground } = await import('./bundle.js');
    const bundle = process.env.CROSSTALK_NO_BUNDLE ? null : freshBundle(ENTRY);
    if (bundle) {
      await import(pathToFileURL(bundle).href);
    } else {
      if (!process.env.CROSSTALK_NO_BUNDLE) rebuildInBackground();
      await import(new URL(`../${ENTRY}`, import.meta.url).href);
    }
  } finally {
    dropWorker();
  }
}
