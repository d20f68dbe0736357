import type { Database, Queryable } from './Database';
import { PgliteConnection } from './pgliteConnection';
import { startPglite } from './startPglite';
import { startPgliteThread } from './startPgliteThread';

export interface PgliteOptions {
  /** Where PGlite keeps its files; absent means in memory (tests). */
  dataDir?: string;
  /** On a thread of its own (the server: see `startPgliteThread`), or this one (default: tools and tests). */
  ownThread?: boolean;
}

/** The embedded store: PGlite in this process. */
export async function openPglite({ dataDir, ownThread = false }: PgliteOptions = {}): Promise<Database> {
  const connection = await PgliteConnection.over(ownThread ? await startPgliteThread(dataDir) : await startPglite(dataDir));
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
    close: () => exclusive(() => connection.close()),
  };
}
