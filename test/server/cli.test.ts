import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { openDatabase, type DatabaseOptions } from '../../src/server/store/openDatabase';
import { createTestDatabase, type TestDatabase } from './support/testDatabase';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

// The CLI on a fresh store of its own: a PGlite directory, or a fresh schema of TEST_DATABASE_URL's Postgres.
let store: DatabaseOptions;
let cleanup = async () => {};
beforeAll(async () => {
  const database: TestDatabase = await createTestDatabase();
  store = database.options;
  cleanup = database.drop;
});
afterAll(() => cleanup());

/**
 * `node dist/server/cli.js …args`, as an operator runs it in production (the test run keeps the build up to date:
 * test/globalSetup.ts); resolves with what it printed and its exit code. `npm run till` runs the same source under
 * tsx, which costs a second of CPU per command, so only one test goes that way.
 */
const till = (...args: string[]) => tillWith({ TILL_ENCRYPTION_KEY: '' }, ...args);
const tillWith = (env: Record<string, string>, ...args: string[]) => runCli(COMPILED, env, args);
const COMPILED = ['dist/server/cli.js'];
const FROM_SOURCE = ['--import', 'tsx', 'src/server/cli.ts'];

async function runCli(entry: string[], env: Record<string, string>, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: store.dataDir ?? '', DATABASE_URL: store.databaseUrl ?? '', ...env },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const { stdout, stderr, code } = error as { stdout: string; stderr: string; code: number };
    return { stdout, stderr, code };
  }
}

type Request = (path: string, key: string, body?: unknown) => Promise<Response>;

