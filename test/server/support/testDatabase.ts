import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../../../src/server/store/openDatabase';

export interface TestDatabase {
  /** What to pass to `openDatabase` or `openStore`: `{}` (in-memory PGlite) or a URL pinned to a fresh schema. */
  options: DatabaseOptions;
  /** The schema every connection opened with `options` works in. */
  schema: string;
  /** Drops the schema on Postgres; close every handle opened with `options` first. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty place for one test file's store. By default that is in-memory PGlite. When
 * `TEST_DATABASE_URL` names a Postgres server (CI), it is a new schema with a random name on that server,
 * selected through the connection string's `options=-c search_path=…`, which node-postgres sends at start-up
 * on every pooled connection, so no query can fall back to `public`.
 */
export async function createTestDatabase(serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) return { options: {}, schema: 'public', drop: async () => {} };

  const schema = `till_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(serverUrl);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c search_path=${schema}`);
  return {
    options: { databaseUrl: url.href },
    schema,
    drop: () => withAdminClient(serverUrl, (admin) => admin.query(`DROP SCHEMA ${schema} CASCADE`)),
  };
}

async function withAdminClient(serverUrl: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
