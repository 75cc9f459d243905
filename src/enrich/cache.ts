/**
 * The on-disk response cache of `crosstalk fetch`: one JSON file per successful response, keyed by
 * the request URL without credentials, written to a temp file and renamed so an interrupted run
 * never leaves half a file. A rerun (or a resumed run) reads what is there instead of asking again.
 *
 * Layout: `<dir>/<host>/<first 2 hex of key>/<sha256 of the public URL>.json` holding
 * `{ url, fetchedAt, contentType, body }`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One cached response. */
export interface CachedResponse {
  /** The request URL without credentials. */
  url: string;
  /** ISO time the response was received. */
  fetchedAt: string;
  contentType: string | null;
  body: string;
}

/** A folder of cached responses. */
export class ResponseCache {
  readonly dir: string;
  /** Cache files that could not be read as a cached response (ignored, then overwritten). */
  unreadable = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file a URL is cached in. */
  fileFor(publicUrl: string): string {
    const key = createHash('sha256').update(publicUrl).digest('hex');
    const host = new URL(publicUrl).host.replace(/[^a-z0-9.-]/gi, '_');
    return path.join(this.dir, host, key.slice(0, 2), `${key}.json`);
  }

  /** The cached response for a URL, or null when there is none (or it is unreadable). */
  async get(publicUrl: string): Promise<CachedResponse | null> {
    let text: string;
    try {
      text = await readFile(this.fileFor(publicUrl), 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as Partial<CachedResponse>;
      if (entry.url !== publicUrl || typeof entry.body !== 'string') throw new Error('not a cache entry');
      return {
        url: entry.url,
        fetchedAt: entry.fetchedAt ?? '',
        contentType: entry.contentType ?? null,
        body: entry.body,
      };
    } catch {
      this.unreadable += 1;
      return null;
    }
  }

  /** Stores a response (temp file + rename). */
  async put(entry: CachedResponse): Promise<void> {
    const file = this.fileFor(entry.url);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify(entry), 'utf8');
    await rename(tmp, file);
  }
}
