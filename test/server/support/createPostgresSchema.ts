import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestDatabase } from './testDatabase';

/** A new, empty schema with a random name on the Postgres server of `serverUrl`, and a URL that works in it alone. */
export async function createPostgresSchema(serverUrl: string): Promise<TestDatabase> {
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
