import { z } from 'zod';
import { decimalAmount, isoCurrency, objectId, timestamp } from './fields';

const bundleFields = {
  subscription_config_id: z
    .string()
    .min(1)
    .max(100)
    .describe('The plan (`sc_…`) whose subscribers may buy the bundle; its currency prices the bundle.'),
  name: z.string().trim().min(1).max(200).describe('The name the customer sees, 1–200 characters.'),
  /** In the plan's currency, checked once the plan is known. */
  cost: z
    .string()
    .max(32)
    .describe("The price: a decimal string in the plan's currency, with at most its minor units (\"5.00\"); at most 999,999.99."),
  credit_amount: z.string().max(32).describe('The credits it adds: a decimal string of at most two decimals, more than 0 ("25.00").'),
  active: z.boolean().describe('Whether the bundle starts new checkouts; an archived one (false) starts none.'),
};

/** `POST /v1/credit_bundles`: a credit pack for subscribers of one of the merchant's plans, active unless told otherwise. */
export const createCreditBundleBody = z.strictObject({
  ...bundleFields,
  active: bundleFields.active.default(true),
});

/**
 * `PATCH /v1/credit_bundles/{id}`: only what is sent changes. `name` and `active` always; the plan, cost and credit
 * only while no checkout session uses the bundle.
 */
export const updateCreditBundleBody = z.strictObject(bundleFields).partial();

export const creditBundle = z
  .strictObject({
    credit_bundle_id: objectId('cb').describe('The id of the bundle, `cb_…`.'),
    livemode: z.boolean().describe('Whether the bundle belongs to live mode (true) or test mode (false).'),
    subscription_config_id: objectId('sc').describe('The plan whose subscribers may buy it.'),
    name: z.string().describe('The name the customer sees.'),
    cost: decimalAmount.describe('The price, a decimal string in `currency`.'),
    currency: isoCurrency.describe("The currency of `cost`: its plan's (ISO 4217, upper-case)."),
    credit_amount: decimalAmount.describe('The credits it adds, a decimal string.'),
    active: z.boolean().describe('Whether it starts new checkouts; false once archived.'),
    created_at: timestamp.describe('When the bundle was created.'),
  })
  .meta({ id: 'CreditBundle', description: "A credit pack sold to the subscribers of one plan, priced in that plan's currency." });

export type CreditBundle = z.output<typeof creditBundle>;
