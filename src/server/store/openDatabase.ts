import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Database } from './Database';
import { initPgliteDirectory } from './initPgliteDirectory';

export interface DatabaseOptions {
  /** `postgres://…`: a real server. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; absent means in memory (tests). */
  dataDir?: string;
}

export async function openDatabase({ databaseUrl, dataDir }: DatabaseOptions): Promise<Database> {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(dataDir);
}

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

async function openPglite(dataDir?: string): Promise<Database> {
  keepWebAssemblyOnBaselineCompiler();
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initPgliteDirectory(dataDir);
  }
  const db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] });
  return {
    query: async (sql, params) => (await db.query<never>(sql, params)).rows,
    transaction: (work) => db.transaction((tx) => work({ query: async (sql, params) => (await tx.query<never>(sql, params)).rows })),
    close: () => db.close(),
  };
}

async function openPostgres(connectionString: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // A store that cannot be reached fails a request (and lets a stopping server finish) instead of waiting forever.
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000 });
  return {
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
