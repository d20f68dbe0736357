import { z } from 'zod';
import { billingInterval } from '../billingInterval';
import { decimalAmount, objectId } from '../fields';
import { taxBehavior } from '../taxBehavior';

/** The plan being bought: the subscription's, or for a credit bundle, the plan the bundle belongs to. */
export const checkoutPlan = z
  .strictObject({
    subscription_config_id: objectId('sc').describe('The plan’s id.'),
    name: z.string().describe('The plan’s name, as the merchant gave it.'),
    price: decimalAmount.describe('The price per period of one seat (or of the plan), before discount and tax.'),
    billing_interval: billingInterval.describe('The unit the period is counted in.'),
    interval_count: z.number().int().min(1).describe('A period is this many intervals: 3 with `month` is "every 3 months".'),
    included_credit: decimalAmount.describe('Credit each period adds to the customer’s balance.'),
    seat_based: z.boolean().describe('Whether the price is per seat, so the customer may choose seats within `seat_limits`.'),
    tax_behavior: taxBehavior.describe('Whether the plan’s price includes tax.'),
  })
  .meta({ id: 'CheckoutPlan', description: 'The plan being bought: the subscription’s, or the plan a credit bundle belongs to.' });
