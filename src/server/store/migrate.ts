import { readdirSync, readFileSync } from 'node:fs';
import type { Database, Queryable } from './Database';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

let files: string[] | undefined;

/** The numbered `.sql` files, in order; read once, as they do not change while the server runs. */
export function migrationFiles(): string[] {
  return (files ??= readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d+_.+\.sql$/.test(name))
    .sort());
}

/** The migrations this server has that the store has not applied; empty when the schema is current. */
export async function pendingMigrations(db: Queryable): Promise<string[]> {
  const applied = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
  return migrationFiles().filter((name) => !applied.has(name));
}

/**
 * Applies each numbered `.sql` file once, in order, each in its own transaction, however many servers start at once
 * on one store:
 * 1. Every transaction that changes the schema first takes one Postgres advisory lock (per schema, so two Tills
 *    in two schemas of one database do not wait for each other), held until it commits or rolls back.
 * 2. Under that lock it checks again that its migration is still pending: a server that waited while another
 *    applied it skips it, instead of failing on a table that now exists.
 * 3. `CREATE TABLE IF NOT EXISTS` is not safe to race either (two can both try to create the row type), so the
 *    bookkeeping table is made under the lock too.
 * A server that dies mid-migration loses its session and with it the lock; its transaction rolls back. PGlite is
 * one process's store, where the lock is simply granted.
 */
export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  for (const name of await pendingMigrations(db)) {
    const sql = readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8');
    await db.transaction(async (tx) => {
      await lockMigrations(tx);
      if ((await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name])).length > 0) return;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    });
  }
}

/** Waits for, then holds until the end of the transaction, the lock every migrating transaction takes first. */
async function lockMigrations(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('till.migrate.' || current_schema()))");
}

/** Extended-protocol queries take one statement each; our migrations keep `;` out of literals. */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
