import { z } from 'zod';
import { paymentCardBrand } from './paymentCardBrand';
import { DECLINE_CODES } from './apiErrors';
import { decimalAmount, isoCurrency, objectId, timestamp } from './fields';
import { pageQuery } from './lists';

/**
 * As Stripe's PaymentIntents: `requires_action` waits for the customer to confirm it with their bank (and becomes
 * `succeeded` or `declined`), `processing` for the processor to settle it.
 */
const status = z.enum(['succeeded', 'declined', 'requires_action', 'processing']);

/** `GET /v1/payments`. */
export const listPaymentsQuery = pageQuery.extend({
  checkout_session_id: z.string().min(1).max(100).optional().describe("Only this checkout session's payments."),
  connection_id: z.string().min(1).max(100).optional().describe("Only this customer's payments."),
  status: status.optional().describe('Only payments in this status.'),
});

/**
 * Every charge attempt, declined ones too: a checkout's, or a renewal's (an invoice's). Of the card only its brand,
 * last four digits and expiry are stored.
 */
export const payment = z
  .strictObject({
    payment_id: objectId('pay').describe('The id of the payment, `pay_…`.'),
    livemode: z.boolean().describe('Whether the payment belongs to live mode (true) or test mode (false).'),
    checkout_session_id: objectId('cs').nullable().describe('The checkout session it paid for; null for a renewal.'),
    invoice_id: objectId('in')
      .nullable()
      .describe('The invoice it paid, or tried to: a renewal, charged off-session with the saved card. Null for a checkout’s payment.'),
    connection_id: objectId('con')
      .nullable()
      .describe("The customer, as known when they paid; null for a new customer's declined attempt."),
    amount: decimalAmount.describe('The amount charged, or that would have been, a decimal string in `currency`.'),
    amount_refunded: decimalAmount.describe('How much of it was refunded, a decimal string in `currency` ("0.00" if none).'),
    currency: isoCurrency.describe('The currency of `amount` (ISO 4217, upper-case).'),
    status: status.describe('`succeeded`; `declined` by the processor or the card’s bank; `requires_action` or `processing` while neither.'),
    decline_code: z.enum(DECLINE_CODES).nullable().describe('Why the card was declined; null unless `declined`.'),
    card_brand: paymentCardBrand.describe('The brand of the card, as the checkout showed it; `unknown` for a number of no known brand.'),
    card_last4: z.string().regex(/^\d{4}$/).describe('The last four digits of the card number.'),
    card_exp_month: z.number().int().min(1).max(12).nullable().describe('The month the card expires; null for a payment made before Till kept it.'),
    card_exp_year: z.number().int().nullable().describe('The year the card expires; null for a payment made before Till kept it.'),
    created_at: timestamp.describe('When the card was charged.'),
  })
  .meta({ id: 'Payment', description: 'One charge of a card, declined or not.' });

export type Payment = z.output<typeof payment>;
