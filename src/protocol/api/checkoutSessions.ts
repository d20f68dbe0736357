import { z } from 'zod';
import { checkoutMode } from './checkoutMode';
import { taxBehavior } from './taxBehavior';
import { estimate } from './estimate';
import {
  countryCode,
  currencyCode,
  decimalAmount,
  emailAddress,
  httpOrigin,
  ipAddress,
  isoCountry,
  isoCurrency,
  localeTag,
  objectId,
  personName,
  redirectUrl,
  timestamp,
} from './fields';

const MAX_METADATA_KEYS = 50;
/** The most seats any session asks for, whatever a plan's own maximum. */
export const MAX_QUANTITY = 10_000;

const id = z.string().min(1).max(100);
/** An instant with its offset, as every date of the API; 40 characters hold any the format allows in practice. */
const isoTimestamp = z
  .string()
  .max(40, 'must be at most 40 characters')
  .pipe(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time, like 2025-05-15T08:30:00Z' }));

const customerInput = z
  .strictObject({
    email: emailAddress.optional().describe("The new customer's email address, filled in for them."),
    name: personName.optional().describe("The new customer's name, filled in for them."),
    country: countryCode
      .optional()
      .describe("The customer's country (ISO 3166-1 alpha-2): its tax rate prices the checkout, and it is preselected."),
    // Seed 003: show the email read-only, so the customer pays as the account the merchant knows.
    lock_email: z.boolean().optional().describe('Show `email` read-only, so the customer pays as the account you know. Requires `email`.'),
    // Seed 003: where the customer is, for the country that prices tax when the merchant does not name one.
    ip_address: ipAddress
      .optional()
      .describe(
        "The customer's IPv4 or IPv6 address. Its country prices tax and is preselected, unless `country` is given or a returning customer has one on file; a private or unknown address gives none. The address itself is neither stored nor returned.",
      ),
  })
  .refine((customer) => !customer.lock_email || customer.email !== undefined, {
    message: "requires 'customer.email'",
    path: ['lock_email'],
  });

const metadataValues = z
  .record(z.string().min(1).max(40), z.string().max(500, 'must be at most 500 characters'), {
    error: (issue) => (issue.code === 'invalid_key' ? 'keys must be 1 to 40 characters' : undefined),
  })
  .refine((metadata) => Object.keys(metadata).length <= MAX_METADATA_KEYS, `must have at most ${MAX_METADATA_KEYS} keys`);

/**
 * A `__proto__` key would vanish from the parsed object, and the metadata must come back exactly as sent, so it is
 * refused before the record is read. A preprocess rather than a refined `unknown`, so the body's JSON Schema shows
 * the record.
 */
const metadataInput = z.preprocess((value, ctx) => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: 'custom', message: 'is a reserved key', path: ['__proto__'], input: value });
  }
  return value;
}, metadataValues);

const utm = z.string().min(1).max(200);
const attributionInput = z.strictObject({
  utm_source: utm.optional().describe('Where the customer came from, like `newsletter`.'),
  utm_medium: utm.optional().describe('How they came, like `email`.'),
  utm_campaign: utm.optional().describe('The campaign.'),
  utm_term: utm.optional().describe('The search term.'),
  utm_content: utm.optional().describe('Which link or ad.'),
});

/**
 * `POST /v1/checkout_sessions`. Optional fields may also be sent as `null`, meaning absent (seeds 001 and 002 type
 * them `| null`); the server drops those before this schema reads the body.
 */
