import { z } from 'zod';
import { API_YEARS_MESSAGE, currencyCode, decimalAmount, isInApiYears, isoCurrency, objectId, timestamp } from './fields';
import { pageQuery } from './lists';

/** The most a fixed discount takes, in minor units: eight digits, as Stripe allows, well within the column. */
export const MAX_AMOUNT_OFF = 99_999_999;
const MAX_REDEMPTIONS = 1_000_000_000;
/** The longest `repeating` code; beyond it, `forever` says the same. */
const MAX_DURATION_IN_INTERVALS = 1000;

const maxRedemptions = z.number().int().min(1).max(MAX_REDEMPTIONS);

const expiresAt = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time, like 2025-05-15T08:30:00Z' })
  .refine(isInApiYears, API_YEARS_MESSAGE)
  .transform((value) => new Date(value))
  .refine((date) => date > new Date(), 'must be in the future');

const duration = z.enum(['once', 'forever', 'repeating']);

/**
 * `POST /v1/promotion_codes`. Exactly one of `percent_off` or `amount_off` (with its `currency`); the plans, when
 * named, must be the merchant's and, for a fixed amount, priced in its currency.
 */
export const createPromotionCodeBody = z.strictObject({
  // ASCII only: the store keeps codes upper-case (a CHECK of `upper(code)`), and Postgres and JavaScript
  // upper-case some other letters differently ("ß"), which would fail that check instead of this one.
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters A–Z, digits, - and _ only')
    .describe('What the customer types: letters A–Z, digits, `-` and `_`, in any case; kept upper-case, and unique among your codes, archived ones included.'),
  percent_off: z.number().int().min(1).max(100).optional().describe('A discount of this whole percentage, 1–100. Send this or `amount_off`.'),
  amount_off: z
    .string()
    .max(32)
    .optional()
    .describe('A fixed discount: a decimal string in `currency` ("5.00"), more than 0 and at most 8 digits. Send this or `percent_off`.'),
  currency: currencyCode.optional().describe("The currency of `amount_off`, required with it; such a code applies only to plans priced in it."),
  duration: duration
    .default('once')
    .describe('Which payments it discounts: `once` (the first, the default), `forever` (all), `repeating` (the first `duration_in_intervals`).'),
  duration_in_intervals: z
    .number()
    .int()
    .min(1)
    .max(MAX_DURATION_IN_INTERVALS)
    .optional()
    .describe('With `duration: repeating` only, and then required: how many payments it discounts, the first included.'),
  max_redemptions: maxRedemptions.optional().describe('How many checkouts may use it in all; no limit by default.'),
  expires_at: expiresAt.optional().describe('When it stops applying: ISO 8601 with an offset, in the future; never by default.'),
  subscription_config_ids: z
    .array(z.string().min(1).max(100))
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a plan')
    .optional()
    .describe('Your plans it applies to, none repeated; every plan when left out or empty.'),
  active: z.boolean().optional().describe('Whether customers can use it; true by default.'),
});

/**
 * `PATCH /v1/promotion_codes/{id}`: activate or archive, and change its limits. The discount itself is fixed at
 * creation; sending one of its fields is refused with what to do instead.
 */
export const updatePromotionCodeBody = z.strictObject({
  active: z.boolean().optional().describe('Archive (false) or activate (true) the code. An archived code is unknown to new checkouts.'),
  max_redemptions: maxRedemptions
    .nullable()
    .optional()
    .describe('A new limit, not below `times_redeemed`; `null` lifts it.'),
  expires_at: expiresAt.nullable().optional().describe('A new expiry in the future; `null` makes the code last until archived.'),
});

/** `GET /v1/promotion_codes`. */
export const listPromotionCodesQuery = pageQuery.extend({
  active: z.enum(['true', 'false']).optional().describe('Only active (`true`) or archived (`false`) codes.'),
  /** Finds one code as the customer would type it: in any case. */
  code: z.string().min(1).max(64).optional().describe('Only the code with this text, in any case.'),
});

export const promotionCode = z
  .strictObject({
    promotion_code_id: objectId('promo').describe('The id of the code, `promo_…`.'),
    livemode: z.boolean().describe('Whether the code belongs to live mode (true) or test mode (false).'),
    code: z.string().describe('What the customer types, upper-case (they may type it in any case).'),
    percent_off: z.number().int().min(1).max(100).nullable().describe('The percentage it takes off; null for a fixed amount.'),
    amount_off: decimalAmount.nullable().describe('The fixed amount it takes off, in `currency`; null for a percentage.'),
    currency: isoCurrency.nullable().describe('The currency of `amount_off`; null for a percentage.'),
    duration: duration.describe('Which payments it discounts: `once` the first, `forever` all, `repeating` the first `duration_in_intervals`.'),
    duration_in_intervals: z.number().int().min(1).nullable().describe('For `repeating`: how many payments, the first included; null otherwise.'),
    max_redemptions: z.number().int().min(1).nullable().describe('How many checkouts may use it in all; null for no limit.'),
    times_redeemed: z.number().int().min(0).describe('How many completed checkouts used it.'),
    expires_at: timestamp.nullable().describe('When it stops applying; null for never.'),
    subscription_config_ids: z.array(objectId('sc')).describe('The plans it applies to; empty for all of yours.'),
    active: z.boolean().describe('Whether customers can use it; false once archived.'),
    created_at: timestamp.describe('When the code was created.'),
  })
  .meta({ id: 'PromotionCode', description: 'A discount the customer applies by typing its code.' });

export type PromotionCode = z.output<typeof promotionCode>;
