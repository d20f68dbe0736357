import type { Database } from './Database';
import { openPglite } from './openPglite';

export interface DatabaseOptions {
  /** `postgres://…`: a real server. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; absent means in memory (tests). */
  dataDir?: string;
  /** PGlite on a thread of its own: see `openPglite`. */
  pgliteOwnThread?: boolean;
}

export async function openDatabase({ databaseUrl, dataDir, pgliteOwnThread }: DatabaseOptions): Promise<Database> {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite({ dataDir, ownThread: pgliteOwnThread });
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
