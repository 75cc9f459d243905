/**
 * Writes a merged dataset back to its folder without risking it: the new files are written to a
 * staging folder next to it, the staged dataset is validated whole with the same reader `ingest`
 * uses, the originals are checked to be unchanged since they were read, and only then is each file
 * renamed over its original (works before citations, so every intermediate state is valid: works
 * only grow). Records that did not change keep their line exactly as it was.
 */
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrosstalkError, ValidationError } from '../model/errors';
import { WORK_FIELD_ORDER } from '../model/records';
import { DATASET_FILES, readDataset } from '../ingest/read-dataset';

/**
 * JSON with the spacing of the bundled files (`{"a": 1, "b": [2, 3]}`, UTF-8 kept), so a fetched
 * record looks like its neighbours.
 */
export function toJsonLine(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => toJsonLine(v)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${toJsonLine(v)}`).join(', ')}}`;
}

/** A work record with its fields in the documented order. */
export function orderWorkFields<T extends object>(record: T): T {
  const entries = Object.entries(record);
  const rank = (k: string): number => {
    const i = (WORK_FIELD_ORDER as readonly string[]).indexOf(k);
    return i < 0 ? WORK_FIELD_ORDER.length : i;
  };
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))) as T;
}

/** One JSONL file to write: the original text, and for each output line either an original line number or new JSON. */
export interface FilePlan {
  name: (typeof DATASET_FILES)['works' | 'citations'];
  /** Output lines: a number is a line of the original file (1-based), a string is new content. */
  lines: (number | string)[];
}

/**
 * Writes `plans` into `dir` safely (see the module comment).
 * @param originals the text of each planned file as it was read before the fetch.
 * @throws ValidationError when the merged dataset would be invalid (nothing is written);
 *   CrosstalkError when a file changed on disk during the fetch (nothing is written).
 */
export async function writeDataset(
  dir: string,
  plans: readonly FilePlan[],
  originals: ReadonlyMap<string, string>,
): Promise<void> {
  const stage = await mkdtemp(path.join(path.dirname(path.resolve(dir)), `.${path.basename(dir)}.fetch-`));
  try {
    for (const name of Object.values(DATASET_FILES)) {
      const plan = plans.find((p) => p.name === name);
      if (!plan) {
        await copyFile(path.join(dir, name), path.join(stage, name));
        continue;
      }
      const original = (originals.get(name) ?? '').split('\n');
      const text = plan.lines.map((l) => (typeof l === 'number' ? (original[l - 1] ?? '') : l)).join('\n');
      await writeFile(path.join(stage, name), text.length > 0 ? `${text}\n` : '', 'utf8');
    }
    try {
      await readDataset(stage);
    } catch (e: unknown) {
      if (e instanceof ValidationError) {
        // Point at the files the user knows, not the staging folder.
        throw new ValidationError(
          e.issues.map((i) => ({ ...i, file: path.join(dir, path.basename(i.file)) + ' (merged)' })),
        );
      }
      throw e;
    }
    for (const plan of plans) {
      const now = await readFile(path.join(dir, plan.name), 'utf8');
      if (now !== originals.get(plan.name)) {
        throw new CrosstalkError(
          'FETCH',
          `${path.join(dir, plan.name)} changed while fetching; nothing was written. Run the command again (the responses are cached).`,
        );
      }
    }
    for (const name of [DATASET_FILES.works, DATASET_FILES.citations]) {
      if (plans.some((p) => p.name === name)) await rename(path.join(stage, name), path.join(dir, name));
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
