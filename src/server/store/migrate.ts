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

/** Applies each numbered `.sql` file once, in order, each in its own transaction. */
export async function migrate(db: Database): Promise<void> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const name of await pendingMigrations(db)) {
    const sql = readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8');
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    });
  }
}

/** Extended-protocol queries take one statement each; our migrations keep `;` out of literals. */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
