/**
 * Writes a new embedded database in a child process (load-child.ts), so a write failure that
 * aborts the engine's process (a full disk does, in Kuzu 0.11.3) becomes one clear error here,
 * and the caller can remove what was written. Failures of the file system are named after their
 * cause: no space left, a read-only file system, no permission.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { statfsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError, errorMessage } from '../../model/errors';
import type { EngineName } from './engine';

const CHILD_FILE = fileURLToPath(new URL('./load-child.ts', import.meta.url));
/** The project's TypeScript loader (bin/ts-hooks.js), by absolute URL (a fork does not inherit an in-process loader). */
const TS_LOADER = new URL('../../../bin/ts-hooks.js', import.meta.url).href;

/** Messages to the child. */
export type ToWriter =
  | { id: number; open: { engine: EngineName; file: string; bufferPoolBytes: number } }
  | { id: number; run: string }
  | { id: number; close: true };

/** Messages from the child. */
export type FromWriter = { id: number; ok: true; ms?: number } | { id: number; error: string };

const MB = 1e6;
/** Less free space than this after a failed write means the disk was full. */
const NEARLY_FULL_BYTES = 4 * 1024 * 1024;

/** Free space for unprivileged writes on the file system holding `dir`, in bytes; null if unknown. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** Size of the file system holding `dir`, in bytes; null if unknown. */
function totalBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.blocks) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * A failure while writing the database in `dir`, said in one line with what to do. Call it before
 * removing what was written: the free space it reports is part of the diagnosis.
 */
export function writeFailure(e: unknown, dir: string): StoreError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const text = errorMessage(e).replace(/\s+/g, ' ').trim();
  const where = path.dirname(dir);
  const free = freeBytes(where);
  const freeText = free === null ? '' : ` (${(free / MB).toFixed(1)} MB free)`;
  if (code === 'EROFS' || /read-only file system/i.test(text)) {
    return new StoreError(
      `${where} is on a read-only file system: the new database cannot be written there; nothing was changed. Choose a writable --db folder.`,
      { cause: e },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(text)) {
    return new StoreError(
      `No permission to write in ${where}: the new database cannot be written there; nothing was changed. Choose a writable --db folder.`,
      { cause: e },
    );
  }
  // The engine does not always say it is the disk (Kuzu 0.11.3 on a full disk: "Invalid
  // transaction type to rollback."), so an engine error with (almost) no space left counts too.
  const full = free !== null && free < NEARLY_FULL_BYTES && free < 0.05 * (totalBytes(where) ?? Infinity);
  if (
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    /no space left|disk full|quota/i.test(text) ||
    (code === undefined && full)
  ) {
    const said = code === undefined && full ? ` (the engine said: ${text})` : '';
    return new StoreError(
      `No space left on the disk holding ${where}${freeText}: the new database could not be written${said}; nothing was changed. Free some space or choose another --db folder.`,
      { cause: e },
    );
  }
  return new StoreError(`Loading the embedded database failed: ${text}`, { cause: e });
}

/** A database being written by a child process. */
export class EngineWriter {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (ms: number) => void; reject: (e: Error) => void }>();
  private stderr = '';
  private exited: Error | null = null;

  private constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
  ) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    child.on('message', (m: FromWriter) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('ok' in m) w.resolve(m.ms ?? 0);
      else w.reject(new Error(m.error));
    });
    child.once('exit', (code, signal) => {
      const last = this.stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      this.exited = new Error(`the database engine ${how} while writing ${file}${last ? `: ${last}` : ''}`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  /**
   * Starts a child and creates the database file `file` in it (its folder must exist).
   * @throws StoreError naming the cause when the database cannot be created.
   */
  static async open(engine: EngineName, file: string, bufferPoolBytes: number): Promise<EngineWriter> {
    const { writer, opened } = EngineWriter.start(engine, file, bufferPoolBytes);
    await opened;
    return writer;
  }

  /**
   * Starts a child and has it create the database file `file` (its folder must exist), without
   * waiting: statements can be queued with {@link run} at once, the child runs them in order once
   * the database is open. `opened` settles when it is; on failure the child is gone.
   */
  static start(
    engine: EngineName,
    file: string,
    bufferPoolBytes: number,
  ): { writer: EngineWriter; opened: Promise<void> } {
    const child = fork(CHILD_FILE, [], {
      execArgv: ['--import', TS_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const w = new EngineWriter(child, file);
    const opened = w.call({ id: w.nextId++, open: { engine, file, bufferPoolBytes } }).then(
      () => undefined,
      async (e: unknown) => {
        await w.kill();
        throw w.failure(e);
      },
    );
    return { writer: w, opened };
  }

  private call(m: ToWriter): Promise<number> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(m.id, { resolve, reject });
      this.child.send(m, (e) => {
        if (e) {
          this.waiting.delete(m.id);
          reject(this.exited ?? e);
        }
      });
    });
  }

  /** What went wrong, in one line, with the cause when it is the disk. */
  private failure(e: unknown): StoreError {
    return writeFailure(e, path.dirname(this.file));
  }

  /**
   * Runs one statement (DDL or COPY) on the database; statements sent before this one ends run
   * after it, in order.
   * @returns how long the engine took, in ms (measured in the child: the caller's thread may be busy).
   * @throws StoreError when it fails or the engine's process dies.
   */
  async run(statement: string): Promise<number> {
    try {
      return await this.call({ id: this.nextId++, run: statement });
    } catch (e: unknown) {
      throw this.failure(e);
    }
  }

  /**
   * Closes the database (its files are complete after this) and ends the child.
   * @throws StoreError when closing fails.
   */
  async close(): Promise<void> {
    try {
      await this.call({ id: this.nextId++, close: true });
      if (this.child.exitCode === null && this.child.signalCode === null) {
        await new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      }
    } catch (e: unknown) {
      throw this.failure(e);
    }
  }

  /** Ends the child at once (after a failure) and resolves when it is gone; safe to call twice. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await gone;
  }
}
