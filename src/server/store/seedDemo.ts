import { createId } from '../ids';
import { createSecret, hashSecret } from '../secrets';
import type { Database } from './Database';

export interface DemoMerchant {
  merchantId: string;
  apiKey: string;
}

/**
 * On an empty store, creates the demo merchant with a monthly plan and two credit bundles for it.
 * `pinnedApiKey` (TILL_API_KEY) is installed as the merchant's key, so scripts can rely on a known key.
 */
export async function seedDemo(db: Database, pinnedApiKey?: string): Promise<DemoMerchant> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ value: string }>("SELECT value FROM demo_settings WHERE name = 'merchant_id'");
    let merchantId = existing?.value;
    if (!merchantId) {
      merchantId = createId('mer');
      const planId = createId('sc');
      await tx.query('INSERT INTO merchants (merchant_id, name) VALUES ($1, $2)', [merchantId, 'Acme AI']);
      await tx.query(
        `INSERT INTO subscription_configs
           (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit)
         VALUES ($1, $2, 'Pro', 1900, 'USD', 'month', 1000)`,
        [planId, merchantId],
      );
      for (const [name, cost, credit] of [['Starter pack', 500, 500], ['Power pack', 2000, 2500]] as const) {
        await tx.query(
          'INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount) VALUES ($1, $2, $3, $4, $5)',
          [createId('cb'), planId, name, cost, credit],
        );
      }
      await tx.query("INSERT INTO demo_settings (name, value) VALUES ('merchant_id', $1)", [merchantId]);
    }
    const [stored] = await tx.query<{ value: string }>("SELECT value FROM demo_settings WHERE name = 'api_key'");
    const apiKey = pinnedApiKey ?? stored?.value ?? createSecret('sk_test');
    if (apiKey !== stored?.value) {
      await tx.query(
        `INSERT INTO demo_settings (name, value) VALUES ('api_key', $1)
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
        [apiKey],
      );
      await tx.query('INSERT INTO api_keys (key_hash, merchant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        hashSecret(apiKey),
        merchantId,
      ]);
    }
    return { merchantId, apiKey };
  });
}
