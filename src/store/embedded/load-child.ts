/**
 * The child process that writes a new embedded database for {@link EngineWriter}
 * (engine-writer.ts): it opens the database read-write, runs the statements it is sent one at a
 * time, and closes it. It exists because the engine aborts its whole process on some write
 * failures (a full disk: "TransactionManagerException: Invalid transaction type to rollback"),
 * which must not take the ingest down without a word.
 *
 * Messages are handled one at a time, in the order they came: the parent may send a whole queue
 * of statements at once (a staged load queues its COPYs, then lays the graph out on its own
 * thread while they run), and one connection must not run two statements at once.
 */
import { loadEngine, type EngineConnection, type EngineDatabase, type EngineName } from './engine';
import type { FromWriter, ToWriter } from './engine-writer';
import { errorMessage } from '../../model/errors';

let db: EngineDatabase | null = null;
let conn: EngineConnection | null = null;

const send = (m: FromWriter): void => void process.send?.(m);

async function open(engine: EngineName, file: string, bufferPoolBytes: number): Promise<void> {
  const eng = loadEngine(engine);
  db = new eng.Database(file, bufferPoolBytes, true, false);
  conn = new eng.Connection(db);
  await conn.query('RETURN 1').then((r) => (Array.isArray(r) ? r : [r]).forEach((x) => x.close()));
}

async function handle(m: ToWriter): Promise<void> {
  try {
    if ('open' in m) {
      await open(m.open.engine, m.open.file, m.open.bufferPoolBytes);
      return send({ id: m.id, ok: true });
    }
    if ('run' in m) {
      if (!conn) throw new Error('The database is not open.');
      const started = performance.now();
      const r = await conn.query(m.run);
      // Every result is closed: the engine crashes on exit otherwise.
      for (const x of Array.isArray(r) ? r : [r]) x.close();
      return send({ id: m.id, ok: true, ms: performance.now() - started });
    }
    await conn?.close();
    await db?.close();
    conn = null;
    db = null;
    send({ id: m.id, ok: true });
    process.disconnect();
  } catch (e: unknown) {
    send({ id: m.id, error: errorMessage(e) });
  }
}

let queue = Promise.resolve();
process.on('message', (m: ToWriter) => {
  queue = queue.then(() => handle(m));
});

// The parent went away (killed ingest): nothing left to write for.
process.on('disconnect', () => process.exit(0));
