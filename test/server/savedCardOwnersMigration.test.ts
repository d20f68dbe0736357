import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemo } from '../../src/server/store/seedDemo';
import { insertCheckoutPayment } from './support/insertCheckoutPayment';
import { insertSealedCredentials } from './support/insertSealedCredentials';
import { openStoreBefore } from './support/openStoreBefore';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** What a 027 store holds of one card: a connection saving it, and the payment, if any, that saved it. */
interface Card {
  connectionId: string;
  paymentMethodId: string | null;
  paidBy?: { processor: 'test' | 'stripe'; credentialsId: string | null; status?: string };
  testMethod?: boolean;
}

async function insertCard(db: Database, merchantId: string, { connectionId, paymentMethodId, paidBy, testMethod }: Card) {
  await db.query("INSERT INTO connections (connection_id, merchant_id, email, name, payment_method_id) VALUES ($1, $2, $1 || '@example.com', 'Jo', $3)", [
    connectionId, merchantId, paymentMethodId,
  ]);
  if (testMethod) {
    await db.query(
      `INSERT INTO test_payment_methods (payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, behaviour, test_number)
       VALUES ($1, 'visa', '4242', 12, 2099, 'succeeds', false)`,
      [paymentMethodId],
    );
  }
  if (!paidBy) return;
  await insertCheckoutPayment(db, merchantId, `pay_${connectionId}`, {
    connection_id: connectionId, status: paidBy.status ?? 'succeeded', processor: paidBy.processor, processor_credentials_id: paidBy.credentialsId,
    payment_method_id: paymentMethodId,
  });
}

const ownersOf = (db: Database, table: 'connections' | 'subscriptions') =>
  db.query(`SELECT ${table === 'connections' ? 'connection_id' : 'subscription_id'} AS id, payment_method_processor, payment_method_credentials_id
            FROM ${table} ORDER BY 1`);

describe('migration 028: saved card owners', () => {
  it('names each saved card’s owner after the payment that saved it, or the test processor for its own old cards', async () => {
    const db = await openStoreBefore('028', cleanups);
    const { merchantId } = await seedDemo(db);
    await insertSealedCredentials(db, merchantId, 'pcr_a');
    await insertCard(db, merchantId, { connectionId: 'con_a', paymentMethodId: 'pm_a', paidBy: { processor: 'stripe', credentialsId: 'pcr_a' } });
    await insertCard(db, merchantId, { connectionId: 'con_b', paymentMethodId: 'pm_b', paidBy: { processor: 'test', credentialsId: null }, testMethod: true });
    // 015's copy of a card saved before it, with no payment.
    await insertCard(db, merchantId, { connectionId: 'con_c', paymentMethodId: 'pm_saved_con_c', testMethod: true });
    // Keys 017 forgot: Stripe's, but no set of keys.
    await insertCard(db, merchantId, { connectionId: 'con_d', paymentMethodId: 'pm_d', paidBy: { processor: 'stripe', credentialsId: null } });
    await insertCard(db, merchantId, { connectionId: 'con_e', paymentMethodId: null });
    // A card no payment that succeeded saved: unknown.
    await insertCard(db, merchantId, { connectionId: 'con_f', paymentMethodId: 'pm_f', paidBy: { processor: 'stripe', credentialsId: 'pcr_a', status: 'declined' } });
    await db.query(
      `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end,
         billing_cycle_anchor, payment_method_id)
       SELECT id, $1, 'con_b', subscription_config_id, 'active', now(), now() + interval '1 month', now(), card
       FROM subscription_configs, (VALUES ('sub_own', 'pm_a'), ('sub_025', NULL)) AS s (id, card) WHERE name = 'Pro'`,
      [merchantId],
    );

    await migrate(db);

    expect(await ownersOf(db, 'connections')).toEqual([
      { id: 'con_a', payment_method_processor: 'stripe', payment_method_credentials_id: 'pcr_a' },
      { id: 'con_b', payment_method_processor: 'test', payment_method_credentials_id: null },
      { id: 'con_c', payment_method_processor: 'test', payment_method_credentials_id: null },
      { id: 'con_d', payment_method_processor: 'stripe', payment_method_credentials_id: null },
      { id: 'con_e', payment_method_processor: null, payment_method_credentials_id: null },
      { id: 'con_f', payment_method_processor: null, payment_method_credentials_id: null },
    ]);
    // A subscription made before 025 has no card of its own: it renews on its connection's, with that card's owner.
    expect(await ownersOf(db, 'subscriptions')).toEqual([
      { id: 'sub_025', payment_method_processor: null, payment_method_credentials_id: null },
      { id: 'sub_own', payment_method_processor: 'stripe', payment_method_credentials_id: 'pcr_a' },
    ]);
  });
});
