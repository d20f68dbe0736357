import { z } from 'zod';
import { decimalAmount, isoCountry, isoCurrency, timestamp } from './responseFields';
import { taxBehavior } from './taxBehavior';

/** Amounts of one payment, in the estimate's currency: subtotal − discount (+ exclusive tax) = total. */
const invoiceAmounts = z.strictObject({
  subtotal: decimalAmount.describe('The price of everything bought, before discount and tax.'),
  discount: decimalAmount.describe('What the promotion takes off the subtotal; never more than it.'),
  tax: decimalAmount.describe('The tax: added to the total when exclusive, the part of it that is tax when inclusive.'),
  total: decimalAmount.describe('What the customer pays.'),
});

/**
 * What completing the checkout charges today and, for a subscription, at the next invoice. Computed by the server
 * only (the app never adds up amounts), so the total shown is the total charged.
 */
export const checkoutEstimate = z
  .strictObject({
    currency: isoCurrency.describe('The currency of every amount of the estimate.'),
    quantity: z.number().int().min(1).describe('Seats priced; 1 for anything not sold per seat.'),
    unit_amount: decimalAmount.describe('The price of one seat (or of the plan, or the bundle) per period, before discount and tax.'),
    tax_behavior: taxBehavior.describe('Whether the first payment’s price includes its tax.'),
    tax_rate: z
      .strictObject({
        country: isoCountry.describe('The country the rate is for.'),
        percentage: z.number().min(0).max(100).describe('The rate: 19 is 19 %.'),
        display_name: z.string().describe('The tax’s name as the merchant gave it, like "VAT".'),
      })
      .nullable()
      .describe('The rate applied for the session’s country; null when there is no country yet or it has no rate.'),
    due_today: invoiceAmounts.describe('The payment completing the checkout makes; all zero when the subscription starts later.'),
    next_invoice: z
      .strictObject({
        date: timestamp.describe('When the next payment falls due.'),
        amount: decimalAmount.describe('Its total, tax and any promotion that still applies included.'),
      })
      .nullable()
      .describe('The next payment of a subscription; null for a credit bundle or a fixed term that ends first.'),
  })
  .meta({ id: 'CheckoutEstimate', description: 'What completing the checkout charges today and, for a subscription, at the next invoice.' });

export type CheckoutEstimate = z.infer<typeof checkoutEstimate>;
