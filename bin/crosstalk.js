#!/usr/bin/env node
// Runs the TypeScript CLI, so `npm install` is all a fresh clone needs. By default through the
// project's own in-thread hooks (bin/ts-hooks.js: JavaScript compiled at install into .cache/js,
// recompiled per file when a source is newer); through tsx when Node lacks module.registerHooks
// (before 22.15) or CROSSTALK_LOADER=tsx asks for it (the benchmark's baseline).
import { registerHooks } from 'node:module';

if (process.env.CROSSTALK_LOADER === 'tsx' || typeof registerHooks !== 'function') {
  const { register } = await import('tsx/esm/api');
  register();
} else {
  await import('./ts-hooks.js');
}
await import(new URL('../scripts/crosstalk.ts', import.meta.url).href);
