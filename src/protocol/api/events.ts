import { z } from 'zod';
import { DECLINE_CODES } from './apiErrors';
import { checkoutSession } from './checkoutSessions';
import { connection } from './connections';
import { API_YEARS_MESSAGE, decimalAmount, isInApiYears, isoCurrency, objectId, timestamp } from './fields';
import { invoice } from './invoices';
import { pageQuery } from './lists';
import { refund } from './refunds';
import { subscription } from './subscriptions';

/** Every event type Till records; a webhook endpoint subscribes to some of them, or to `*` for all. */
export const EVENT_TYPES = [
  'checkout.completed',
  'checkout.expired',
  'connection.created',
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'subscription.renewed',
  'subscription.past_due',
  'invoice.paid',
  'invoice.payment_failed',
  'credits.purchased',
  'payment.failed',
  'payment.refunded',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** An ISO 8601 date-time, passed on in UTC: the store refuses some offsets and years that the format allows. */
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, like 2026-12-04T10:00:00Z' })
  .refine(isInApiYears, API_YEARS_MESSAGE)
  .transform((value) => new Date(value).toISOString());

/** `GET /v1/events`: oldest first, so a cursor at the last event seen returns what happened since. */
export const listEventsQuery = pageQuery.extend({
  type: z.enum(EVENT_TYPES).optional().describe('Only events of this type.'),
  created_gte: instant.optional().describe('Only events created at or after this instant (ISO 8601 with an offset).'),
  created_lt: instant.optional().describe('Only events created before this instant (ISO 8601 with an offset).'),
});

/** `POST /v1/events/{id}/redeliver`. */
export const redeliverEventBody = z.strictObject({
  webhook_endpoint_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Send it to this enabled endpoint only; by default, to every enabled endpoint subscribed to its type.'),
});

export const eventRedelivery = z
  .strictObject({
    event_id: objectId('evt').describe('The event sent again.'),
    webhook_endpoint_ids: z.array(objectId('we')).describe('The endpoints it is sent to now, on a fresh retry schedule; empty if none.'),
  })
  .meta({ id: 'EventRedelivery', description: 'Where an event is being sent again.' });

/** `data` of `credits.purchased`. */
export const creditsPurchase = z
  .strictObject({
    connection_id: objectId('con').describe('The customer who bought the credits.'),
    checkout_session_id: objectId('cs').describe('The checkout session they bought them in.'),
    credit_bundle_id: objectId('cb').describe('The credit bundle bought.'),
    credits_added: decimalAmount.describe('The credits added, a decimal string.'),
    credit_balance: decimalAmount.describe("The customer's credit balance after the purchase."),
  })
  .meta({ id: 'CreditsPurchase', description: 'A credit pack bought by a customer.' });

/** `data` of `payment.failed`: why, and nothing of the card (not its number, brand or last digits). */
export const paymentFailure = z
  .strictObject({
    payment_id: objectId('pay').describe('The declined payment, as `GET /v1/payments` lists it.'),
    checkout_session_id: objectId('cs').describe('The checkout session the customer tried to pay.'),
    connection_id: objectId('con').nullable().describe('The customer, if known (named by the session, or found by email); null otherwise.'),
    amount: decimalAmount.describe('The amount that was declined, a decimal string in `currency`.'),
    currency: isoCurrency.describe('The currency of `amount` (ISO 4217, upper-case).'),
    decline_code: z.enum(DECLINE_CODES).describe('Why the card was declined.'),
    failure_message: z.string().describe('The sentence the customer was shown.'),
    created_at: timestamp.describe('When the card was declined.'),
  })
  .meta({ id: 'PaymentFailure', description: "A card declined at checkout." });

/** One variant of `Event`: its `type`, and the object its `data` carries. */
function eventOf<Type extends EventType, Data extends z.ZodType>(type: Type, data: Data, id: string, when: string) {
  return z
    .strictObject({
      event_id: objectId('evt').describe('The id of the event, `evt_…`; also the `webhook-id` header of its webhooks.'),
      type: z.literal(type).describe(`\`${type}\`: ${when}.`),
      created_at: timestamp.describe('When it happened.'),
      livemode: z.boolean().describe('Whether it happened in live mode (true) or test mode (false).'),
      data: data.describe('The object as the merchant API returned it at the time of the event.'),
    })
    .meta({ id, description: `${when[0]!.toUpperCase()}${when.slice(1)}.` });
}

/**
 * Something that happened, as `GET /v1/events/{id}` returns it and as a webhook's body carries it. `data` is the
 * object as it was at the event's time, in the shape this version of the API returns it.
 */
export const event = z
  .discriminatedUnion('type', [
    eventOf('checkout.completed', checkoutSession, 'CheckoutCompletedEvent', 'a customer paid'),
    eventOf('checkout.expired', checkoutSession, 'CheckoutExpiredEvent', 'a checkout session passed `expires_at` unpaid'),
    eventOf('connection.created', connection, 'ConnectionCreatedEvent', "a new customer's first purchase"),
    eventOf('subscription.created', subscription, 'SubscriptionCreatedEvent', 'a subscription was sold'),
    eventOf('subscription.updated', subscription, 'SubscriptionUpdatedEvent', "a cancellation was scheduled for the period's end"),
    eventOf('subscription.canceled', subscription, 'SubscriptionCanceledEvent', 'a subscription ended (canceled now, at its period\'s end, at the end of a fixed term, or when the retries of a declined renewal ran out)'),
    eventOf('subscription.renewed', subscription, 'SubscriptionRenewedEvent', 'a subscription\'s next period was paid and began (or a scheduled one\'s first)'),
    eventOf('subscription.past_due', subscription, 'SubscriptionPastDueEvent', 'a renewal was declined, or could not be charged at all for an hour past its due time: the subscription is `past_due` while it is retried'),
    eventOf('invoice.paid', invoice, 'InvoicePaidEvent', 'a renewal was charged'),
    eventOf(
      'invoice.payment_failed',
      invoice,
      'InvoicePaymentFailedEvent',
      'a renewal was declined; `next_attempt_at` says when it is retried (null: never), and `customer_action_required` that the customer must come back to pay',
    ),
    eventOf('credits.purchased', creditsPurchase, 'CreditsPurchasedEvent', 'a credit pack was bought'),
    eventOf('payment.failed', paymentFailure, 'PaymentFailedEvent', 'a card was declined, or a bank’s challenge (3-D Secure) was left unanswered (`decline_code` authentication_required)'),
    eventOf('payment.refunded', refund, 'PaymentRefundedEvent', 'money was given back from a payment'),
  ])
  .meta({ id: 'Event', description: 'Something that happened: its type, when, and the object it happened to.' });

export type Event = z.output<typeof event>;
export type EventRedelivery = z.output<typeof eventRedelivery>;

/** What an event of `Type` carries as its `data`. */
export type EventData<Type extends EventType> = Extract<Event, { type: Type }>['data'];
