import { z } from 'zod';
import { DECLINE_CODES } from './apiErrors';
import { decimalAmount, isoCurrency, objectId, timestamp } from './fields';
import { pageQuery } from './lists';

/** `open` while unpaid (retried on a schedule), `paid`, or `void` when the retries ran out or the subscription ended unpaid. */
const status = z.enum(['open', 'paid', 'void']);

/** `GET /v1/invoices`. */
export const listInvoicesQuery = pageQuery.extend({
  subscription_id: z.string().min(1).max(100).optional().describe("Only this subscription's invoices."),
  connection_id: z.string().min(1).max(100).optional().describe("Only this customer's invoices."),
  status: status.optional().describe('Only invoices in this state.'),
});

/**
 * One period of a subscription, charged off-session with the customer's saved card when the period began: renewals,
 * and the first payment of a subscription that started later than its checkout. At most one per period.
 */
export const invoice = z
  .strictObject({
    invoice_id: objectId('in').describe('The id of the invoice, `in_…`.'),
    livemode: z.boolean().describe('Whether the invoice belongs to live mode (true) or test mode (false).'),
    subscription_id: objectId('sub').describe('The subscription it bills.'),
    connection_id: objectId('con').describe('The customer.'),
    period_start: timestamp.describe('When the period it pays for begins; also when it fell due.'),
    period_end: timestamp.describe('When that period ends.'),
    currency: isoCurrency.describe('The currency of every amount (ISO 4217, upper-case).'),
    subtotal: decimalAmount.describe('The plan’s price for every seat, before discount and tax.'),
    discount: decimalAmount.describe('What the subscription’s promotion code takes off, if it still applies.'),
    tax: decimalAmount.describe('The tax in `amount` (added on top when the plan is tax-exclusive, included when inclusive).'),
    amount: decimalAmount.describe('What is charged: the checkout’s `estimate.next_invoice.amount` for the first renewal.'),
    status: status.describe('`open` while unpaid, `paid`, or `void` when it will not be charged again.'),
    attempts: z.number().int().min(0).describe('How many times the card was charged for it.'),
    next_attempt_at: timestamp.nullable().describe('While `open`: when it is tried again. Null otherwise.'),
    decline_code: z.enum(DECLINE_CODES).nullable().describe('Why the last attempt was declined; null if it was not.'),
    payment_id: objectId('pay')
      .nullable()
      .describe(
        'The payment of the latest attempt (`GET /v1/payments`): once paid, refund the charge with `POST /v1/payments/{id}/refund`. ' +
          'Null when no card was charged (nothing was due, or none was saved), and for an invoice charged before Till recorded renewals as payments.',
      ),
    customer_action_required: z
      .boolean()
      .describe('True when the card asks the customer to authenticate (`authentication_required`): retries cannot pay it, the customer must come back to pay.'),
    paid_at: timestamp.nullable().describe('When it was paid; null unless `paid`.'),
    created_at: timestamp.describe('When it was first tried (the merchant’s test clock in test mode).'),
  })
  .meta({ id: 'Invoice', description: 'One period of a subscription, charged with the saved card.' });

/** `POST /v1/test_helpers/advance_time`. */
export const advanceTimeBody = z.strictObject({
  seconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 366 * 86_400)
    .describe('How far to move the clock forward, in seconds (at most about ten years per call).'),
});

export const testClock = z
  .strictObject({
    now: timestamp.describe("The merchant's test-mode time after the move."),
    offset_seconds: z.number().int().min(0).describe('How far test mode runs ahead of the real clock, in all.'),
  })
  .meta({ id: 'TestClock', description: "Test mode's time: the real clock plus the offset the merchant moved it by." });

export type Invoice = z.output<typeof invoice>;
export type TestClock = z.output<typeof testClock>;
