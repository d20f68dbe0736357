import { z } from 'zod';
import { countryCode } from '../fields';
import { MAX_QUANTITY } from '../checkoutSessions';

/**
 * `PATCH /api/checkout/session`: the customer's choices, within what the merchant allowed. Every field is optional;
 * the answer is the checkout's new view, prices included.
 */
export const checkoutUpdate = z
  .strictObject({
    quantity: z
      .number()
      .int()
      .min(1)
      .max(MAX_QUANTITY)
      .optional()
      .describe('Seats, within the plan’s `seat_limits`; only for a per-seat plan without a custom amount.'),
    subscription_config_id: z.string().min(1).max(100).optional().describe('Another of the checkout’s `plan_options`.'),
    promotion_code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe('A promotion code as the customer typed it, in any case; null removes the one applied.'),
    country: countryCode.optional().describe('The customer’s country, in either case: the tax, and so the total, follow it.'),
  })
  .meta({ id: 'CheckoutUpdate', description: 'The customer’s choices: seats, plan, promotion code, country.' });

export type CheckoutUpdate = z.input<typeof checkoutUpdate>;
