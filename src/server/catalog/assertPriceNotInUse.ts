import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';

/**
 * A session is priced from its plan or bundle whenever it is shown or paid, so changing a price some session uses
 * would change what a customer was shown, or what an open checkout charges, under their feet. Such a price is
 * fixed: the merchant creates a new plan or bundle and archives the old one. `changed` is the first price field
 * the request would change (sending the current value changes nothing); null means only name or `active` change.
 *
 * The caller holds the plan's or bundle's row lock (`FOR UPDATE`): a session being created for it takes a key-share
 * lock through its foreign key, so the two take turns and this never misses a session committed meanwhile. A plan
 * only among a new session's options has no such lock; if its price changes during that creation, the session
 * shows the new price from its first view, which is no change under anyone's feet.
 */
export async function assertPriceNotInUse(
  db: Queryable,
  merchantId: string,
  used: { subscriptionConfigId: string } | { creditBundleId: string },
  changed: string | null,
) {
  if (changed === null) return;
  const [session] =
    'creditBundleId' in used
      ? await db.query('SELECT 1 FROM checkout_sessions WHERE credit_bundle_id = $1 LIMIT 1', [used.creditBundleId])
      : await db.query(
          `SELECT 1 FROM checkout_sessions WHERE subscription_config_id = $1
           UNION ALL
           SELECT 1 FROM checkout_sessions WHERE subscription_config_ids::jsonb ? $1 AND merchant_id = $2
           LIMIT 1`,
          [used.subscriptionConfigId, merchantId],
        );
  if (session) {
    const what = 'creditBundleId' in used ? 'credit bundle' : 'plan';
    throw new TillApiError(
      'price_in_use',
      `'${changed}' cannot change: a checkout session uses this ${what}. Create a new ${what} with the new price and archive this one (active: false).`,
      changed,
    );
  }
}
