import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { listEvents } from '../../src/server/events/listEvents';
import { createApp } from '../../src/server/createApp';
import { hashSecret } from '../../src/server/secrets';
import type { Database } from '../../src/server/store/Database';
import { LOCK_FILE } from '../../src/server/store/lockDataDir';
import { migrate, migrationFiles, pendingMigrations } from '../../src/server/store/migrate';
import { openDatabase } from '../../src/server/store/openDatabase';
import { openPglite } from '../../src/server/store/openPglite';
import { openStore } from '../../src/server/store/openStore';
import { DEMO_LOGO_URL, seedDemo } from '../../src/server/store/seedDemo';
import { olderTransactionsEnded } from '../server/support/olderTransactionsEnded';
import { createTestDatabase, type TestDatabaseOptions } from '../server/support/testDatabase';

type Cleanup = () => Promise<void>;
/** Runs a list's cleanups, last first, and empties it. */
const drain = (list: Cleanup[]) => async () => {
  for (const cleanup of list.splice(0).reverse()) await cleanup();
};
/** What the running test opened. */
const cleanups: Cleanup[] = [];
afterEach(drain(cleanups));
/** What a group of tests shares (see `storeForRefusals`). */
const fileCleanups: Cleanup[] = [];
afterAll(drain(fileCleanups));

/** A database of the test's own (PGlite, or a fresh schema on TEST_DATABASE_URL), empty unless `migrated`, closed and dropped after the test. */
async function openEmptyDatabase(
  options?: TestDatabaseOptions,
  until = cleanups,
  pgliteOwnThread = false,
): Promise<{ db: Database; schema: string }> {
  const place = await createTestDatabase(options);
  const db = await openDatabase({ ...place.options, pgliteOwnThread });
  until.push(async () => {
    await db.close();
    await place.drop();
  });
  return { db, schema: place.schema };
}

/** A database as `migrate` leaves an empty one: on PGlite a copy of the migrated template, where `migrate` finds nothing to do. */
async function openMigratedDatabase(until = cleanups): Promise<{ db: Database; schema: string }> {
  const opened = await openEmptyDatabase({ migrated: true }, until);
  await migrate(opened.db);
  return opened;
}

/**
 * One store for a group of tests that each send a statement the store must refuse. A refused statement changes
 * nothing, so each test finds the store as `build` left it, and the group opens one store rather than one per test
 * (each most of a second of PGlite start-up and seeding, issue 13). `build` gets a migrated database that lasts
 * until the file's last test.
 */
