/**
 * The folders around an embedded store folder `<parent>/<base>`, and how a load that died is
 * cleaned up after. A load builds the new database in `<parent>/.<base>.loading-<pid>` (its
 * manifest.json is written last, so a staging folder with a manifest is complete), then swaps:
 * `<base>` → `.<base>.old-<pid>`, staging → `<base>`, and removes the old folder.
 *
 * A load killed at any point leaves at most these folders behind; {@link recoverStoreFolder} puts a
 * database back when it died between the two renames (no `<base>` at all), and
 * {@link removeStaleFolders} removes what loads that are no longer running left. Folders of a load
 * whose process is still alive are never touched: it may be another ingest at work.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const MANIFEST_FILE = 'manifest.json';

/** The staging folder of a load by process `pid`. */
export function stagingFolder(dir: string, pid = process.pid): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.loading-${pid}`);
}

/** Where a load by process `pid` moves the previous database while it swaps. */
export function retiredFolder(dir: string, pid = process.pid): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.old-${pid}`);
}

/** A staging or retired folder next to a store folder. */
interface Sibling {
  path: string;
  kind: 'loading' | 'old';
  pid: number;
  /** When its manifest says it was loaded; null without a readable manifest (an unfinished load). */
  loadedAt: string | null;
}

/** True when a process with this id exists (EPERM: it exists, but belongs to someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: unknown) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function siblings(dir: string): Sibling[] {
  const parent = path.dirname(dir);
  const pattern = new RegExp(
    `^\\.${path.basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(loading|old)-(\\d+)$`,
  );
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const out: Sibling[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const folder = path.join(parent, name);
    let loadedAt: string | null = null;
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as {
        loadedAt?: unknown;
      };
      loadedAt = typeof manifest.loadedAt === 'string' ? manifest.loadedAt : null;
    } catch {
      // no manifest: an unfinished staging folder
    }
    out.push({ path: folder, kind: m[1] as Sibling['kind'], pid: Number(m[2]), loadedAt });
  }
  return out;
}

/**
 * When `dir` is missing because a load died between its two renames, moves back the newest
 * complete database of a load that is no longer running: its finished staging folder (the new
 * data) or else the retired one (the previous data). Synchronous: store opens call it.
 * @returns what was moved where, or null when nothing needed recovering.
 */
export function recoverStoreFolder(dir: string): string | null {
  if (existsSync(dir)) return null;
  const complete = siblings(dir)
    .filter((s) => s.loadedAt !== null && s.pid !== process.pid && !isAlive(s.pid))
    // The new database first (a finished staging folder is newer than any retired one), then by date.
    .sort((a, b) =>
      a.kind !== b.kind
        ? a.kind === 'loading'
          ? -1
          : 1
        : (b.loadedAt ?? '').localeCompare(a.loadedAt ?? ''),
    );
  const pick = complete[0];
  if (!pick) return null;
  try {
    renameSync(pick.path, dir);
  } catch (e: unknown) {
    // Another process (a query worker opening the same store) recovered it first.
    if (existsSync(dir)) return null;
    throw e;
  }
  return `${pick.path} → ${dir} (${pick.kind === 'loading' ? 'the new database' : 'the previous database'} of a load that stopped while swapping)`;
}

/**
 * Removes the staging and retired folders of loads that are no longer running (killed, crashed),
 * after {@link recoverStoreFolder} had its chance to use one of them.
 * @returns the folders removed.
 */
export async function removeStaleFolders(dir: string): Promise<string[]> {
  const stale = siblings(dir).filter((s) => s.pid !== process.pid && !isAlive(s.pid));
  for (const s of stale) await rm(s.path, { recursive: true, force: true });
  return stale.map((s) => s.path);
}

/**
 * Which load the folder holds now: the identity of its manifest file (a load swaps in a new
 * folder, so the file changes even when two loads write the same bytes); null without one.
 */
export function folderGeneration(dir: string): string | null {
  try {
    const st = statSync(path.join(dir, MANIFEST_FILE), { bigint: true });
    return `${st.dev}:${st.ino}:${st.mtimeNs}`;
  } catch {
    return null;
  }
}
