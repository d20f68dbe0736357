import type { SubscriptionRow } from './getConnection';
import { isLive } from '../modes';
import type { Subscription } from '../../protocol/api/subscriptions';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/**
 * A subscription as the merchant API returns it: alone, in lists, on its connection, and in `subscription.*`
 * events. One serializer for all of them, so an event's `data` is always what `GET /v1/subscriptions/:id` said.
 */
export function serializeSubscription(subscription: SubscriptionRow): Subscription {
  return {
    subscription_id: subscription.subscription_id,
    livemode: isLive(subscription.subscription_id),
    connection_id: subscription.connection_id,
    subscription_config_id: subscription.subscription_config_id,
    status: subscription.status,
    quantity: subscription.quantity,
    current_period_start: subscription.current_period_start.toISOString(),
    current_period_end: subscription.current_period_end.toISOString(),
    cancel_at_period_end: subscription.cancel_at_period_end,
    cancel_at: isoOrNull(subscription.cancel_at),
    canceled_at: isoOrNull(subscription.canceled_at),
    ended_at: isoOrNull(subscription.ended_at),
    ends_at: isoOrNull(subscription.ends_at),
    billing_cycle_anchor: subscription.billing_cycle_anchor.toISOString(),
    created_at: subscription.created_at.toISOString(),
  };
}