function storeForRefusals<T>(build: (db: Database) => Promise<T>): () => Promise<T> {
  let store: Promise<T> | undefined;
  return () => (store ??= openMigratedDatabase(fileCleanups).then(({ db }) => build(db)));
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

/** PGlite answers on the thread that opened it (tools, tests) or on one of its own (the server); Postgres is one. */
const QUERY_STORES = process.env.TEST_DATABASE_URL
  ? [{ store: 'Postgres', pgliteOwnThread: false }]
  : [
      { store: 'PGlite on this thread', pgliteOwnThread: false },
      { store: 'PGlite on its own thread', pgliteOwnThread: true },
    ];

describe.each(QUERY_STORES)('queries, $store,', ({ pgliteOwnThread }) => {
  const openQueryStore = () => openEmptyDatabase(undefined, cleanups, pgliteOwnThread);

  it('send parameters as node-postgres sends them, so both stores read back the same values', async () => {
    const { db } = await openQueryStore();
    const at = new Date('2026-03-04T05:06:07.089Z');
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::text[] AS tags, $4::boolean AS yes, $5::int AS n, $6::text AS none,
         $7::jsonb AS list`,
      [at, { a: [1, 'two'] }, ['x', 'y,z', 'q"uote'], true, 42, undefined, JSON.stringify([1, 2])],
    );
    expect(row).toEqual({ at, doc: { a: [1, 'two'] }, tags: ['x', 'y,z', 'q"uote'], yes: true, n: 42, none: null, list: [1, 2] });
  });

  it('answer a statement alike on every run, and a store stays usable after one fails, in a transaction or not', async () => {
    const { db } = await openQueryStore();
    await db.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
    const insert = (id: number, body: string) => db.query<{ id: number }>('INSERT INTO notes (id, body) VALUES ($1, $2) RETURNING id', [id, body]);
    for (const id of [1, 2, 3]) expect(await insert(id, `note ${id}`)).toEqual([{ id }]);
    for (let run = 0; run < 3; run++) await expect(insert(1, 'again')).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id, body) VALUES (4, $1)', ['kept only if committed']);
        await tx.query('INSERT INTO notes (id, body) VALUES (1, $1)', ['duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT id, body FROM notes WHERE id > $1 ORDER BY id', [1])).toEqual([
      { id: 2, body: 'note 2' },
      { id: 3, body: 'note 3' },
    ]);
  });

  it('keep a bounded number of statements prepared, however many different ones run', async () => {
    const { db } = await openQueryStore();
    for (let run = 0; run < 2; run++) {
      for (let n = 0; n < 250; n++) expect(await db.query(`SELECT ${n}::int AS n, $1::text AS run`, [String(run)])).toEqual([{ n, run: String(run) }]);
    }
    const [prepared] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM pg_prepared_statements');
    expect(prepared!.count).toBeLessThanOrEqual(200);
  });

  it('run a statement sent while a transaction is open outside it, after it', async () => {
    const { db } = await openQueryStore();
    await db.query('CREATE TABLE notes (id int PRIMARY KEY)');
    let insideDone!: () => void;
    const inside = new Promise<void>((resolve) => (insideDone = resolve));
    let alone: Promise<unknown> | undefined;
    const rolledBack = db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes VALUES (1)');
      alone = db.query('INSERT INTO notes VALUES (2)');
      insideDone();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('changed my mind');
    });
    await inside;
    await expect(rolledBack).rejects.toThrow('changed my mind');
    await alone;
    expect(await db.query('SELECT id FROM notes ORDER BY id')).toEqual([{ id: 2 }]);
  });

  it('fail a statement with an Error carrying Postgres’s fields', async () => {
    const { db } = await openQueryStore();
    await db.query('CREATE TABLE notes (id int PRIMARY KEY)');
    await db.query('INSERT INTO notes VALUES (1)');
    const failure = await db.query('INSERT INTO notes VALUES (1)').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: '23505', constraint: 'notes_pkey', message: expect.stringContaining('duplicate key') });
  });
});

describe('PGlite on its own thread', () => {
  it.each([false, true])('refuses to open where it cannot keep its files, saying why (own thread: %s)', async (ownThread) => {
    const dir = mkdtempSync(join(tmpdir(), 'till-store-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    await expect(openPglite({ dataDir: notADirectory, ownThread })).rejects.toThrow(`EEXIST: file already exists, mkdir '${notADirectory}'`);
  });

  it('lets a process end once its work is done, unclosed, as PGlite on the process’s own thread does', async () => {
    // A copy of the migrated template rather than a store in memory, which would run initdb (seconds of CPU) first.
    const program = `import { openPglite } from ${JSON.stringify(fileURLToPath(new URL('../../src/server/store/openPglite.ts', import.meta.url)))};
      const db = await openPglite({ dataDir: ${JSON.stringify(pgliteDirectory())}, ownThread: true });
      console.log(JSON.stringify(await db.query('SELECT 1 AS one')));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', program], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: '[{"one":1}]' });
  });
});

/** A PGlite directory of the test's own (a copy of this run's migrated template, on PGlite even when the suite runs on Postgres). */
function pgliteDirectory(): string {
  const templates = inject('pgliteTemplates');
  const dataDir = mkdtempSync(join(templates, 'locked-'));
  cpSync(join(templates, 'migrated'), dataDir, { recursive: true });
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/** A node process that idles until the test ends: some other live process, as a running server is. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['--eval', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return child.pid!;
}

/** The id of a process that has ended: as a server killed with SIGKILL leaves in its lock. */
async function endedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['--eval', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const lockHolder = (dataDir: string) => readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim();

describe('a PGlite directory, one process’s at a time', () => {
  it('refuses a directory another live process holds, naming the directory and the process', async () => {
    const dataDir = pgliteDirectory();
    const holder = await liveProcess();
    writeFileSync(join(dataDir, LOCK_FILE), `${holder}\n`);

    await expect(openPglite({ dataDir, ownThread: true })).rejects.toThrow(
      `The PGlite directory ${dataDir} is in use by process ${holder}: stop it first, or point DATA_DIR elsewhere`,
    );
    expect(lockHolder(dataDir)).toBe(String(holder));
  });

  it('takes over the lock of a process that has ended, and releases it on close', async () => {
    const dataDir = pgliteDirectory();
    writeFileSync(join(dataDir, LOCK_FILE), `${await endedProcess()}\n`);

    const db = await openPglite({ dataDir });
    expect(lockHolder(dataDir)).toBe(String(process.pid));
    expect(await db.query('SELECT 1 AS one')).toStrictEqual([{ one: 1 }]);
    await db.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock with this process’s id that this process does not hold: a container restarted as the same pid', async () => {
    const dataDir = pgliteDirectory();
    writeFileSync(join(dataDir, LOCK_FILE), `${process.pid}\n`);

    const db = await openPglite({ dataDir });
    cleanups.push(() => db.close());
    expect(await db.query('SELECT 1 AS one')).toStrictEqual([{ one: 1 }]);
  });

  it('opens a directory again once the process that had it closed it', async () => {
    const dataDir = pgliteDirectory();
    await (await openPglite({ dataDir, ownThread: true })).close();

    const again = await openPglite({ dataDir });
    cleanups.push(() => again.close());
    expect(await again.query('SELECT 1 AS one')).toStrictEqual([{ one: 1 }]);
  });

  it('refuses a second open of a directory this process has open, and the first keeps working', async () => {
    const dataDir = pgliteDirectory();
    const first = await openPglite({ dataDir, ownThread: true });
    cleanups.push(() => first.close());

    await expect(openPglite({ dataDir })).rejects.toThrow(
      `The PGlite directory ${dataDir} is already open in this process (${process.pid}): close it first, or point DATA_DIR elsewhere`,
    );
    // Through another spelling of the same directory too.
    await expect(openPglite({ dataDir: `${dataDir}/.` })).rejects.toThrow('is already open in this process');
    expect(await first.query('SELECT 1 AS one')).toStrictEqual([{ one: 1 }]);
    expect(lockHolder(dataDir)).toBe(String(process.pid));
  });
});

describe('migrate', () => {
  it('creates every table and records the migration', async () => {
    const { db } = await openEmptyDatabase();
    await migrate(db);
    const { counts } = await describeSchema(db);
    expect(Object.keys(counts).sort()).toEqual([
      'api_keys', 'checkout_idempotency_keys', 'checkout_sessions', 'connections', 'credit_bundles', 'demo_settings',
      'events', 'idempotency_keys', 'invoices', 'merchant_processors', 'merchants', 'payments', 'processor_credentials', 'promotion_code_configs', 'promotion_codes', 'promotion_redemptions', 'rate_limit_counters', 'refunds', 'schema_migrations',
      'subscription_configs', 'subscriptions', 'tax_rates', 'test_payment_intents', 'test_payment_methods', 'test_refunds', 'webhook_attempts', 'webhook_deliveries', 'webhook_endpoints',
    ]);
    const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(applied.map((row) => row.name)).toEqual([
      '001_initial.sql', '002_redirect_urls.sql', '003_pricing_and_session_options.sql', '004_logo_url_sources.sql',
      '005_events_and_webhooks.sql', '006_subscriptions_and_payments.sql', '007_idempotency_keys.sql',
      '008_catalog_plans.sql', '009_promotion_codes_and_tax_rates.sql', '010_api_keys.sql',
      '011_pending_url.sql', '012_live_mode.sql', '013_session_inputs.sql', '014_rate_limit_counters.sql', '015_payment_processors.sql', '016_renewals.sql', '017_merchant_processors.sql', '018_processing_sessions.sql', '019_refunds.sql',
      '020_anchor_and_renewal_payments.sql', '021_payments_by_processor_payment.sql', '022_sealed_idempotent_responses.sql',
      '023_worker_backoff.sql', '024_events_in_commit_order.sql', '025_subscription_payment_methods.sql',
      '026_redemptions_of_waiting_payments.sql', '027_processor_credentials.sql', '028_saved_card_owners.sql', '029_challenge_checks.sql',
    ]);
  });

  it('applies each migration once when two servers start at once on an empty store, and both succeed', async () => {
    const place = await createTestDatabase();
    const first = await openDatabase(place.options);
    // On Postgres a second pool, as a second server has; PGlite is one process's store, so its two migrators share it.
    const second = process.env.TEST_DATABASE_URL ? await openDatabase(place.options) : first;
    cleanups.push(async () => {
      if (second !== first) await second.close();
      await first.close();
      await place.drop();
    });

    await Promise.all([migrate(first), migrate(second)]);

    const applied = await first.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(applied.map((row) => row.name)).toEqual(migrationFiles());
    expect(await pendingMigrations(second)).toEqual([]);
    // Then each seeds the demo merchant, as `openStore` does: both get the one merchant, neither fails on its key.
    const [seededFirst, seededSecond] = await Promise.all([seedDemo(first), seedDemo(second)]);
    expect(seededSecond).toStrictEqual(seededFirst);
    expect(await first.query("SELECT count(*)::int AS n FROM merchants WHERE name = 'Acme AI'")).toStrictEqual([{ n: 1 }]);
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
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    expect(demo.merchantId).toMatch(/^mer_test_[0-9A-Z]{26}$/);
    expect(demo.apiKey).toMatch(/^sk_test_[A-Za-z0-9_-]{40,}$/);
    expect(await count(db, 'merchants')).toBe(1);
    // Pro (monthly) with its two bundles, then issue 4's Pro Yearly, per-seat Team and Pro (JPY).
    expect(await count(db, 'subscription_configs')).toBe(4);
    expect(await count(db, 'credit_bundles')).toBe(2);
    expect(await authenticates(db, demo.apiKey)).toBe(true);
  });

  it('keeps one merchant and the same key when run twice', async () => {
    const { db } = await openMigratedDatabase();
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(second).toStrictEqual(first);
    expect(await count(db, 'merchants')).toBe(1);
    expect(await count(db, 'subscription_configs')).toBe(4);
    expect(await count(db, 'credit_bundles')).toBe(2);
    expect(await count(db, 'promotion_codes')).toBe(4);
    expect(await count(db, 'tax_rates')).toBe(4);
    expect(await count(db, 'api_keys')).toBe(1);
  });

  it('installs a pinned key on an existing store and keeps it on later starts', async () => {
    const { db } = await openMigratedDatabase();
    const first = await seedDemo(db);
    const pinned = await seedDemo(db, 'sk_test_pinned_later');
    expect(pinned).toStrictEqual({ merchantId: first.merchantId, apiKey: 'sk_test_pinned_later' });
    expect(await seedDemo(db)).toStrictEqual(pinned);
    expect(await authenticates(db, 'sk_test_pinned_later')).toBe(true);
    expect(await count(db, 'merchants')).toBe(1);
  });

  it('stores the key hashed in api_keys', async () => {
    const { db } = await openMigratedDatabase();
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

describe('migration 003 and the issue 4 demo catalog', () => {
  const demoStore = storeForRefusals(async (db) => ({ db, demo: await seedDemo(db) }));

  /** The demo catalog as rows: plans in id order, with what issue 4 added to them. */
  async function demoPlans(db: Database) {
    return db.query<{ name: string; period_amount: number; currency: string; billing_interval: string; seat_based: boolean; min_quantity: number; max_quantity: number; tax_behavior: string }>(
      `SELECT name, period_amount, currency, billing_interval, seat_based, min_quantity, max_quantity, tax_behavior
       FROM subscription_configs ORDER BY subscription_config_id`,
    );
  }

  it('seeds Pro and its two bundles first in id order, then a yearly Pro, a per-seat Team and a yen plan', async () => {
    const { db } = await openMigratedDatabase();
    await seedDemo(db);
    expect(await demoPlans(db)).toStrictEqual([
      { name: 'Pro', period_amount: 1900, currency: 'USD', billing_interval: 'month', seat_based: false, min_quantity: 1, max_quantity: 1, tax_behavior: 'exclusive' },
      { name: 'Pro Yearly', period_amount: 19000, currency: 'USD', billing_interval: 'year', seat_based: false, min_quantity: 1, max_quantity: 1, tax_behavior: 'exclusive' },
      { name: 'Team', period_amount: 1200, currency: 'USD', billing_interval: 'month', seat_based: true, min_quantity: 2, max_quantity: 50, tax_behavior: 'exclusive' },
      { name: 'Pro (JPY)', period_amount: 2900, currency: 'JPY', billing_interval: 'month', seat_based: false, min_quantity: 1, max_quantity: 1, tax_behavior: 'inclusive' },
    ]);
    const bundles = await db.query<{ name: string; plan: string }>(
      `SELECT b.name, c.name AS plan FROM credit_bundles b JOIN subscription_configs c USING (subscription_config_id) ORDER BY b.credit_bundle_id`,
    );
    expect(bundles).toStrictEqual([{ name: 'Starter pack', plan: 'Pro' }, { name: 'Power pack', plan: 'Pro' }]);
  });

  it('seeds tax rates, promotion codes of each kind, and the merchant’s logo', async () => {
    const { db } = await openMigratedDatabase();
    await seedDemo(db);
    expect(await db.query('SELECT country, rate_bps FROM tax_rates ORDER BY country')).toStrictEqual([
      { country: 'DE', rate_bps: 1900 },
      { country: 'FR', rate_bps: 2000 },
      { country: 'GB', rate_bps: 2000 },
      { country: 'JP', rate_bps: 1000 },
    ]);
    const codes = await db.query<{ code: string; percent_off: number | null; amount_off: number | null; duration: string; expired: boolean; plans: string | null }>(
      `SELECT p.code, p.percent_off, p.amount_off, p.duration, coalesce(p.expires_at < now(), false) AS expired,
         (SELECT string_agg(c.name, ',') FROM promotion_code_configs pc JOIN subscription_configs c USING (subscription_config_id)
          WHERE pc.promotion_code_id = p.promotion_code_id) AS plans
       FROM promotion_codes p ORDER BY p.code`,
    );
    expect(codes).toStrictEqual([
      { code: 'FIVEOFF', percent_off: null, amount_off: 500, duration: 'forever', expired: false, plans: null },
      { code: 'SPRING2020', percent_off: 50, amount_off: null, duration: 'once', expired: true, plans: null },
      { code: 'TEAM10', percent_off: 10, amount_off: null, duration: 'forever', expired: false, plans: 'Team' },
      { code: 'WELCOME20', percent_off: 20, amount_off: null, duration: 'once', expired: false, plans: null },
    ]);
    expect((await db.query<{ logo_url: string }>('SELECT logo_url FROM merchants'))[0]!.logo_url).toMatch(/^data:image\/svg\+xml,/);
  });

  it('adds the new catalog once to a store seeded before it, keeping Pro first', async () => {
    const { db } = await openMigratedDatabase();
    const first = await seedDemo(db);
    // As an older release left it: only Pro and its bundles, and no catalog version.
    await db.query('DELETE FROM promotion_code_configs');
    await db.query('DELETE FROM promotion_codes');
    await db.query('DELETE FROM tax_rates');
    await db.query("DELETE FROM subscription_configs WHERE name <> 'Pro'");
    await db.query("DELETE FROM demo_settings WHERE name = 'catalog_version'");
    expect(await count(db, 'subscription_configs')).toBe(1);

    expect(await seedDemo(db)).toStrictEqual(first);
    expect(await seedDemo(db)).toStrictEqual(first);
    expect((await demoPlans(db)).map((plan) => plan.name)).toEqual(['Pro', 'Pro Yearly', 'Team', 'Pro (JPY)']);
    expect(await count(db, 'promotion_codes')).toBe(4);
    expect(await count(db, 'tax_rates')).toBe(4);
  });

  it('upgrades a store made before 003: old plans sell one at a time with tax on top, old sessions keep working', async () => {
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
       SELECT 'cs_test_old', $1, 'hash', 'subscription', 'https://shop.example.com/', subscription_config_id, now() + interval '1 day'
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    expect(
      await db.query(
        `SELECT quantity, lock_email, allow_promotion_codes, metadata, subscription_config_ids, promotion_code_id, customer_country
         FROM checkout_sessions`,
      ),
    ).toStrictEqual([
      { quantity: 1, lock_email: false, allow_promotion_codes: false, metadata: '{}', subscription_config_ids: null, promotion_code_id: null, customer_country: null },
    ]);
    const [pro] = await db.query("SELECT seat_based, min_quantity, max_quantity, tax_behavior FROM subscription_configs WHERE name = 'Pro'");
    expect(pro).toStrictEqual({ seat_based: false, min_quantity: 1, max_quantity: 1, tax_behavior: 'exclusive' });
  });

  it('upgrades a store made before 004, dropping a logo the checkout page could never load and keeping the rest', async () => {
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    // Back to the schema 003 left, with a second merchant whose logo is plain http.
    await db.query('ALTER TABLE merchants DROP CONSTRAINT merchants_logo_url_source');
    await db.query("DELETE FROM schema_migrations WHERE name = '004_logo_url_sources.sql'");
    await db.query("INSERT INTO merchants (merchant_id, account_id, name, logo_url) VALUES ('m_http', 'm_http', 'Plain', 'http://plain.example/logo.png')");

    await migrate(db);

    expect(await db.query('SELECT merchant_id, logo_url FROM merchants ORDER BY merchant_id = $1 DESC', [demo.merchantId])).toStrictEqual([
      { merchant_id: demo.merchantId, logo_url: DEMO_LOGO_URL },
      { merchant_id: 'm_http', logo_url: null },
    ]);
  });

  it.each([
    ['a promotion code with both a percentage and an amount', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, amount_off, currency, duration) VALUES ('p1', $1, 'BOTH', 10, 100, 'USD', 'once')"],
    ['a promotion code with neither', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, duration) VALUES ('p2', $1, 'NONE', 'once')"],
    ['an amount off without its currency', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, amount_off, duration) VALUES ('p3', $1, 'NOCUR', 100, 'once')"],
    ['a lower-case code', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration) VALUES ('p4', $1, 'lower', 10, 'once')"],
    ['a repeating duration without its count', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration) VALUES ('p5', $1, 'REP', 10, 'repeating')"],
    ['a count of intervals on a forever code', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration, duration_in_intervals) VALUES ('p7', $1, 'FOR', 10, 'forever', 3)"],
    ['a duration other than once, forever or repeating', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration) VALUES ('p8', $1, 'ODD', 10, 'sometimes')"],
    ['a second code with the same text', "INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration) VALUES ('p6', $1, 'WELCOME20', 10, 'once')"],
    ['a seat range on a plan that is not per seat', "UPDATE subscription_configs SET max_quantity = 5 WHERE merchant_id = $1 AND name = 'Pro'"],
    ['a seat range whose maximum is below its minimum', "UPDATE subscription_configs SET min_quantity = 10, max_quantity = 5 WHERE merchant_id = $1 AND name = 'Team'"],
    ['a tax rate above 100 %', "INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name) VALUES ('t1', $1, 'US', 10001, 'Tax')"],
    ['a lower-case country', "INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name) VALUES ('t2', $1, 'us', 500, 'Tax')"],
    ['a second active rate for a country', "INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name) VALUES ('t3', $1, 'DE', 700, 'MwSt.')"],
  ])('refuses %s', async (_, sql) => {
    const { db, demo } = await demoStore();
    await expect(db.query(sql, [demo.merchantId])).rejects.toThrow(/constraint/);
  });
});

describe('migration 013: checkout session inputs', () => {
  /** The demo store with one new customer subscribed to Pro, and one open session for Pro. */
  async function storeWithSubscription(db?: Database) {
    db ??= (await openMigratedDatabase()).db;
    const demo = await seedDemo(db);
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_t', $1, 't@example.com', 'T')", [demo.merchantId]);
    await db.query(
      `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end, billing_cycle_anchor)
       SELECT 'sub_t', $1, 'con_t', subscription_config_id, 'active', now(), now() + interval '1 month', now() FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
       SELECT 'cs_t', $1, 'hash_t', 'subscription', 'https://shop.example.com/', subscription_config_id, now() + interval '1 day'
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    return db;
  }
  const sharedStoreWithSubscription = storeForRefusals(storeWithSubscription);

  it('lets a subscription be scheduled, with a fixed term after its start', async () => {
    const db = await storeWithSubscription();
    await db.query("UPDATE subscriptions SET status = 'scheduled', ends_at = current_period_start + interval '1 year'");
    expect(await db.query('SELECT status FROM subscriptions')).toStrictEqual([{ status: 'scheduled' }]);
  });

  it.each([
    ['a status other than scheduled, active or canceled', "UPDATE subscriptions SET status = 'paused'", 'subscriptions_status_check'],
    ['a term that ends when it starts', 'UPDATE subscriptions SET ends_at = current_period_start', 'subscriptions_ends_after_start'],
    ['an end date at the start date', "UPDATE checkout_sessions SET start_date = now() + interval '2 days', end_date = now() + interval '2 days'", 'checkout_sessions_end_after_start'],
    ['a start date for a credit bundle', "UPDATE checkout_sessions SET checkout_mode = 'credit_bundle', start_date = now() + interval '2 days'", 'checkout_sessions_term_of_a_subscription'],
    ['a custom amount with a later start', "UPDATE checkout_sessions SET custom_amount = 100, custom_tax_behavior = 'inclusive', start_date = now() + interval '2 days'", 'checkout_sessions_custom_amount_paid_at_checkout'],
    ['a custom amount without its tax behavior', 'UPDATE checkout_sessions SET custom_amount = 100', 'checkout_sessions_custom_amount_tax_behavior'],
    ['an IP country that is not a code', "UPDATE checkout_sessions SET ip_country = 'gb'", 'checkout_sessions_ip_country_check'],
  ])('refuses %s', async (_, sql, constraint) => {
    const db = await sharedStoreWithSubscription();
    await expect(db.query(sql)).rejects.toThrow(`constraint "${constraint}"`);
  });
});

describe('migration 006: subscriptions and payments by merchant', () => {
  /** A store as 005 left it: migrated, then 006's columns and indexes taken away again. */
  async function storeBefore006() {
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    for (const column of ['merchant_id', 'cancel_at_period_end', 'cancel_at', 'canceled_at', 'ended_at']) {
      await db.query(`ALTER TABLE subscriptions DROP COLUMN ${column}`);
    }
    await db.query('ALTER TABLE payments DROP COLUMN merchant_id');
    await db.query('ALTER TABLE payments DROP COLUMN connection_id');
    // Migration 016's invoices point at the (merchant, connection) index that 006 makes.
    await db.query('ALTER TABLE invoices DROP CONSTRAINT invoices_connection_of_merchant');
    for (const index of ['connections_by_merchant', 'checkout_sessions_by_merchant', 'subscriptions_by_connection', 'payments_by_session']) {
      await db.query(`DROP INDEX ${index}`);
    }
    await db.query("DELETE FROM schema_migrations WHERE name = '006_subscriptions_and_payments.sql'");
    return { db, demo };
  }

  it('upgrades a store made before 006, copying each subscription’s and payment’s merchant and connection', async () => {
    const { db, demo } = await storeBefore006();
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_old', $1, 'old@example.com', 'Old')", [demo.merchantId]);
    await db.query(
      `INSERT INTO subscriptions (subscription_id, connection_id, subscription_config_id, status, current_period_start, current_period_end, billing_cycle_anchor)
       SELECT s.id, 'con_old', subscription_config_id, s.status, now() - interval '1 month', now() + s.days * interval '1 day', now() - interval '1 month'
       FROM subscription_configs, (VALUES ('sub_active', 'active', 3), ('sub_canceled', 'canceled', -3)) AS s (id, status, days)
       WHERE name = 'Pro'`,
    );
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at, connection_id)
       SELECT 'cs_old', $1, 'hash', 'subscription', 'https://shop.example.com/', subscription_config_id, now(), 'con_old'
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO payments (payment_id, checkout_session_id, amount, currency, status, card_brand, card_last4)
       VALUES ('pay_old', 'cs_old', 1900, 'USD', 'succeeded', 'visa', '4242')`,
    );

    await migrate(db);

    expect(
      await db.query(
        `SELECT subscription_id, merchant_id, status, cancel_at_period_end, cancel_at, canceled_at = current_period_end AS canceled_at_period_end,
           ended_at = canceled_at AS ended_when_canceled
         FROM subscriptions ORDER BY subscription_id`,
      ),
    ).toStrictEqual([
      { subscription_id: 'sub_active', merchant_id: demo.merchantId, status: 'active', cancel_at_period_end: false, cancel_at: null, canceled_at_period_end: null, ended_when_canceled: null },
      { subscription_id: 'sub_canceled', merchant_id: demo.merchantId, status: 'canceled', cancel_at_period_end: false, cancel_at: null, canceled_at_period_end: true, ended_when_canceled: true },
    ]);
    expect(await db.query('SELECT payment_id, merchant_id, connection_id FROM payments')).toStrictEqual([
      { payment_id: 'pay_old', merchant_id: demo.merchantId, connection_id: 'con_old' },
    ]);
  });

  /** The demo store with a customer's subscription, session and payment, and another merchant with a customer. */
  const storeWithOtherMerchant = storeForRefusals(async (db) => {
    const demo = await seedDemo(db);
    await db.query("INSERT INTO merchants (merchant_id, account_id, name) VALUES ('mer_other', 'mer_other', 'Other')");
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_other', 'mer_other', 'o@example.com', 'O')");
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_mine', $1, 'm@example.com', 'M')", [demo.merchantId]);
    await db.query(
      `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end, billing_cycle_anchor)
       SELECT 'sub_mine', $1, 'con_mine', subscription_config_id, 'active', now(), now() + interval '1 month', now()
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
       SELECT 'cs_mine', $1, 'hash', 'subscription', 'https://shop.example.com/', subscription_config_id, now()
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO payments (payment_id, merchant_id, checkout_session_id, connection_id, amount, currency, status, card_brand, card_last4)
       VALUES ('pay_mine', $1, 'cs_mine', 'con_mine', 1900, 'USD', 'succeeded', 'visa', '4242')`,
      [demo.merchantId],
    );
    return db;
  });

  it.each([
    ['a subscription whose merchant is not its connection’s', "UPDATE subscriptions SET merchant_id = 'mer_other'", 'subscriptions_connection_of_merchant'],
    ['a payment whose merchant is not its session’s', "UPDATE payments SET merchant_id = 'mer_other', connection_id = NULL", 'payments_session_of_merchant'],
    ['a payment for another merchant’s connection', "UPDATE payments SET connection_id = 'con_other'", 'payments_connection_of_merchant'],
    ['a cancellation at the period’s end without its date', 'UPDATE subscriptions SET cancel_at_period_end = true', 'subscriptions_cancel_at_period_end'],
    ['an active subscription that has ended', 'UPDATE subscriptions SET ended_at = now()', 'subscriptions_ended'],
  ])('refuses %s', async (_, sql, constraint) => {
    const db = await storeWithOtherMerchant();
    await expect(db.query(sql)).rejects.toThrow(`constraint "${constraint}"`);
  });
});

describe('migration 020: the billing cycle anchor, and renewals as payments', () => {
  /** A store as 019 left it, with a customer of the demo merchant: migrated, then 020's changes taken away again. */
  async function storeBefore020(db?: Database) {
    db ??= (await openMigratedDatabase()).db;
    const demo = await seedDemo(db);
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_old', $1, 'old@example.com', 'Old')", [demo.merchantId]);
    for (const sql of [
      'ALTER TABLE subscriptions DROP COLUMN billing_cycle_anchor',
      'ALTER TABLE invoices DROP COLUMN payment_id',
      'ALTER TABLE payments DROP COLUMN invoice_id',
      'ALTER TABLE payments ALTER COLUMN checkout_session_id SET NOT NULL',
      'DROP INDEX invoices_by_merchant',
      'CREATE INDEX invoices_by_merchant ON invoices (merchant_id, invoice_id)',
      'DROP INDEX payments_processing',
      "CREATE INDEX payments_processing ON payments (checked_at NULLS FIRST) WHERE status = 'processing'",
      "DELETE FROM schema_migrations WHERE name = '020_anchor_and_renewal_payments.sql'",
    ]) {
      await db.query(sql);
    }
    return { db, demo };
  }

  /** A store as 019 left it, with a payment of the demo merchant's and an invoice of another's, upgraded by 020. */
  const upgradedWithInvoices = storeForRefusals(async (db) => {
    const { demo } = await storeBefore020(db);
    await db.query("INSERT INTO merchants (merchant_id, account_id, name) VALUES ('mer_other', 'mer_other', 'Other')");
    await db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ('con_other', 'mer_other', 'o@example.com', 'O')");
    await db.query(
      `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end)
       SELECT s.id, s.merchant, s.connection, subscription_config_id, 'active', now(), now() + interval '1 month'
       FROM subscription_configs, (VALUES ('sub_old', $1, 'con_old'), ('sub_other', 'mer_other', 'con_other')) AS s (id, merchant, connection)
       WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO invoices (invoice_id, merchant_id, subscription_id, connection_id, period_start, period_end, currency, subtotal, discount, tax,
         amount, status, paid_at, created_at)
       SELECT 'in_' || i.name, s.merchant_id, s.subscription_id, s.connection_id, now(), now() + interval '1 month', 'USD', 1900, 0, 0, 1900, 'paid', now(), now()
       FROM subscriptions s, (VALUES ('old', 'sub_old'), ('other', 'sub_other')) AS i (name, subscription)
       WHERE s.subscription_id = i.subscription`,
    );
    await db.query(
      `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
       SELECT 'cs_old', $1, 'hash', 'subscription', 'https://shop.example.com/', subscription_config_id, now() FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await db.query(
      `INSERT INTO payments (payment_id, merchant_id, checkout_session_id, connection_id, amount, currency, status, card_brand, card_last4)
       VALUES ('pay_old', $1, 'cs_old', 'con_old', 1900, 'USD', 'succeeded', 'visa', '4242')`,
      [demo.merchantId],
    );
    await migrate(db);
    return db;
  });

  it('anchors each subscription the store has at its current period’s start, so none gets a short period', async () => {
    const { db, demo } = await storeBefore020();
    // Renewed twice from Jan 31, one interval after the previous end: its periods now end on the 28th.
    await db.query(
      `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end)
       SELECT 'sub_old', $1, 'con_old', subscription_config_id, 'active', '2025-03-28T12:00:00Z', '2025-04-28T12:00:00Z'
       FROM subscription_configs WHERE name = 'Pro'`,
      [demo.merchantId],
    );
    await migrate(db);
    const [row] = await db.query<{ billing_cycle_anchor: Date }>("SELECT billing_cycle_anchor FROM subscriptions WHERE subscription_id = 'sub_old'");
    expect(row!.billing_cycle_anchor.toISOString()).toBe('2025-03-28T12:00:00.000Z');
    await expect(db.query("UPDATE subscriptions SET billing_cycle_anchor = '2025-04-01T00:00:00Z'")).rejects.toThrow(
      'constraint "subscriptions_anchor_before_period"',
    );
  });

  it.each([
    ['a payment for both a session and an invoice', "UPDATE payments SET invoice_id = 'in_old'", 'payments_for_session_or_invoice'],
    ['a payment for neither', 'UPDATE payments SET checkout_session_id = NULL', 'payments_for_session_or_invoice'],
    [
      'a payment for another merchant’s invoice',
      "UPDATE payments SET checkout_session_id = NULL, invoice_id = 'in_other', connection_id = NULL",
      'payments_invoice_of_merchant',
    ],
  ])('refuses %s', async (_, sql, constraint) => {
    const db = await upgradedWithInvoices();
    await expect(db.query(sql)).rejects.toThrow(`constraint "${constraint}"`);
  });
});

describe('migration 022: idempotent responses sealed', () => {
  it('deletes the readable responses kept before that hold a secret, and keeps the others', async () => {
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    await db.query("DELETE FROM schema_migrations WHERE name = '022_sealed_idempotent_responses.sql'");
    const kept = {
      api_key: '{"api_key_id":"key_test_1","secret":"sk_test_abc"}',
      live_key: '{"api_key_id":"key_live_1","secret":"sk_live_abc"}',
      session: '{"checkout_session_id":"cs_test_1","checkout_session_token":"eyJzZWNyZXQiOiJjc3Nf"}',
      hosted: '{"checkout_session_id":"cs_test_2","checkout_url":"http://localhost:3000/checkout/h#css_test_abc"}',
      refusal: '{"error":{"code":"validation_error","param":"quantity"}}',
      endpoint: '{"webhook_endpoint_id":"we_1","url":"https://shop.example.com/hooks"}',
    };
    for (const [key, body] of Object.entries(kept)) {
      await db.query("INSERT INTO idempotency_keys (merchant_id, idempotency_key, request_fingerprint, status, response_body) VALUES ($1, $2, 'f', 201, $3)", [
        demo.merchantId,
        key,
        body,
      ]);
    }

    await migrate(db);

    const left = await db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key');
    expect(left.map((row) => row.idempotency_key)).toStrictEqual(['endpoint', 'refusal']);
  });
});

describe('migration 024: events in the order of their transactions', () => {
  it('lists the events a store had before it first, in id order, then those recorded since, whatever their ids', async () => {
    const { db } = await openMigratedDatabase();
    const demo = await seedDemo(db);
    for (const sql of [
      'DROP INDEX events_by_merchant',
      'DROP INDEX events_by_merchant_type',
      'ALTER TABLE events DROP COLUMN txid',
      'CREATE INDEX events_by_merchant ON events (merchant_id, event_id)',
      'CREATE INDEX events_by_merchant_type ON events (merchant_id, type, event_id)',
      "DELETE FROM schema_migrations WHERE name = '024_events_in_commit_order.sql'",
    ]) {
      await db.query(sql);
    }
    const insert = "INSERT INTO events (event_id, merchant_id, type, data) VALUES ($1, $2, 'checkout.completed', '{}')";
    for (const eventId of ['evt_test_2', 'evt_test_3']) await db.query(insert, [eventId, demo.merchantId]);
    await migrate(db);
    // Recorded since, with an id that sorts before the older events': the list goes by transaction first.
    await db.transaction((tx) => tx.query(insert, ['evt_test_1', demo.merchantId]));
    // On a Postgres server other test files share, a transaction of theirs begun meanwhile holds the new event back.
    await olderTransactionsEnded(db);

    const listed = await listEvents(db, demo.merchantId, {});
    expect(listed.data.map((event) => event.event_id)).toStrictEqual(['evt_test_2', 'evt_test_3', 'evt_test_1']);
    expect((await listEvents(db, demo.merchantId, { cursor: 'evt_test_3' })).data.map((event) => event.event_id)).toStrictEqual(['evt_test_1']);
    const txids = await db.query<{ event_id: string; txid: string }>('SELECT event_id, txid::text FROM events ORDER BY event_id');
    expect(txids.map((row) => row.txid === '0')).toStrictEqual([false, true, true]);
  });
});
