import type { SubscriptionRow } from '../connections/getConnection';
import { serializeSubscription } from '../connections/serializeSubscription';
import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { listSubscriptionsQuery } from '../../protocol/api/subscriptions';

/**
 * The merchant's subscriptions in id order (oldest first). A connection of another merchant, or one that does not
 * exist, simply has no subscriptions here. Served by `subscriptions_by_merchant`, `subscriptions_by_connection` or
 * `subscriptions_by_merchant_status` (migration 006).
 */
export async function listSubscriptions(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, connection_id, status } = parseInput(listSubscriptionsQuery, query);
  const rows = await db.query<SubscriptionRow>(
    `SELECT * FROM subscriptions
     WHERE merchant_id = $1 AND subscription_id > $2
       AND ($3::text IS NULL OR connection_id = $3) AND ($4::text IS NULL OR status = $4)
     ORDER BY subscription_id LIMIT $5`,
    [merchantId, cursor ?? '', connection_id ?? null, status ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.subscription_id, (page) => page.map(serializeSubscription));
}
