/**
 * The user dataset: the folder that fetched data goes into (by default `.data/dataset`), never the
 * bundled `graph/`. It is created as a copy of the bundled dataset on the first expansion, and keeps
 * a small `provenance.json` saying what it was copied from and each expansion (when, around which
 * work, from which API base URLs, what it added). The provenance file is not part of the dataset's
 * hash (see DATASET_FILES) and never holds a credential: URLs are stored without user info, query or
 * fragment.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DatasetExpansion, DatasetFolderKind } from '../../model/api';

/** The provenance file's name inside a dataset folder. */
export const PROVENANCE_FILE = 'provenance.json';

/** Most expansions the provenance file keeps (the oldest are dropped). */
const MAX_EXPANSIONS = 200;

const expansionSchema = z.object({
  at: z.string(),
  seed: z.string(),
  seedTitle: z.string().nullable(),
  sources: z.array(z.string()),
  newWorks: z.number().int().min(0),
  filledWorks: z.number().int().min(0),
  newCitations: z.number().int().min(0),
  by: z.enum(['cli', 'explorer']),
});

const provenanceSchema = z.object({
  format: z.literal(1),
  copiedFrom: z.string().nullable(),
  createdAt: z.string(),
  expansions: z.array(expansionSchema),
});

/** What provenance.json holds. */
export type DatasetProvenance = z.infer<typeof provenanceSchema>;

/** Where the bundled and the user dataset live. */
export interface DatasetLocations {
  /** The bundled dataset (graph/): read-only for fetches. */
  bundled: string;
  /** The user dataset fetches merge into (default .data/dataset). */
  user: string;
  /** The project folder: paths inside it are shown relative to it. */
  root?: string;
}

/** An API base URL without user info, query or fragment: safe to store and show. */
export function publicBaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Whether `dir` is the bundled dataset, the user dataset or another folder. */
export function folderKind(dir: string, locations: DatasetLocations): DatasetFolderKind {
  const d = path.resolve(dir);
  if (d === path.resolve(locations.bundled)) return 'bundled';
  if (d === path.resolve(locations.user)) return 'user';
  return 'other';
}

/** True when the user dataset folder holds a dataset. */
export function userDatasetExists(locations: DatasetLocations): boolean {
  return existsSync(path.join(locations.user, 'works.jsonl'));
}

/**
 * Creates the user dataset as a copy of `from` (the bundled dataset unless told) when it does not
 * exist yet: copied into a staging folder beside it and renamed, so a half copy is never a dataset.
 * @returns true when it was created now.
 */
export async function ensureUserDataset(
  locations: DatasetLocations,
  from = locations.bundled,
): Promise<boolean> {
  if (userDatasetExists(locations)) return false;
  const target = path.resolve(locations.user);
  const staging = `${target}.copying-${process.pid}`;
  await mkdir(path.dirname(target), { recursive: true });
  await rm(staging, { recursive: true, force: true });
  try {
    // The example queries stay with the project (the server reads graph/queries); the data is copied.
    await cp(from, staging, {
      recursive: true,
      filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'queries',
    });
    const provenance: DatasetProvenance = {
      format: 1,
      copiedFrom: path.resolve(from),
      createdAt: new Date().toISOString(),
      expansions: [],
    };
    await writeFile(path.join(staging, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}\n`);
    await rm(target, { recursive: true, force: true }); // an empty or broken leftover without works.jsonl
    await rename(staging, target);
  } catch (e: unknown) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  return true;
}

/** The provenance of a dataset folder, or null when it has none (the bundled data) or it is unreadable. */
export async function readProvenance(dir: string): Promise<DatasetProvenance | null> {
  try {
    const parsed = provenanceSchema.safeParse(
      JSON.parse(await readFile(path.join(dir, PROVENANCE_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Appends one expansion to a dataset folder's provenance (creating the file when missing). */
export async function recordExpansion(dir: string, expansion: DatasetExpansion): Promise<void> {
  const now = (await readProvenance(dir)) ?? {
    format: 1 as const,
    copiedFrom: null,
    createdAt: new Date().toISOString(),
    expansions: [],
  };
  const entry = expansionSchema.parse({ ...expansion, sources: expansion.sources.map(publicBaseUrl) });
  const next: DatasetProvenance = { ...now, expansions: [...now.expansions, entry].slice(-MAX_EXPANSIONS) };
  const file = path.join(dir, PROVENANCE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`);
  await rename(tmp, file);
}
