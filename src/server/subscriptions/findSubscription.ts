import type { SubscriptionRow } from '../connections/getConnection';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';

/**
 * A merchant's subscription, or a 404 naming the path's `id`: another merchant's subscription is just as missing.
 * `forUpdate` holds its row lock until the caller's transaction ends, so two changes to it take turns.
 */
export async function findSubscription(db: Queryable, merchantId: string, subscriptionId: string, { forUpdate = false } = {}) {
  const [row] = await db.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE subscription_id = $1 AND merchant_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [subscriptionId, merchantId],
  );
  if (!row) throw new TillApiError('resource_missing', `No subscription with id '${subscriptionId}'.`, 'id');
  return row;
}
