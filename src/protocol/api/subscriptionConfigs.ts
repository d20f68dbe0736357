import { z } from 'zod';
import { billingInterval, type BillingInterval } from './billingInterval';
import { MAX_QUANTITY } from './checkoutSessions';
import { creditBundle } from './creditBundles';
import { currencyCode, decimalAmount, isoCurrency, objectId, timestamp } from './fields';
import { taxBehavior } from './taxBehavior';

/**
 * The most intervals one period may span: three years, as Stripe caps it (migration 008 holds the same limits).
 * Every charge period of seed 003 fits: DAILY day × 1, WEEKLY week × 1, MONTHLY month × 1, THREE_MONTHS month × 3,
 * SIX_MONTHS month × 6, YEARLY year × 1.
 */
export const MAX_INTERVAL_COUNT: Record<BillingInterval, number> = { day: 1095, week: 156, month: 36, year: 3 };

/** Amounts are decimal strings; their digits are checked against the currency once it is known. */
const decimalString = z.string().max(32);

const planFields = {
  name: z.string().trim().min(1).max(200).describe('The name the customer sees, 1–200 characters.'),
  period_amount: decimalString.describe(
    'The price of one period (per seat for a per-seat plan): a decimal string in `currency` with at most its minor units ("19.00", "2900" yen); at most 999,999.99.',
  ),
  currency: currencyCode.describe('ISO 4217, in either case; kept upper-case.'),
  billing_interval: billingInterval.describe('The unit of a period.'),
  interval_count: z
    .number()
    .int()
    .min(1)
    .max(MAX_INTERVAL_COUNT.day)
    .describe('How many `billing_interval`s one period spans (3 months: `month` × 3); 1 by default. A period is at most three years.'),
  included_credit: decimalString.describe('Credits given with each purchase of the plan, a decimal string of at most two decimals; "0" by default.'),
  tax_behavior: taxBehavior.describe('`exclusive` (the default): tax is added on top of the price; `inclusive`: the price includes it.'),
  seat_based: z.boolean().describe('Whether the price is per seat, the customer choosing how many; false by default.'),
  min_quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_QUANTITY)
    .describe('The fewest seats of a per-seat plan; 1 by default, and 1 for a plan that is not per seat.'),
  max_quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_QUANTITY)
    .describe('The most seats of a per-seat plan; 10,000 by default, and 1 for a plan that is not per seat.'),
  active: z.boolean().describe('Whether the plan starts new checkouts; an archived one (false) starts none.'),
};

/** `POST /v1/subscription_configs`: a plan, active unless told otherwise. */
export const createSubscriptionConfigBody = z.strictObject({
  ...planFields,
  interval_count: planFields.interval_count.optional(),
  included_credit: planFields.included_credit.default('0'),
  tax_behavior: planFields.tax_behavior.default('exclusive'),
  seat_based: planFields.seat_based.default(false),
  min_quantity: planFields.min_quantity.optional(),
  max_quantity: planFields.max_quantity.optional(),
  active: planFields.active.default(true),
});

/**
 * `PATCH /v1/subscription_configs/{id}`: only what is sent changes. `name` and `active` always; a price field only
 * while no checkout session uses the plan.
 */
export const updateSubscriptionConfigBody = z.strictObject(planFields).partial();

export const subscriptionConfig = z
  .strictObject({
    subscription_config_id: objectId('sc').describe('The id of the plan, `sc_…`.'),
    livemode: z.boolean().describe('Whether the plan belongs to live mode (true) or test mode (false).'),
    name: z.string().describe('The name the customer sees.'),
    period_amount: decimalAmount.describe('The price of one period (per seat for a per-seat plan), a decimal string in `currency`.'),
    currency: isoCurrency.describe('The currency of the plan and of its credit bundles (ISO 4217, upper-case).'),
    billing_interval: billingInterval.describe('The unit of a period.'),
    interval_count: z.number().int().min(1).describe('How many `billing_interval`s one period spans.'),
    included_credit: decimalAmount.describe('Credits given with each purchase of the plan, a decimal string.'),
    seat_based: z.boolean().describe('Whether the price is per seat.'),
    min_quantity: z.number().int().min(1).describe('The fewest seats; 1 for a plan that is not per seat.'),
    max_quantity: z.number().int().min(1).describe('The most seats; 1 for a plan that is not per seat.'),
    tax_behavior: taxBehavior.describe('`exclusive`: tax is added on top of the price; `inclusive`: the price includes it.'),
    active: z.boolean().describe('Whether it starts new checkouts; false once archived.'),
    credit_bundles: z.array(creditBundle).describe("The plan's credit bundles, archived ones included, in id order."),
    created_at: timestamp.describe('When the plan was created.'),
  })
  .meta({ id: 'SubscriptionConfig', description: 'A plan: what a subscription costs per period, and what comes with it.' });

export type SubscriptionConfig = z.output<typeof subscriptionConfig>;