export const createCheckoutSessionBody = z.strictObject({
  checkout_mode: checkoutMode
    .describe('`subscription` sells a plan; `credit_bundle` sells a credit pack to a subscriber of its plan.'),
  origin_url: httpOrigin.describe('The http(s) origin of the page that opens the checkout, like `https://shop.example.com/`.'),
  success_url: redirectUrl
    .optional()
    .describe('Where redirect display sends the customer after paying; `origin_url` by default. A full http(s) URL.'),
  cancel_url: redirectUrl.optional().describe('Where redirect display sends a customer who cancels; `origin_url` by default.'),
  pending_url: redirectUrl.optional().describe('Where a payment that needs the customer to act later sends them. Kept and returned.'),
  connection_id: id
    .optional()
    .describe('A returning customer (`con_…`): required for `credit_bundle`, optional for `subscription`. Their own details are used.'),
  subscription_config_id: id.optional().describe('The plan (`sc_…`) to sell; required for `subscription`, refused for `credit_bundle`.'),
  credit_bundle_id: id.optional().describe('The credit bundle (`cb_…`) to sell; required for `credit_bundle`.'),
  customer: customerInput.optional().describe('Details to fill in for a new customer; only `country` and `ip_address` with `connection_id`.'),
  quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_QUANTITY)
    .optional()
    .describe("Seats, for a per-seat plan only, within its `min_quantity`–`max_quantity`; the plan's minimum by default."),
  subscription_config_ids: z
    .array(id)
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a plan')
    .optional()
    .describe('Plans the customer may switch between (say monthly and yearly), in your order: 1 to 10, including `subscription_config_id`, all in its currency.'),
  allow_promotion_codes: z.boolean().optional().describe('Let the customer enter a promotion code in the checkout. Subscriptions only.'),
  promotion_code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('A promotion code to apply now, in any case; an unknown, expired, used-up or inapplicable code fails creation. Subscriptions only.'),
  currency: currencyCode.optional().describe("ISO 4217; if sent, it must be the currency the plan is priced in."),
  // Seed 003: a one-off price for the first payment. A decimal string like every amount of this API, read in the
  // plan's currency once the plan is known (so "29.99" is refused for yen, which has no minor units).
  custom_amount: z
    .string({ error: 'must be a decimal string in the session\'s currency, like "29.99"' })
    .max(20, 'must be at most 20 characters')
    .optional()
    .describe(
      "A price for the first payment instead of the plan's or bundle's, for all seats: a decimal string in the plan's currency with at most its minor units, more than 0 and at most 999,999.99 (\"29.99\"). Requires `tax_behavior`; not with `subscription_config_ids` or `start_date`.",
    ),
  tax_behavior: taxBehavior
    .optional()
    .describe('With `custom_amount` only, and then required: `inclusive` if the amount includes tax, `exclusive` if tax is added on top.'),
  locale: localeTag
    .optional()
    .describe(
      "The checkout's language, a BCP 47 tag like `de-DE`, unless the loader's `locale` option names one; the browser's by default. A language without a translation shows English.",
    ),
  metadata: metadataInput
    .optional()
    .describe('Your own key-value strings, returned exactly as sent and in events: at most 50 keys of 1–40 characters, values at most 500.'),
  reference_id: z.string().min(1).max(200).optional().describe('Your own reference for this checkout, like an order id.'),
  attribution: attributionInput.optional().describe('Where the customer came from: UTM parameters.'),
  expires_at: isoTimestamp
    .optional()
    .describe('When the session expires: ISO 8601 with an offset, in the future, at most 24 hours away (the default).'),
  // Seed 002: a subscription that starts (and first charges) later, and one that ends on a date.
  start_date: isoTimestamp
    .optional()
    .describe(
      'Starts the subscription, and its first payment, later: after the session expires and at most a year ahead. Nothing is charged at checkout. Subscriptions only.',
    ),
  end_date: isoTimestamp
    .optional()
    .describe(
      'Ends the subscription then (a fixed term): after `start_date` (or, without one, after the session expires), at most ten years after the start. Subscriptions only.',
    ),
});

