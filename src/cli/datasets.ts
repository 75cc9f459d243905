/**
 * Which dataset a command reads and where fetched data goes: the bundled `graph/` stays as shipped;
 * fetches merge into the user dataset (default `.data/dataset`, env CROSSTALK_DATASET), created as a
 * copy of `graph/` on the first fetch; `start` serves the user dataset when it exists.
 */
import path from 'node:path';
import type { DatasetLocations } from '../server/jobs/user-dataset';
import { userDatasetExists } from '../server/jobs/user-dataset';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from './open-store';

/** The user dataset folder (fetched data goes here). */
export const USER_DATA_DIR = process.env.CROSSTALK_DATASET
  ? path.resolve(process.env.CROSSTALK_DATASET)
  : path.join(PROJECT_ROOT, '.data', 'dataset');

/** The bundled and the user dataset. */
export const DATASET_LOCATIONS: DatasetLocations = {
  bundled: DEFAULT_DATA_DIR,
  user: USER_DATA_DIR,
  root: PROJECT_ROOT,
};

/** The dataset `start` serves unless `--data` says otherwise: the user dataset when it exists. */
export function defaultServedDataset(): string {
  return userDatasetExists(DATASET_LOCATIONS) ? USER_DATA_DIR : DEFAULT_DATA_DIR;
}

/** One line naming a loaded dataset folder and how to switch, for `start` and `stats`. */
export function describeDataset(dataDir: string, rel: (p: string) => string): string {
  const d = path.resolve(dataDir);
  if (d === path.resolve(USER_DATA_DIR)) {
    return `dataset: ${rel(d)} (your dataset, with what was fetched); \`npm start -- --data graph\` serves the bundled one, deleting ${rel(d)} drops what was fetched`;
  }
  if (d === path.resolve(DEFAULT_DATA_DIR)) {
    return `dataset: ${rel(d)} (the bundled dataset); fetches go to ${rel(USER_DATA_DIR)}, which \`npm start\` then serves`;
  }
  return `dataset: ${rel(d)}`;
}
