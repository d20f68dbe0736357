import { z } from 'zod';
import { objectId, timestamp } from './fields';
import { pageQuery } from './lists';

const status = z.enum(['scheduled', 'active', 'past_due', 'canceled']);

/** `GET /v1/subscriptions`. */
export const listSubscriptionsQuery = pageQuery.extend({
  connection_id: z.string().min(1).max(100).optional().describe("Only this customer's subscriptions."),
  status: status.optional().describe('Only subscriptions in this state.'),
});

/** `POST /v1/subscriptions/{id}/cancel`: Stripe's two ways, at the period's end (the default) or now. */
export const cancelSubscriptionBody = z.strictObject({
  at_period_end: z
    .boolean()
    .default(true)
    .describe(
      'true (the default): it stays `active` until the period ends, with `cancel_at_period_end` and `cancel_at`; false: it is `canceled` now.',
    ),
});

/**
 * A subscription as the merchant API returns it: alone, in lists, on its connection, and in `subscription.*`
 * events, so an event's `data` is always what `GET /v1/subscriptions/{id}` said.
 */
export const subscription = z
  .strictObject({
    subscription_id: objectId('sub').describe('The id of the subscription, `sub_…`.'),
    livemode: z.boolean().describe('Whether the subscription belongs to live mode (true) or test mode (false).'),
    connection_id: objectId('con').describe('The customer.'),
    subscription_config_id: objectId('sc').describe('The plan.'),
    status: status.describe(
      '`scheduled` until a later `start_date` begins its first period; `active` while it runs (a cancellation at the period\'s end included); ' +
        '`past_due` while a declined renewal is retried (after 1, 3 and 5 days), or while a renewal that could not be charged at all (the processor ' +
        'failing) is an hour overdue and retried; `canceled` once it ended.',
    ),
    quantity: z.number().int().min(1).describe('Seats of a per-seat plan; 1 otherwise.'),
    current_period_start: timestamp.describe('When the period paid for began (or, when scheduled, begins).'),
    current_period_end: timestamp.describe('When that period ends, and the next payment falls due: the subscription renews then, charging the saved card.'),
    cancel_at_period_end: z.boolean().describe('Whether it is canceled at the end of the current period.'),
    cancel_at: timestamp.nullable().describe('When a scheduled cancellation takes effect: the period\'s end; null if none.'),
    canceled_at: timestamp.nullable().describe('When it was canceled; null while not canceled.'),
    ended_at: timestamp.nullable().describe('When it ended; null while it has not.'),
    ends_at: timestamp.nullable().describe('When a fixed term (the session\'s `end_date`) ends it; null for one that renews until canceled.'),
    billing_cycle_anchor: timestamp.describe(
      'When the first period began. Every period ends a whole number of intervals after it, on the same day of the month, or on the ' +
        'month\'s last day when it is shorter (begun on Jan 31: Feb 28, Mar 31, Apr 30).',
    ),
    created_at: timestamp.describe('When the subscription was created.'),
  })
  .meta({ id: 'Subscription', description: "A customer's subscription to a plan." });

export type Subscription = z.output<typeof subscription>;
