import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Database, Queryable } from './Database';
import { initPgliteDirectory } from './initPgliteDirectory';
import { PgliteConnection } from './pgliteConnection';

/**
 * PGlite's cache of table pages. Postgres touches all of it at start, in the server's own memory (one process is the
 * whole database); the files stay in the operating system's cache anyway. Issue 13 measured 128 → 16 MB: RSS
 * −116 MB. 8 MB saved 7 MB more but not on a grown store: on 100 k rows per table, lists took 2 × and creates
 * 1.3 × their time on 1 k, against 1.0 × with 16 MB, where every read of the growth measure stays in the cache.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * PGlite's WebAssembly runs on V8's baseline compiler (Liftoff) alone. By default V8 recompiles each function that
 * grows hot with its optimizing compiler (TurboFan), on background threads whose compile memory glibc keeps in
 * per-thread arenas: Postgres's start and first queries make that about 70 MB that stays resident (server RSS after
 * start 235 → 165 MB, median of 5; at peak under load 252 → 214 MB), while creates per second did not drop beyond the
 * noise (issue 13). `--no-wasm-tier-up` does not stop the dynamic tier-up of Node 20's V8; this does. The flag is read
 * when a module is compiled, so it must be set before PGlite compiles its own; it touches nothing but WebAssembly.
 */
function keepWebAssemblyOnBaselineCompiler() {
  setFlagsFromString('--liftoff-only');
}

/** The embedded store: PGlite in this process, its files in `dataDir` (in memory without one). */
export async function openPglite(dataDir?: string): Promise<Database> {
  keepWebAssemblyOnBaselineCompiler();
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initPgliteDirectory(dataDir);
  }
  const db = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`, '-c', 'plan_cache_mode=force_custom_plan'],
  });
  const connection = new PgliteConnection(db);
  // One connection: each statement, or each transaction from BEGIN to COMMIT, has it alone, in the order asked.
  let idle: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const done = idle.then(work);
    idle = done.catch(() => undefined);
    return done;
  };
  const inTransaction: Queryable = { query: (sql, params) => connection.run(sql, params) };
  return {
    query: (sql, params) => exclusive(() => connection.run(sql, params)),
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
    close: () => exclusive(() => db.close()),
  };
}
