import { z } from 'zod';
import { decimalAmount } from '../fields';

/**
 * The session's promotion as the customer may see it: the code applied and its effect, never any other code of
 * the merchant's.
 */
export const checkoutPromotion = z
  .strictObject({
    code: z.string().describe('The code, upper-case as the merchant stored it.'),
    description: z.string().describe('Its effect in English ("20% off the first payment"), for a client without wording of its own.'),
    percent_off: z.number().int().min(1).max(100).nullable().describe('A whole percentage off (20 is 20 %); null for an amount off.'),
    amount_off: decimalAmount.nullable().describe('An amount off in the session’s currency; null for a percentage off.'),
    duration: z
      .enum(['once', 'forever', 'repeating'])
      .describe('`once` discounts the first payment, `forever` every payment, `repeating` the first `duration_in_intervals`.'),
    duration_in_intervals: z.number().int().min(1).nullable().describe('For `repeating`: how many payments, the first included; null otherwise.'),
    applies: z.boolean().describe('False when the code does not discount the current plan (another plan was chosen, or it expired or ran out since), so the estimate is without it.'),
  })
  .meta({ id: 'CheckoutPromotion', description: 'The promotion code applied to the checkout, and its effect.' });
