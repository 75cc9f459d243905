#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npm install` is all a fresh clone needs.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../scripts/crosstalk.ts', import.meta.url).href);
