import { z } from 'zod';
import { estimate } from '../estimate';
import { checkoutMode } from '../checkoutMode';
import { checkoutPlan } from './checkoutPlan';
import { checkoutPlanOption } from './checkoutPlanOption';
import { checkoutProcessor } from './checkoutProcessor';
import { checkoutPromotion } from './checkoutPromotion';
import { DECLINE_CODES } from '../apiErrors';
import { paymentCardBrand } from '../paymentCardBrand';
import { decimalAmount, isoCountry, isoCurrency, objectId, timestamp } from '../fields';

/**
 * The checkout app's view of its session, as `GET` and `PATCH /api/checkout/session` answer: everything the app
 * shows, and nothing it does not need. Amounts are decimal strings so no cent is lost to floating point, and every
 * price is the server's: the app adds nothing up.
 */
export const checkoutView = z
  .strictObject({
    checkout_session_id: objectId('cs').describe('The session’s id.'),
    checkout_mode: checkoutMode.describe('What the checkout sells: a subscription, or a credit bundle.'),
    status: z
      .enum(['open', 'processing', 'completed', 'expired'])
      .describe(
        'Only an open checkout can be changed or paid; `processing` waits for a payment to settle; `expired` follows ' +
          'from its time, without a job.',
      ),
    merchant_name: z.string().describe('The merchant’s name, the checkout’s heading.'),
    merchant_logo_url: z
      .string()
      .nullable()
      .describe('An https or data: URL from the catalog, or null; the checkout page’s CSP allows exactly this source.'),
    customer: z
      .strictObject({
        name: z.string().describe('The name on the connection.'),
        email: z.string().describe('The email, masked ("j•••@example.com"): enough to recognise, too little to harvest.'),
      })
      .nullable()
      .describe('The returning customer the merchant named at creation; null for a new customer.'),
    collects_identity: z.boolean().describe('Whether completing needs the customer’s email and name: true for a new customer.'),
    prefill: z
      .strictObject({
        email: z.string().nullable().describe('The email the merchant passed, or null.'),
        name: z.string().nullable().describe('The name the merchant passed, or null.'),
      })
      .nullable()
      .describe('The merchant’s prefill for a new customer; null for a returning one.'),
    lock_email: z.boolean().describe('The prefilled email is shown read-only, and a completion with another is refused.'),
    country: isoCountry.nullable().describe('The country the estimate’s tax is for; null while none was given.'),
    locale: z.string().nullable().describe('The merchant’s BCP 47 tag: the checkout’s language unless the loader names one.'),
    plan: checkoutPlan,
    bundle: z
      .strictObject({
        name: z.string().describe('The bundle’s name, as the merchant gave it.'),
        credit_amount: decimalAmount.describe('Credit the bundle adds to the balance.'),
        price: decimalAmount.describe('What the bundle costs, before tax.'),
      })
      .nullable()
      .describe('The credit bundle being bought; null for a subscription.'),
    custom_amount: decimalAmount
      .nullable()
      .describe('The merchant’s price for the first payment, all seats, instead of the plan’s (seats then cannot change); null otherwise.'),
    start_date: timestamp.nullable().describe('When a subscription that starts later starts and first charges, so nothing is due today; or null.'),
    end_date: timestamp.nullable().describe('When a fixed-term subscription ends; null when it renews until canceled.'),
    amount_due: decimalAmount.describe('What completing charges today: the estimate’s `due_today.total`.'),
    currency: isoCurrency.describe('The currency of every amount of the checkout.'),
    connection_id: objectId('con').nullable().describe('The returning customer’s connection; null for a new customer.'),
    success_url: z.url().describe('Where redirect display sends the customer after paying (the merchant’s origin when it gave none).'),
    cancel_url: z.url().describe('Where redirect display sends the customer who cancels (the merchant’s origin when it gave none).'),
    pending_url: z
      .url()
      .nullable()
      .describe('Where redirect display sends the customer whose payment settles later; null keeps them on the checkout.'),
    estimate,
    quantity: z.number().int().min(1).describe('Seats; 1 unless the plan is per seat.'),
    seat_limits: z
      .strictObject({
        min_quantity: z.number().int().min(1).describe('The fewest seats.'),
        max_quantity: z.number().int().min(1).describe('The most seats.'),
      })
      .nullable()
      .describe('For a per-seat plan, the range the customer may choose seats in; null otherwise.'),
    plan_options: z
      .array(checkoutPlanOption)
      .describe('The plans the customer may switch between, in the merchant’s order; empty when there is no choice.'),
    allows_promotion_codes: z.boolean().describe('Whether the customer may enter a promotion code.'),
    promotion: checkoutPromotion.nullable().describe('The promotion code applied, or null.'),
    saved_card: z
      .strictObject({
        brand: paymentCardBrand.describe('The card’s brand.'),
        last4: z.string().regex(/^\d{4}$/).describe('The last four digits of its number.'),
      })
      .nullable()
      .describe('A returning customer’s card on file, to pay in one step (`use_saved_card`); null otherwise.'),
    processor: checkoutProcessor,
    last_decline_code: z
      .enum(DECLINE_CODES)
      .nullable()
      .describe(
        'Why the open session’s latest payment was declined, when it was: a customer who left while it settled is told why on coming ' +
          'back. Null otherwise.',
      ),
    credit_balance: decimalAmount.nullable().describe('For a returning customer’s credit bundle: the balance now; null otherwise.'),
    credit_balance_after: decimalAmount
      .nullable()
      .describe('For a returning customer’s credit bundle: the balance after this purchase; null otherwise.'),
    formats: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'In `GET` only: the view’s amounts, numbers and dates as the app formats them, by locale, for its first render ' +
          '(src/server/checkout/preformatView.ts): a browser’s first `Intl` formatter takes tens of milliseconds.',
      ),
  })
  .meta({ id: 'CheckoutView', description: 'The checkout as the customer sees it: what is bought, from whom, and for how much.' });

export type CheckoutView = z.infer<typeof checkoutView>;
