import type { Database, Queryable } from './Database';
import { lockDataDir } from './lockDataDir';
import { PgliteConnection } from './pgliteConnection';
import { startPglite } from './startPglite';
import { startPgliteThread } from './startPgliteThread';

export interface PgliteOptions {
  /** Where PGlite keeps its files; absent means in memory (tests). */
  dataDir?: string;
  /** On a thread of its own (the server: see `startPgliteThread`), or this one (default: tools and tests). */
  ownThread?: boolean;
}

/**
 * The embedded store: PGlite in this process, which holds its directory alone while it is open (`lockDataDir`). The
 * lock is taken here, on the calling thread, for PGlite on this thread or on its own alike; one in memory needs none.
 */
export async function openPglite({ dataDir, ownThread = false }: PgliteOptions = {}): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let connection: PgliteConnection;
  try {
    connection = await PgliteConnection.over(ownThread ? await startPgliteThread(dataDir) : await startPglite(dataDir));
  } catch (error) {
    unlock();
    throw error;
  }
  // One connection: each statement, or each transaction from BEGIN to COMMIT, has it alone, in the order asked.
  // Statements go straight to the connection, which runs them in the order sent, and may be sent before the one
  // before has its answer, so that PGlite's thread is never left waiting for this one; only while a transaction is
  // open or waiting do they wait behind it.
  let idle: Promise<unknown> = Promise.resolve();
  let transactions = 0;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    transactions++;
    const done = idle.then(work).finally(() => transactions--);
    idle = done.catch(() => undefined);
    return done;
  };
  const inTransaction: Queryable = { query: (sql, params) => connection.run(sql, params) };
  return {
    query: (sql, params) => (transactions === 0 ? connection.run(sql, params) : idle.then(() => connection.run(sql, params))),
    transaction: (work) =>
      exclusive(async () => {
        await connection.run('BEGIN');
        try {
          const result = await work(inTransaction);
          await connection.run('COMMIT');
          return result;
        } catch (error) {
          await connection.run('ROLLBACK');
          throw error;
        }
      }),
    // Unlocked once PGlite has closed its files; if closing fails, the process's exit releases the lock.
    close: () => exclusive(() => connection.close()).then(unlock),
  };
}
