import { insertApiKey } from '../apiKeys/apiKeys';
import { forgetVerifiedKeys } from '../apiKeys/verifiedKeys';
import { createId } from '../ids';
import { insertMerchant } from '../merchants/merchants';
import { createSecret, hashSecret } from '../secrets';
import type { Database, Queryable } from './Database';

export interface DemoMerchant {
  merchantId: string;
  apiKey: string;
}

/** The demo merchant's logo: an inline SVG, for which the checkout page's CSP adds `data:` to `img-src`. */
export const DEMO_LOGO_URL =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/>' +
      '<path d="M9 23 16 8l7 15h-4l-3-7-3 7z" fill="#fff"/></svg>',
  );

/** Bumped when the demo catalog grows, so stores seeded by an older release get the new entries once. */
const DEMO_CATALOG_VERSION = '2';

/**
 * Issue 4's demo catalog, added after the original Pro plan and its bundles (so those stay first in id order,
 * where the demo shop and older tests look for them): a yearly Pro, a per-seat Team plan, a plan priced in
 * yen with tax included, tax rates, and promotion codes of each kind, one of them expired.
 */
async function seedIssue4Catalog(tx: Queryable, merchantId: string) {
  await tx.query('UPDATE merchants SET logo_url = $2 WHERE account_id = $1', [merchantId, DEMO_LOGO_URL]);
  const plans = [
    { name: 'Pro Yearly', amount: 19000, currency: 'USD', interval: 'year', credit: 12000, seats: null, tax: 'exclusive' },
    { name: 'Team', amount: 1200, currency: 'USD', interval: 'month', credit: 2000, seats: [2, 50], tax: 'exclusive' },
    { name: 'Pro (JPY)', amount: 2900, currency: 'JPY', interval: 'month', credit: 1000, seats: null, tax: 'inclusive' },
  ] as const;
  const ids: Record<string, string> = {};
  for (const plan of plans) {
    ids[plan.name] = createId('sc', 'test');
    await tx.query(
      `INSERT INTO subscription_configs
         (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit,
          seat_based, min_quantity, max_quantity, tax_behavior)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [ids[plan.name], merchantId, plan.name, plan.amount, plan.currency, plan.interval, plan.credit,
        plan.seats !== null, plan.seats?.[0] ?? 1, plan.seats?.[1] ?? 1, plan.tax],
    );
  }
  for (const [country, rateBps, displayName] of [['DE', 1900, 'MwSt.'], ['FR', 2000, 'TVA'], ['GB', 2000, 'VAT'], ['JP', 1000, '消費税']] as const) {
    await tx.query('INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name) VALUES ($1, $2, $3, $4, $5)', [
      createId('txr', 'test'), merchantId, country, rateBps, displayName,
    ]);
  }
  const codes = [
    { code: 'WELCOME20', percentOff: 20, amountOff: null, currency: null, duration: 'once', expiresAt: null, onlyFor: null },
    { code: 'FIVEOFF', percentOff: null, amountOff: 500, currency: 'USD', duration: 'forever', expiresAt: null, onlyFor: null },
    { code: 'TEAM10', percentOff: 10, amountOff: null, currency: null, duration: 'forever', expiresAt: null, onlyFor: 'Team' },
    { code: 'SPRING2020', percentOff: 50, amountOff: null, currency: null, duration: 'once', expiresAt: new Date('2020-06-01T00:00:00Z'), onlyFor: null },
  ] as const;
  for (const code of codes) {
    const promotionCodeId = createId('promo', 'test');
    await tx.query(
      `INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, amount_off, currency, duration, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [promotionCodeId, merchantId, code.code, code.percentOff, code.amountOff, code.currency, code.duration, code.expiresAt],
    );
    if (code.onlyFor) {
      await tx.query('INSERT INTO promotion_code_configs (promotion_code_id, subscription_config_id) VALUES ($1, $2)', [
        promotionCodeId, ids[code.onlyFor],
      ]);
    }
  }
}

/**
 * On an empty store, creates the demo merchant (in test mode, as its pinned key is a test key) with a monthly plan and two credit bundles for it, then the rest of
 * the demo catalog; a store seeded by an older release gets only what it lacks. `pinnedApiKey` (TILL_API_KEY) is
 * installed as the merchant's key, so scripts can rely on a known key.
 */
export async function seedDemo(db: Database, pinnedApiKey?: string): Promise<DemoMerchant> {
  return db.transaction(async (tx) => {
    // Servers starting together on a new Postgres take turns, as they do for the migrations: the second finds the
    // first's merchant instead of making its own and failing on `demo_settings`' key.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('till.seedDemo.' || current_schema()))");
    const [existing] = await tx.query<{ value: string }>("SELECT value FROM demo_settings WHERE name = 'merchant_id'");
    let merchantId = existing?.value;
    if (!merchantId) {
      merchantId = await insertMerchant(tx, 'Acme AI');
      const planId = createId('sc', 'test');
      await tx.query(
        `INSERT INTO subscription_configs
           (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit)
         VALUES ($1, $2, 'Pro', 1900, 'USD', 'month', 1000)`,
        [planId, merchantId],
      );
      for (const [name, cost, credit] of [['Starter pack', 500, 500], ['Power pack', 2000, 2500]] as const) {
        await tx.query(
          'INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount) VALUES ($1, $2, $3, $4, $5)',
          [createId('cb', 'test'), planId, name, cost, credit],
        );
      }
      await tx.query("INSERT INTO demo_settings (name, value) VALUES ('merchant_id', $1)", [merchantId]);
    }
    const [catalog] = await tx.query<{ value: string }>("SELECT value FROM demo_settings WHERE name = 'catalog_version'");
    if (!catalog) {
      await seedIssue4Catalog(tx, merchantId);
      await tx.query("INSERT INTO demo_settings (name, value) VALUES ('catalog_version', $1)", [DEMO_CATALOG_VERSION]);
    }
    const [stored] = await tx.query<{ value: string }>("SELECT value FROM demo_settings WHERE name = 'api_key'");
    const apiKey = pinnedApiKey ?? stored?.value ?? createSecret('sk', 'test');
    if (apiKey !== stored?.value) {
      await tx.query(
        `INSERT INTO demo_settings (name, value) VALUES ('api_key', $1)
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
        [apiKey],
      );
      // A new TILL_API_KEY replaces the key it pinned before: that one stops working, as a rotated key should.
      if (stored) await tx.query('UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1 AND revoked_at IS NULL', [hashSecret(stored.value)]);
      const [known] = await tx.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_keys WHERE key_hash = $1', [hashSecret(apiKey)]);
      if (!known) await insertApiKey(tx, merchantId, { secret: apiKey, description: pinnedApiKey ? 'The demo key (TILL_API_KEY)' : 'The demo key' });
      else if (known.revoked_at) await tx.query('UPDATE api_keys SET revoked_at = NULL WHERE key_hash = $1', [hashSecret(apiKey)]);
    }
    return { merchantId, apiKey };
  }).finally(() => {
    // The key a new TILL_API_KEY replaced is revoked: a server running on this store must stop trusting it.
    forgetVerifiedKeys();
  });
}
