import { z } from 'zod';
import { countryCode, isoCountry, objectId, timestamp } from './fields';
import { pageQuery } from './lists';

/** A percentage of at most two decimals (19, 7.5, 8.25), as whole basis points. */
const percentage = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'must have at most two decimals, like 19 or 7.5')
  .transform((value) => Math.round(value * 100));

const displayName = z.string().trim().min(1).max(100);

/** `POST /v1/tax_rates`. A country has at most one active rate, so which one prices a checkout is never a guess. */
export const createTaxRateBody = z.strictObject({
  country: countryCode.describe('The country it taxes (ISO 3166-1 alpha-2, in either case; kept upper-case).'),
  percentage: percentage.describe('The rate in percent, 0–100 with at most two decimals, like 19 or 7.5.'),
  display_name: displayName.describe('The name of the tax as the customer sees it, like "VAT"; 1–100 characters.'),
  active: z.boolean().optional().describe('Whether it prices checkouts; true by default. A country has at most one active rate.'),
});

/**
 * `PATCH /v1/tax_rates/{id}`: rename, archive, or activate again. `percentage` and `country` are fixed, so a total
 * already shown stays true; sending either is refused with what to do instead.
 */
export const updateTaxRateBody = z.strictObject({
  display_name: displayName.optional().describe('A new name for the tax, 1–100 characters.'),
  active: z
    .boolean()
    .optional()
    .describe('Archive (false) or activate (true) the rate; activating needs the country to have no other active rate.'),
});

/** `GET /v1/tax_rates`. */
export const listTaxRatesQuery = pageQuery.extend({
  country: countryCode.optional().describe('Only the rates of this country.'),
  active: z.enum(['true', 'false']).optional().describe('Only active (`true`) or archived (`false`) rates.'),
});

export const taxRate = z
  .strictObject({
    tax_rate_id: objectId('txr').describe('The id of the rate, `txr_…`.'),
    livemode: z.boolean().describe('Whether the rate belongs to live mode (true) or test mode (false).'),
    country: isoCountry.describe('The country it taxes (ISO 3166-1 alpha-2, upper-case).'),
    percentage: z.number().min(0).max(100).describe('The rate in percent, like 19 or 7.5.'),
    display_name: z.string().describe('The name of the tax as the customer sees it.'),
    active: z.boolean().describe('Whether it prices checkouts; false once archived.'),
    created_at: timestamp.describe('When the rate was created.'),
  })
  .meta({ id: 'TaxRate', description: "The tax of one country, added to or included in the prices of customers there." });

export type TaxRate = z.output<typeof taxRate>;
