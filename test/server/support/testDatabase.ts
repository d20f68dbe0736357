import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { DatabaseOptions } from '../../../src/server/store/openDatabase';
import { createPostgresSchema } from './createPostgresSchema';

export interface TestDatabase {
  /** What to pass to `openDatabase` or `openStore`: a PGlite directory, or a URL pinned to a fresh schema. */
  options: DatabaseOptions;
  /** The schema every connection opened with `options` works in. */
  schema: string;
  /** Drops the schema or removes the directory; close every handle opened with `options` first. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * On PGlite, start with every migration applied, as `openStore` would leave it: what most tests want, and
   * quicker to open. Tests of migrating itself leave it out. On Postgres the schema is empty either way.
   */
  migrated?: boolean;
  /** A PGlite directory even when `TEST_DATABASE_URL` names a Postgres server: for tests of what only PGlite does. */
  pglite?: boolean;
}

/**
 * A fresh place for one test file's store. By default that is a PGlite directory, a copy of a template this run
 * made once (test/globalSetup.ts). When `TEST_DATABASE_URL` names a Postgres server (CI), it is a new schema with a
 * random name on that server, selected through the connection string's `options=-c search_path=…`, which
 * node-postgres sends at start-up on every pooled connection, so no query can fall back to `public`.
 */
export async function createTestDatabase({ migrated = false, pglite = false }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && !pglite) return createPostgresSchema(serverUrl);
  const dataDir = copyPgliteTemplate(migrated);
  return { options: { dataDir }, schema: 'public', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * A new PGlite directory holding a copy of this run's template: created (`migrated` false) or migrated too. It lies
 * inside the run's template folder, which the global teardown removes, so a test that never drops it leaks nothing.
 */
function copyPgliteTemplate(migrated: boolean): string {
  const templates = inject('pgliteTemplates');
  const dataDir = mkdtempSync(join(templates, 'store-'));
  cpSync(join(templates, migrated ? 'migrated' : 'empty'), dataDir, { recursive: true });
  return dataDir;
}
