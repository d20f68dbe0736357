import type { SubscriptionRow } from './getConnection';

/** A subscription as the merchant API returns it: on its connection, and in `subscription.*` events. */
export function serializeSubscription(subscription: SubscriptionRow) {
  return {
    subscription_id: subscription.subscription_id,
    connection_id: subscription.connection_id,
    subscription_config_id: subscription.subscription_config_id,
    status: subscription.status,
    quantity: subscription.quantity,
    current_period_start: subscription.current_period_start.toISOString(),
    current_period_end: subscription.current_period_end.toISOString(),
    created_at: subscription.created_at.toISOString(),
  };
}
