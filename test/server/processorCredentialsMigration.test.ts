import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../../src/server/encryption/secretBox';
import { findProcessorCredentials, stripeKeysOf } from '../../src/server/payments/processorCredentials';
import { findProcessorSettings, serializeProcessorSettings } from '../../src/server/payments/processorSettings';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemo } from '../../src/server/store/seedDemo';
import { openStoreBefore } from './support/openStoreBefore';

const encryptionKey = randomBytes(32);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A checkout session of the demo merchant and one payment of it, by `processor`. */
async function insertPayment(db: Database, merchantId: string, paymentId: string, processor: 'test' | 'stripe') {
  await db.query(
    `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
     SELECT $2, $1, $2, 'subscription', 'https://shop.example.com/', subscription_config_id, now() FROM subscription_configs WHERE name = 'Pro'`,
    [merchantId, `cs_${paymentId}`],
  );
  await db.query(
    `INSERT INTO payments (payment_id, merchant_id, checkout_session_id, amount, currency, status, card_brand, card_last4, processor, processor_payment_id)
     VALUES ($1, $2, $3, 1900, 'USD', 'succeeded', 'visa', '4242', $4, $5)`,
    [paymentId, merchantId, `cs_${paymentId}`, processor, `pi_${paymentId}`],
  );
}

/** A set of keys, whose sealed values no test opens. */
const insertCredentials = (db: Database, merchantId: string, credentialsId: string) =>
  db.query(
    `INSERT INTO processor_credentials
       (credentials_id, merchant_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed)
     VALUES ($1, $2, 'sealed', 'Abcd', 'pk_test_1', 'sealed')`,
    [credentialsId, merchantId],
  );

describe('migration 027: processor credentials', () => {
  it('moves a Stripe merchant’s keys into its first set of credentials, which its Stripe payments keep, and which still open', async () => {
    const db = await openStoreBefore('027', cleanups);
    const { merchantId } = await seedDemo(db);
    // Sealed as 017's `saveProcessorSettings` sealed them, bound to the merchant and the column.
    await db.query(
      `INSERT INTO merchant_processors
         (merchant_id, processor, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed)
       VALUES ($1, 'stripe', $2, 'Abcd', 'pk_test_51Publishable', $3)`,
      [
        merchantId,
        encryptSecret(encryptionKey, 'sk_test_51SecretAbcd', `merchant_processors.secret_key:${merchantId}`),
        encryptSecret(encryptionKey, 'whsec_Signing', `merchant_processors.webhook_secret:${merchantId}`),
      ],
    );
    await insertPayment(db, merchantId, 'pay_stripe', 'stripe');
    await insertPayment(db, merchantId, 'pay_test', 'test');

    await migrate(db);

    const settings = (await findProcessorSettings(db, merchantId))!;
    expect(serializeProcessorSettings(merchantId, settings, 'http://localhost:3000/')).toMatchObject({
      processor: 'stripe', stripe: { secret_key_last4: 'Abcd', publishable_key: 'pk_test_51Publishable' },
    });
    const credentials = (await findProcessorCredentials(db, merchantId, settings.credentials_id!))!;
    expect(stripeKeysOf(credentials, encryptionKey)).toEqual({
      secretKey: 'sk_test_51SecretAbcd', publishableKey: 'pk_test_51Publishable', webhookSecret: 'whsec_Signing',
    });
    expect(await db.query('SELECT payment_id, processor_credentials_id FROM payments ORDER BY payment_id')).toEqual([
      { payment_id: 'pay_stripe', processor_credentials_id: settings.credentials_id },
      { payment_id: 'pay_test', processor_credentials_id: null },
    ]);
  });

  it('refuses settings on Stripe without keys, keys of another merchant, and keys on a test processor’s payment', async () => {
    const db = await openStoreBefore('027', cleanups);
    await migrate(db);
    const { merchantId } = await seedDemo(db);
    await db.query("INSERT INTO merchants (merchant_id, account_id, name) VALUES ('mer_other', 'mer_other', 'Other')");
    await insertCredentials(db, 'mer_other', 'pcr_other');
    await expect(db.query("INSERT INTO merchant_processors (merchant_id, processor) VALUES ($1, 'stripe')", [merchantId])).rejects.toThrow(
      'merchant_processors_stripe_keys',
    );
    await expect(
      db.query("INSERT INTO merchant_processors (merchant_id, processor, credentials_id) VALUES ($1, 'stripe', 'pcr_other')", [merchantId]),
    ).rejects.toThrow('merchant_processors_credentials_of_merchant');
    await insertCredentials(db, merchantId, 'pcr_mine');
    await insertPayment(db, merchantId, 'pay_test', 'test');
    await expect(db.query("UPDATE payments SET processor_credentials_id = 'pcr_mine'")).rejects.toThrow('payments_credentials_of_stripe');
  });
});
