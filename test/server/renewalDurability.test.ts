import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/store/openDatabase';
import { olderTransactionsEnded } from './support/olderTransactionsEnded';
import { buySubscription, invoicesOf } from './support/renewals';
import type { SpawnedTill, StoreLocation } from './support/spawnTill';
import { useTestServer } from './support/testServer';
import { onPostgres, purchaseThrough, spawnedTills } from './support/spawnedTills';

// Issue 12: a period is charged at most once, across a process killed mid-renewal and across workers side by side.
const API_KEY = 'sk_test_renewals_0123456789';
const FORTY_DAYS = 40 * 86_400;

const subscribe = async (till: SpawnedTill) => (await purchaseThrough(till)).subscriptionId;

/** A count read straight from the store, while no server has it open (PGlite's directory takes one process). */
async function countInStore(store: StoreLocation, sql: string): Promise<number> {
  const db = await openDatabase(store);
  try {
    return (await db.query<{ count: number }>(sql))[0]!.count;
  } finally {
    await db.close();
  }
}

/**
 * The server's events of one type, once every transaction begun before this call has ended (`olderTransactionsEnded`):
 * on Postgres, through a connection of the test's own; a PGlite directory is the server's alone, and holds none back.
 */
async function eventsOf(till: SpawnedTill, store: StoreLocation, type: string) {
  if (onPostgres) {
    const db = await openDatabase(store);
    try {
      await olderTransactionsEnded(db);
    } finally {
      await db.close();
    }
  }
  return (await till.api('GET', `/v1/events?type=${type}&limit=100`)).body.data as { data: { subscription_id: string } }[];
}

describe(`renewals across a process death (${onPostgres ? 'Postgres' : 'PGlite directory'})`, { timeout: 120_000 }, () => {
  it('charges each period once when the server is killed with SIGKILL after a charge, before its commit, and restarts on the same store', async ({ onTestFinished }) => {
    const { freshStore, startServer } = spawnedTills(API_KEY, onTestFinished);
    const store = await freshStore();
    // Test only: the server kills itself right after the processor answers its second renewal charge.
    const first = await startServer(store, { TILL_TEST_KILL_AFTER_OFF_SESSION_CHARGES: '2' });
    const exited = new Promise((resolve) => first.process.once('exit', (_code, signal) => resolve(signal)));
    const subscriptionIds = [await subscribe(first), await subscribe(first), await subscribe(first)];
    await first.api('POST', '/v1/test_helpers/advance_time', { seconds: FORTY_DAYS });
    expect(await exited).toBe('SIGKILL');
    // The first renewal committed; the second was charged, and nothing of it committed.
    expect(await countInStore(store, "SELECT count(*)::int AS count FROM invoices")).toBe(1);

    const second = await startServer(store);
    const paid = async () => (await second.api('GET', '/v1/invoices?status=paid&limit=100')).body.data as { subscription_id: string }[];
    while ((await paid()).length < 3) await new Promise((resolve) => setTimeout(resolve, 100));

    const invoices = (await second.api('GET', '/v1/invoices?limit=100')).body.data as { subscription_id: string; status: string }[];
    expect(invoices.map((invoice) => invoice.subscription_id).sort()).toStrictEqual([...subscriptionIds].sort());
    expect(invoices.every((invoice) => invoice.status === 'paid')).toBe(true);
    for (const type of ['invoice.paid', 'subscription.renewed']) {
      expect((await eventsOf(second, store, type)).map((event) => event.data.subscription_id).sort()).toStrictEqual([...subscriptionIds].sort());
    }
    expect(await second.terminate()).toBe(0);

    // The processor's books: one charge per period, the one cut short included (its key was asked again).
    expect(await countInStore(store, "SELECT count(*)::int AS count FROM test_payment_intents WHERE idempotency_key LIKE 'renewal_%'")).toBe(3);
  });
});

describe('renewals by two workers on one store', { timeout: 120_000 }, () => {
  const till = useTestServer();

  it(`charge each of 20 due subscriptions exactly once (${onPostgres ? 'Postgres, two connections' : 'one PGlite'})`, async () => {
    const bought = [];
    for (let batch = 0; batch < 4; batch++) bought.push(...(await Promise.all(Array.from({ length: 5 }, () => buySubscription(till)))));
    const subscriptionIds = bought.map((subscription) => subscription.subscriptionId).sort();
    till.startWorker({ pollIntervalMs: 20 });
    till.startWorker({ pollIntervalMs: 20 });
    await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: FORTY_DAYS } });

    const paidOf = async () => (await till.api('GET', '/v1/invoices?status=paid&limit=100')).body.data as { subscription_id: string }[];
    while ((await paidOf()).length < 20) await new Promise((resolve) => setTimeout(resolve, 50));
    await till.stopWorkers();

    for (const subscriptionId of subscriptionIds) expect(await invoicesOf(till, subscriptionId)).toHaveLength(1);
    const renewed = await till.eventsOfType('subscription.renewed');
    expect(renewed.map((event) => event.data.subscription_id).sort()).toStrictEqual(subscriptionIds);
    const charges = await till.db.query("SELECT 1 FROM test_payment_intents WHERE idempotency_key LIKE 'renewal_%'");
    expect(charges).toHaveLength(20);
  });
});
