/** Where the benchmark finds the project, and how it logs (stderr: stdout stays free for results). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled dataset. */
export const BUNDLED = path.join(ROOT, 'graph');
/** One progress line on stderr. */
export const log = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);
