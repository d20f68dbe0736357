import { z } from 'zod';
import { billingInterval } from '../billingInterval';
import { decimalAmount, isoCurrency, objectId } from '../fields';

/** One of the plans the merchant let the customer switch between (`PATCH` with its `subscription_config_id`). */
export const checkoutPlanOption = z
  .strictObject({
    subscription_config_id: objectId('sc').describe('The plan’s id, to send as `subscription_config_id` to switch to it.'),
    name: z.string().describe('The plan’s name, as the merchant gave it.'),
    price: decimalAmount.describe('The price per period of one seat (or of the plan), before discount and tax.'),
    currency: isoCurrency.describe('The currency of `price`.'),
    billing_interval: billingInterval.describe('The unit the period is counted in.'),
    interval_count: z.number().int().min(1).describe('A period is this many intervals.'),
    included_credit: decimalAmount.describe('Credit each period adds to the customer’s balance.'),
    seat_based: z.boolean().describe('Whether the price is per seat.'),
  })
  .meta({ id: 'CheckoutPlanOption', description: 'A plan the customer may switch to.' });
