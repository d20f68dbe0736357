import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { createApp } from '../../src/server/createApp';
import { hashSecret } from '../../src/server/secrets';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { openDatabase } from '../../src/server/store/openDatabase';
import { openStore } from '../../src/server/store/openStore';
import { seedDemo } from '../../src/server/store/seedDemo';
import { createTestDatabase } from '../server/support/testDatabase';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An empty database (PGlite, or a fresh schema on TEST_DATABASE_URL), closed and dropped after the test. */
async function openEmptyDatabase(): Promise<{ db: Database; schema: string }> {
  const place = await createTestDatabase();
  const db = await openDatabase(place.options);
  cleanups.push(async () => {
    await db.close();
    await place.drop();
  });
  return { db, schema: place.schema };
}

async function openPinnedStore(apiKey: string | undefined) {
  const place = await createTestDatabase();
  const store = await openStore({ ...place.options, apiKey });
  cleanups.push(async () => {
    await store.db.close();
    await place.drop();
  });
  return store;
}

/** The tables and columns of the current schema, and how many rows each table has. */
async function describeSchema(db: Database) {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = [...new Set(columns.map((column) => column.table_name))];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${table}"`);
    counts[table] = row!.count;
  }
  return { columns, counts };
}

const count = async (db: Database, table: string) =>
  (await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`))[0]!.count;

const authenticates = async (db: Database, apiKey: string) =>
  (
    await createApp({ db, publicUrl: 'http://localhost:3000/' }).request('/v1/subscription_configs', {
      headers: { Authorization: `Bearer ${apiKey}` },
    })
  ).status === 200;

describe('test databases', () => {
  it('keep every pooled connection in the test’s own schema', async () => {
    const { db, schema } = await openEmptyDatabase();
    const schemas = await Promise.all(
      Array.from({ length: 5 }, () => db.query<{ schema: string }>('SELECT current_schema() AS schema, pg_sleep(0.05)')),
    );
    expect(schemas.map(([row]) => row!.schema)).toEqual(Array(5).fill(schema));
    expect(await db.transaction((tx) => tx.query<{ schema: string }>('SELECT current_schema() AS schema'))).toEqual([{ schema }]);
    if (process.env.TEST_DATABASE_URL) expect(schema).toMatch(/^till_test_[0-9a-f]{12}$/);
  });
});

describe('migrate', () => {
  it('creates every table and records the migration', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const { counts } = await describeSchema(db);
    expect(Object.keys(counts).sort()).toEqual([
      'api_keys', 'checkout_sessions', 'connections', 'credit_bundles', 'demo_settings', 'merchants', 'payments',
      'schema_migrations', 'subscription_configs', 'subscriptions',
    ]);
    const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(applied.map((row) => row.name)).toEqual(['001_initial.sql', '002_redirect_urls.sql']);
  });

  it('gives checkout sessions optional success_url and cancel_url columns', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const { columns } = await describeSchema(db);
    const sessionColumns = columns.filter((column) => column.table_name === 'checkout_sessions');
    expect(sessionColumns).toEqual(
      expect.arrayContaining([
        { table_name: 'checkout_sessions', column_name: 'success_url', data_type: 'text' },
        { table_name: 'checkout_sessions', column_name: 'cancel_url', data_type: 'text' },
      ]),
    );
  });

  it('upgrades a store made before 002, leaving its sessions without redirect URLs', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const demo = await seedDemo(db);
    // Back to the schema 001 left, as a store that ran an older release would have it.
    await db.query('ALTER TABLE checkout_sessions DROP COLUMN success_url');
    await db.query('ALTER TABLE checkout_sessions DROP COLUMN cancel_url');
    await db.query("DELETE FROM schema_migrations WHERE name = '002_redirect_urls.sql'");
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
       SELECT 'cs_test_old', $1, 'hash', 'subscription', 'https://shop.example.com/', subscription_config_id, now() + interval '1 day'
       FROM subscription_configs LIMIT 1`,
      [demo.merchantId],
    );

    await migrate(db);

    expect(await db.query('SELECT success_url, cancel_url FROM checkout_sessions')).toStrictEqual([{ success_url: null, cancel_url: null }]);
  });

  it('refuses a redirect URL longer than the API allows, even written directly', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const demo = await seedDemo(db);
    const insert = (url: string) =>
      db.query(
        `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, success_url, subscription_config_id, expires_at)
         SELECT $3, $1, $3, 'subscription', 'https://shop.example.com/', $2, subscription_config_id, now() + interval '1 day'
         FROM subscription_configs LIMIT 1`,
        [demo.merchantId, url, `cs_test_${url.length}`],
      );
    await expect(insert(`https://x.com/${'a'.repeat(2083 - 14)}`)).resolves.toBeDefined();
    await expect(insert(`https://x.com/${'a'.repeat(2084 - 14)}`)).rejects.toThrow(/check constraint/);
  });

  it('changes nothing when run again', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    await seedDemo(db);
    const before = await describeSchema(db);
    await migrate(db);
    await migrate(db);
    expect(await describeSchema(db)).toStrictEqual(before);
  });
});

describe('seedDemo', () => {
  it('creates the demo merchant with a monthly plan and two bundles', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const demo = await seedDemo(db);
    expect(demo.merchantId).toMatch(/^mer_test_[0-9A-Z]{26}$/);
    expect(demo.apiKey).toMatch(/^sk_test_[A-Za-z0-9_-]{40,}$/);
    expect(await count(db, 'merchants')).toBe(1);
    expect(await count(db, 'subscription_configs')).toBe(1);
    expect(await count(db, 'credit_bundles')).toBe(2);
    expect(await authenticates(db, demo.apiKey)).toBe(true);
  });

  it('keeps one merchant and the same key when run twice', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(second).toStrictEqual(first);
    expect(await count(db, 'merchants')).toBe(1);
    expect(await count(db, 'subscription_configs')).toBe(1);
    expect(await count(db, 'credit_bundles')).toBe(2);
    expect(await count(db, 'api_keys')).toBe(1);
  });

  it('installs a pinned key on an existing store and keeps it on later starts', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const first = await seedDemo(db);
    const pinned = await seedDemo(db, 'sk_test_pinned_later');
    expect(pinned).toStrictEqual({ merchantId: first.merchantId, apiKey: 'sk_test_pinned_later' });
    expect(await seedDemo(db)).toStrictEqual(pinned);
    expect(await authenticates(db, 'sk_test_pinned_later')).toBe(true);
    expect(await count(db, 'merchants')).toBe(1);
  });

  it('stores the key hashed in api_keys', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const { apiKey } = await seedDemo(db);
    const rows = await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(rows).toStrictEqual([{ key_hash: hashSecret(apiKey) }]);
  });
});

describe('openStore with a pinned key', () => {
  it('uses TILL_API_KEY as the demo merchant’s key', async () => {
    const config = loadConfig({ TILL_API_KEY: 'sk_test_from_the_environment' });
    const { db, demo } = await openPinnedStore(config.apiKey);
    expect(demo.apiKey).toBe('sk_test_from_the_environment');
    expect(await authenticates(db, 'sk_test_from_the_environment')).toBe(true);
    expect(await authenticates(db, 'sk_test_something_else')).toBe(false);
  });

  it('makes up a key when none is pinned', async () => {
    const config = loadConfig({ TILL_API_KEY: '' });
    expect(config.apiKey).toBeUndefined();
    const { db, demo } = await openPinnedStore(config.apiKey);
    expect(demo.apiKey).toMatch(/^sk_test_/);
    expect(await authenticates(db, demo.apiKey)).toBe(true);
  });
});