/** A checkout session as the merchant API returns it, and as `checkout.completed` and `checkout.expired` carry it. */
export const checkoutSession = z
  .strictObject({
    checkout_session_id: objectId('cs').describe('The id of the session, `cs_test_…` or `cs_live_…`.'),
    livemode: z.boolean().describe('Whether the session belongs to live mode (true) or test mode (false).'),
    checkout_session_token: z
      .string()
      .nullable()
      .describe('What the loader opens the checkout with. Only in the response that created the session; null on every later read.'),
    checkout_url: z
      .string()
      .nullable()
      .describe('The hosted checkout page, its secret in the `#fragment`. Only in the response that created the session; null later.'),
    checkout_mode: checkoutMode.describe('What the session sells: a plan, or a credit bundle.'),
    origin_url: z.string().describe('The origin of the page that opens the checkout, as sent.'),
    success_url: z.string().nullable().describe('Where redirect display sends the customer after paying; null for `origin_url`.'),
    cancel_url: z.string().nullable().describe('Where redirect display sends a customer who cancels; null for `origin_url`.'),
    pending_url: z.string().nullable().describe('Where a payment that needs the customer to act later sends them; null if not given.'),
    connection_id: objectId('con')
      .nullable()
      .describe('The customer: the returning one named at creation, or the new one once the session is completed; null until then.'),
    subscription_config_id: objectId('sc')
      .nullable()
      .describe('The plan sold (for `subscription`, the one the customer chose); null for `credit_bundle`.'),
    credit_bundle_id: objectId('cb').nullable().describe('The credit bundle sold; null for `subscription`.'),
    status: z
      .enum(['open', 'processing', 'completed', 'expired'])
      .describe(
        '`open` until paid or expired; `processing` while a payment settles (it does not expire then, and opens again ' +
          'if the payment fails); `completed` once paid; `expired` once past `expires_at` unpaid.',
      ),
    created_at: timestamp.describe('When the session was created.'),
    expires_at: timestamp.describe('When the session expires if not paid.'),
    completed_at: timestamp.nullable().describe('When the customer paid; null until then.'),
    customer: z
      .strictObject({
        email: z.string().nullable().describe('The email address filled in for the customer; null if none.'),
        name: z.string().nullable().describe('The name filled in for the customer; null if none.'),
        country: isoCountry
          .nullable()
          .describe("The country that prices tax: yours, a returning customer's on file, or the one `ip_address` gave; null if none."),
        lock_email: z.boolean().describe('Whether the email is shown read-only.'),
        ip_country: isoCountry.nullable().describe('The country `customer.ip_address` is in; null without one, or for an address of no country.'),
      })
      .nullable()
      .describe('What you filled in for the customer; null when you gave nothing.'),
    quantity: z.number().int().min(1).describe('Seats of a per-seat plan; 1 otherwise.'),
    subscription_config_ids: z
      .array(objectId('sc'))
      .nullable()
      .describe('The plans the customer may switch between, in your order; null when you offered no choice.'),
    allow_promotion_codes: z.boolean().describe('Whether the customer may enter a promotion code.'),
    promotion_code: z.string().nullable().describe('The promotion code applied to the session, upper-case; null if none.'),
    currency: isoCurrency.describe("The session's currency: its plan's (ISO 4217, upper-case)."),
    custom_amount: decimalAmount.nullable().describe("The first payment's price instead of the plan's, as given; null for the plan's."),
    tax_behavior: taxBehavior
      .nullable()
      .describe("Whether `custom_amount` includes tax; null without a `custom_amount`."),
    start_date: timestamp.nullable().describe('When the subscription starts, if later than payment; null to start at payment.'),
    end_date: timestamp.nullable().describe('When the subscription ends (a fixed term); null for one that renews until canceled.'),
    locale: z.string().nullable().describe("The checkout's language (BCP 47) as you gave it; null for the browser's."),
    metadata: z.record(z.string(), z.string()).describe('Your key-value strings, exactly as sent; `{}` when none.'),
    reference_id: z.string().nullable().describe('Your own reference; null if none.'),
    attribution: attributionInput.nullable().describe('The UTM parameters as sent (only those sent); null if none.'),
    estimate: estimate.describe('The session priced now (for a completed one, as it was paid): what is due today and at the next invoice.'),
    subscription_id: objectId('sub').nullable().describe('The subscription a completed `subscription` session sold; null otherwise.'),
    amount_total: decimalAmount.nullable().describe('What the customer was charged, once completed; null until then.'),
    credits_added: decimalAmount.nullable().describe('Credits the purchase added to the customer, once completed; null until then.'),
  })
  .meta({ id: 'CheckoutSession', description: 'A checkout: what is sold, to whom, its state and its price.' });

export type CheckoutSession = z.output<typeof checkoutSession>;

/** The session as the response that creates it returns it: the only time its token and URL are shown. */
export const newCheckoutSession = checkoutSession
  .extend({
    checkout_session_token: z.string().describe('What the loader opens the checkout with: pass it to `Till.open(token)`. Shown only here.'),
    checkout_url: z.string().describe('The hosted checkout page, its secret in the `#fragment`, for redirect display. Shown only here.'),
  })
  .meta({ id: 'NewCheckoutSession', description: 'A checkout just created, with the token that opens it.' });
