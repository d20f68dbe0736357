import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../../src/server/encryption/secretBox';
import { findProcessorCredentials, stripeKeysOf } from '../../src/server/payments/processorCredentials';
import { findProcessorSettings, serializeProcessorSettings } from '../../src/server/payments/processorSettings';
import type { Database } from '../../src/server/store/Database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemo } from '../../src/server/store/seedDemo';
import { insertCheckoutPayment } from './support/insertCheckoutPayment';
import { insertSealedCredentials } from './support/insertSealedCredentials';
import { openStoreBefore } from './support/openStoreBefore';

const encryptionKey = randomBytes(32);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A payment of the demo merchant, by `processor`. */
const insertPayment = (db: Database, merchantId: string, paymentId: string, processor: 'test' | 'stripe') =>
  insertCheckoutPayment(db, merchantId, paymentId, { processor });

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

  it('refuses settings with keys of another merchant, and keys on a test processor’s payment', async () => {
    const db = await openStoreBefore('027', cleanups);
    await migrate(db);
    const { merchantId } = await seedDemo(db);
    await db.query("INSERT INTO merchants (merchant_id, account_id, name) VALUES ('mer_other', 'mer_other', 'Other')");
    await insertSealedCredentials(db, 'mer_other', 'pcr_other');
    await expect(
      db.query("INSERT INTO merchant_processors (merchant_id, processor, credentials_id) VALUES ($1, 'stripe', 'pcr_other')", [merchantId]),
    ).rejects.toThrow('merchant_processors_credentials_of_merchant');
    await insertSealedCredentials(db, merchantId, 'pcr_mine');
    await insertPayment(db, merchantId, 'pay_test', 'test');
    await expect(db.query("UPDATE payments SET processor_credentials_id = 'pcr_mine'")).rejects.toThrow('payments_credentials_of_stripe');
  });
});
