import type { Database } from '../../../src/server/store/Database';
import { migrate, migrationFiles } from '../../../src/server/store/migrate';
import { openDatabase } from '../../../src/server/store/openDatabase';
import { createTestDatabase } from './testDatabase';

/**
 * A store as a release before migration `number` (`'009'`) left it: every earlier migration applied and recorded by
 * `migrate` itself, that one and the later ones pending. Closed and dropped by the cleanup pushed onto `cleanups`.
 */
export async function openStoreBefore(number: string, cleanups: (() => Promise<void>)[]): Promise<Database> {
  const place = await createTestDatabase();
  const db = await openDatabase(place.options);
  cleanups.push(async () => {
    await db.close();
    await place.drop();
  });
  // `migrate` skips what is recorded as applied: the later migrations are recorded first, and forgotten after.
  const later = migrationFiles().filter((name) => name >= number);
  await db.query('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const name of later) await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
  await migrate(db);
  await db.query('DELETE FROM schema_migrations WHERE name = ANY($1)', [later]);
  return db;
}
