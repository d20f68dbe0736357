import type { Database } from '../../../src/server/store/Database';

/**
 * A checkout session of the demo plan and one payment of it (1900 USD, a Visa, succeeded unless `columns` say
 * otherwise), written as rows, for a migration's test to find in the store it upgrades. `columns` are more of the
 * payment's columns, as they stood before the migration.
 */
export async function insertCheckoutPayment(db: Database, merchantId: string, paymentId: string, columns: Record<string, unknown> = {}) {
  const sessionId = `cs_${paymentId}`;
  await db.query(
    `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at)
     SELECT $2, $1, $2, 'subscription', 'https://shop.example.com/', subscription_config_id, now() FROM subscription_configs WHERE name = 'Pro'`,
    [merchantId, sessionId],
  );
  const row = { status: 'succeeded', processor_payment_id: `pi_${paymentId}`, ...columns };
  const names = Object.keys(row);
  await db.query(
    `INSERT INTO payments (payment_id, merchant_id, checkout_session_id, amount, currency, card_brand, card_last4, ${names.join(', ')})
     VALUES ($1, $2, $3, 1900, 'USD', 'visa', '4242', ${names.map((_, index) => `$${index + 4}`).join(', ')})`,
    [paymentId, merchantId, sessionId, ...Object.values(row)],
  );
}
