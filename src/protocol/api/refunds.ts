import { z } from 'zod';
import { decimalAmount, isoCurrency, objectId, timestamp } from './fields';

const reason = z.enum(['requested_by_customer', 'duplicate', 'fraudulent']);

/** `POST /v1/payments/{id}/refund`. */
export const createRefundBody = z.strictObject({
  amount: z
    .string()
    .max(32)
    .optional()
    .describe(
      'How much to give back: a decimal string in the payment’s currency, with at most its minor units ("5.00"; "500" for JPY), ' +
        'more than 0 and at most what is left of the payment; by default all that is left.',
    ),
  reason: reason.optional().describe('Why, as Stripe’s refunds say it.'),
});

export const refund = z
  .strictObject({
    refund_id: objectId('re').describe('The id of the refund, `re_…`.'),
    livemode: z.boolean().describe('Whether the refund belongs to live mode (true) or test mode (false).'),
    payment_id: objectId('pay').describe('The payment refunded.'),
    amount: decimalAmount.describe('The amount given back, a decimal string in `currency`.'),
    currency: isoCurrency.describe('The payment’s currency (ISO 4217, upper-case).'),
    reason: reason.nullable().describe('Why, if the merchant said.'),
    created_at: timestamp.describe('When the refund was made.'),
  })
  .meta({ id: 'Refund', description: 'Money given back from a succeeded payment.' });

export type Refund = z.output<typeof refund>;
