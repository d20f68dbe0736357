/** Every event type Till records; a webhook endpoint subscribes to some of them, or to `*` for all. */
export const EVENT_TYPES = [
  'checkout.completed',
  'checkout.expired',
  'connection.created',
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'credits.purchased',
  'payment.failed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
