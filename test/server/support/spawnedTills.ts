import { expect, type TestContext } from 'vitest';
import { spawnTill, type SpawnedTill, type StoreLocation } from './spawnTill';
import { createTestDatabase } from './testDatabase';
import { newCustomerPayment, secretOf } from './testServer';
import { tokenizeCard } from './tokenizeCard';

/** Whether spawned servers share the Postgres server of TEST_DATABASE_URL (CI) rather than a PGlite directory. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Real server processes on a real store, for the tests that kill them: a test's stores and servers are made fresh
 * and cleaned up when it finishes, the last made first. Each test calls this with its own `onTestFinished`, so that
 * tests running side by side (`describe.concurrent`: most of their time is spent waiting for a claim to expire or a
 * retry to come due) clean up only what they made.
 */
export function spawnedTills(apiKey: string, onTestFinished: TestContext['onTestFinished']) {
  const cleanups: (() => Promise<unknown>)[] = [];
  onTestFinished(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    /** Runs `cleanup` when the test finishes. */
    afterTest(cleanup: () => Promise<unknown>) {
      cleanups.push(cleanup);
    },
    /** A migrated store: a copy of the run's PGlite template, or a schema of its own on Postgres. */
    async freshStore(): Promise<StoreLocation> {
      const database = await createTestDatabase({ migrated: true });
      cleanups.push(() => database.drop());
      return database.options;
    },
    async startServer(store: StoreLocation, env: Record<string, string> = {}): Promise<SpawnedTill> {
      const till = await spawnTill(store, apiKey, env);
      cleanups.push(() => till.kill());
      return till;
    },
  };
}

/**
 * A new customer's subscription to `planId` (the first plan when not given), bought through the checkout app's
 * API of a spawned server as the app buys it: the card tokenized first.
 */
export async function purchaseThrough(till: SpawnedTill, planId?: string): Promise<{ sessionId: string; subscriptionId: string }> {
  const plan = planId ?? (await till.api('GET', '/v1/subscription_configs')).body.data[0].subscription_config_id;
  const { status, body: session } = await till.api('POST', '/v1/checkout_sessions', {
    checkout_mode: 'subscription',
    origin_url: 'http://localhost:4000/',
    subscription_config_id: plan,
  });
  expect(status).toBe(201);
  const body = await tokenizeCard((path, init) => fetch(till.url + path, init), newCustomerPayment());
  const completed = await till.api('POST', '/api/checkout/complete', body, secretOf(session));
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return { sessionId: session.checkout_session_id, subscriptionId: completed.body.subscription_id };
}