/** The store itself, opened only while the CLI is not running. */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(store);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The server's API over the same store, opened only while the CLI is not running (PGlite is one process's). */
async function withServer<T>(work: (request: Request) => Promise<T>): Promise<T> {
  const db = await openDatabase(store);
  try {
    await migrate(db);
    const app = createApp({ db, publicUrl: 'http://localhost:3000/' });
    return await work(async (path, key, body) =>
      app.request(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  } finally {
    await db.close();
  }
}

describe('the operator CLI', { timeout: 120_000 }, () => {
  it('bootstraps a fresh store: a merchant and keys, listed and revoked, with the API agreeing', async () => {
    const created = await till('merchants', 'create', '--name', 'Fresh Shop');
    expect(created.code, created.stderr).toBe(0);
    const merchantId = /Merchant (mer_test_\w+)/.exec(created.stdout)![1]!;
    const firstKey = /API key +key_test_\w+: (sk_test_\S+)/.exec(created.stdout)![1]!;

    const second = await till('keys', 'create', '--merchant', merchantId, '--description', 'cron');
    const [, secondId, secondKey] = /API key (key_test_\w+): (sk_test_\S+)/.exec(second.stdout)!;
    await withServer(async (request) => {
      expect((await request('/v1/api_keys', firstKey)).status).toBe(200);
      const listed = (await (await request('/v1/api_keys', secondKey!)).json()) as { data: { api_key_id: string }[] };
      expect(listed.data.map((key) => key.api_key_id)).toContain(secondId);
    });

    const list = await till('keys', 'list');
    expect(list.stdout).toContain(`${secondId}  sk_test_…${secondKey!.slice(-4)}  test`);
    expect(list.stdout).not.toContain(secondKey);
    expect(list.stdout).toMatch(/last used 20\d\d-/);

    expect((await till('keys', 'revoke', secondId!)).code).toBe(0);
    await withServer(async (request) => {
      expect((await request('/v1/api_keys', secondKey!)).status).toBe(401);
      expect((await request('/v1/api_keys', firstKey)).status).toBe(200);
    });
    expect((await till('keys', 'list')).stdout).toMatch(new RegExp(`${secondId}.*revoked 20`));
  });

  it('gives a fresh store everything it needs to sell: a merchant whose key creates a plan and sells it', async () => {
    const created = await till('merchants', 'create', '--name', 'Seller');
    const key = /API key +key_test_\w+: (sk_test_\S+)/.exec(created.stdout)![1]!;
    await withServer(async (request) => {
      const plan = await request('/v1/subscription_configs', key, { name: 'Pro', period_amount: '12.00', currency: 'EUR', billing_interval: 'month' });
      expect(plan.status).toBe(201);
      const { subscription_config_id } = (await plan.json()) as { subscription_config_id: string };
      const sessionResponse = await request('/v1/checkout_sessions', key, {
        checkout_mode: 'subscription', origin_url: 'https://seller.example.com/', subscription_config_id,
      });
      expect(sessionResponse.status).toBe(201);
      const session = (await sessionResponse.json()) as { checkout_session_id: string; checkout_session_token: string };
      const { secret } = JSON.parse(Buffer.from(session.checkout_session_token, 'base64').toString()) as { secret: string };
      const card = { number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 1, cvc: '123' };
      const { id } = (await (await request('/test-processor/payment_methods', '', { card })).json()) as { id: string };
      const paid = await request('/api/checkout/complete', secret, {
        customer: { email: 'first@example.com', name: 'First Customer' },
        payment_method: id,
      });
      expect(paid.status).toBe(200);
      const sold = (await (await request(`/v1/checkout_sessions/${session.checkout_session_id}`, key)).json()) as Record<string, unknown>;
      expect(sold).toMatchObject({ status: 'completed', amount_total: '12.00', currency: 'EUR' });
    });
  });

  it('gives a merchant a live key, whose mode shares nothing with test mode', async () => {
    const created = await till('merchants', 'create', '--name', 'Going Live');
    const merchantId = /Merchant (mer_test_\w+)/.exec(created.stdout)![1]!;
    const testKey = /API key +key_test_\w+: (sk_test_\S+)/.exec(created.stdout)![1]!;
    const live = await till('keys', 'create', '--mode', 'live', '--merchant', merchantId);
    expect(live.code, live.stderr).toBe(0);
    const [, liveId, liveKey] = /API key (key_live_\w+): (sk_live_\S+)/.exec(live.stdout)!;

    const testPlanId = await withServer(async (request) => {
      const plan = await request('/v1/subscription_configs', testKey, { name: 'Pro', period_amount: '12.00', currency: 'EUR', billing_interval: 'month' });
      const { subscription_config_id } = (await plan.json()) as { subscription_config_id: string };
      expect((await request(`/v1/subscription_configs/${subscription_config_id}`, liveKey!)).status).toBe(404);
      const livePlan = await request('/v1/subscription_configs', liveKey!, { name: 'Pro', period_amount: '12.00', currency: 'EUR', billing_interval: 'month' });
      expect(await livePlan.json()).toMatchObject({ subscription_config_id: expect.stringMatching(/^sc_live_/), livemode: true });
      return subscription_config_id;
    });
    expect(testPlanId).toMatch(/^sc_test_/);
    expect((await till('merchants', 'list')).stdout).toMatch(new RegExp(`${merchantId} .* test and live  Going Live`));
    const keys = (await till('keys', 'list', '--merchant', merchantId)).stdout;
    expect(keys).toContain(`${liveId}  sk_live_…${liveKey!.slice(-4)}  live`);
    expect(keys).toMatch(/key_test_\w+  sk_test_…\S{4}  test/);
  });

  it('says what is wrong in a sentence, with exit code 2', async () => {
    expect(await till('keys', 'create', '--mode', 'staging')).toMatchObject({ code: 2, stderr: "till: --mode is 'test' or 'live', not 'staging'.\n" });
    expect(await till('merchants', 'create')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^till: Give the merchant a name/) });
    expect(await till('keys', 'revoke', 'key_test_nope')).toMatchObject({ code: 2, stderr: "till: No API key with id 'key_test_nope'.\n" });
    expect(await till('keys', 'create', '--merchant', 'mer_test_nope')).toMatchObject({ code: 2 });
    expect(await till('refunds', 'create')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run till') });
    expect(await till('keys', 'list', '--colour')).toMatchObject({ code: 2 });
  });

  it('says in a sentence, with exit code 1 and no stack, when its settings or store are wrong, and makes nothing for an unknown command', async () => {
    const unreachable = await tillWith({ DATABASE_URL: 'postgres://till:secret-password@127.0.0.1:1/till' }, 'merchants', 'list');
    expect(unreachable).toMatchObject({ code: 1, stderr: expect.stringMatching(/^till: The store could not be opened: .*ECONNREFUSED.*\n$/) });
    expect(unreachable.stderr).not.toMatch(/\n\s+at |secret-password/);
    expect(await tillWith({ PORT: 'abc' }, 'merchants', 'list')).toMatchObject({ code: 1, stderr: "till: PORT must be a port from 0 to 65535, not 'abc'.\n" });
    const nowhere = join(tmpdir(), `till-cli-${randomBytes(4).toString('hex')}`);
    expect(await tillWith({ DATABASE_URL: '', DATA_DIR: nowhere }, 'refunds', 'create')).toMatchObject({ code: 2 });
    expect(existsSync(nowhere)).toBe(false);
  });

  it('refuses, in a sentence, a PGlite directory a running server holds, and changes nothing in it', async () => {
    // A PGlite directory of its own, on Postgres runs too; this process plays the server, holding it while the CLI runs.
    const place = await createTestDatabase({ migrated: true, pglite: true });
    const onIt = { DATABASE_URL: '', DATA_DIR: place.options.dataDir!, TILL_ENCRYPTION_KEY: '' };
    try {
      const held = await openDatabase(place.options);
      try {
        expect(await tillWith(onIt, 'merchants', 'create', '--name', 'Beside The Server')).toStrictEqual({
          code: 1,
          stdout: '',
          stderr: `till: The store could not be opened: The PGlite directory ${place.options.dataDir} is in use by process ${process.pid}: stop it first, or point DATA_DIR elsewhere\n`,
        });
      } finally {
        await held.close();
      }
      expect(await tillWith(onIt, 'merchants', 'list')).toMatchObject({ code: 0, stdout: expect.not.stringContaining('Beside The Server') });
    } finally {
      await place.drop();
    }
  });

  it('runs from source as `npm run till`, as the compiled build does', async () => {
    const args = ['keys', 'create', '--mode', 'staging'];
    const fromSource = await runCli(FROM_SOURCE, { TILL_ENCRYPTION_KEY: '' }, args);
    expect(fromSource).toMatchObject({ code: 2, stderr: "till: --mode is 'test' or 'live', not 'staging'.\n" });
    expect(await till(...args)).toEqual(fromSource);
  });

  it('sets a merchant’s processor to Stripe with its keys sealed, and back to the test processor', async () => {
    const created = await till('merchants', 'create', '--name', 'Stripe Shop');
    const merchantId = /Merchant (mer_test_\w+)/.exec(created.stdout)![1]!;
    const apiKey = /API key +key_test_\w+: (sk_test_\S+)/.exec(created.stdout)![1]!;
    const stripeKeys = ['--secret-key', 'sk_test_51StripeSecretKeyAbcd', '--publishable-key', 'pk_test_51StripePublishable', '--webhook-secret', 'whsec_StripeSigningSecret'];
    const withKey = { TILL_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

    const refused = await till('merchants', 'set-processor', merchantId, 'stripe', ...stripeKeys);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('TILL_ENCRYPTION_KEY') });

    const set = await tillWith(withKey, 'merchants', 'set-processor', merchantId, 'stripe', ...stripeKeys);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(`Merchant ${merchantId} (test mode) takes its payments through Stripe, with the key ending Abcd.`);
    expect(set.stdout).toContain(`/stripe/webhooks/${merchantId}`);
    expect(set.stdout).not.toContain('sk_test_51StripeSecretKeyAbcd');
    await withServer(async (request) => {
      const settings = await (await request('/v1/processor_settings', apiKey)).json();
      expect(settings).toMatchObject({ processor: 'stripe', livemode: false, stripe: { secret_key_last4: 'Abcd', publishable_key: 'pk_test_51StripePublishable' } });
      expect(JSON.stringify(settings)).not.toMatch(/sk_test_51|whsec_/);
    });
    const stored = await withDatabase((db) => db.query('SELECT * FROM processor_credentials WHERE merchant_id = $1', [merchantId]));
    expect(JSON.stringify(stored)).not.toMatch(/StripeSecretKey|StripeSigningSecret/);

    // A live Stripe key is the live mode's, whichever of the business's ids is named.
    const live = await tillWith(withKey, 'merchants', 'set-processor', merchantId, 'stripe',
      '--secret-key', 'sk_live_51LiveSecretKeyWxyz', '--publishable-key', 'pk_live_51LivePublishable', '--webhook-secret', 'whsec_LiveSigningSecret');
    expect(live.stdout).toMatch(/Merchant mer_live_\w+ \(live mode\) takes its payments through Stripe, with the key ending Wxyz\./);

    expect(await till('merchants', 'set-processor', merchantId, 'test')).toMatchObject({ code: 0, stdout: expect.stringContaining('built-in test processor') });
    await withServer(async (request) => {
      expect(await (await request('/v1/processor_settings', apiKey)).json()).toMatchObject({ processor: 'test', stripe: null });
    });
    expect(await till('merchants', 'set-processor', merchantId, 'paypal')).toMatchObject({ code: 2 });
    expect(await tillWith(withKey, 'merchants', 'set-processor', merchantId, 'stripe', '--secret-key', 'sk_test_51Only')).toMatchObject({
      code: 2, stderr: 'till: Stripe needs --publishable-key, --webhook-secret (see --help).\n',
    });
  });
});
