import { z } from 'zod';
import { taxBehavior } from './taxBehavior';
import { decimalAmount, isoCountry, isoCurrency, timestamp } from './fields';

/** What one payment comes to: every amount a decimal string in the estimate's currency. */
const invoiceAmounts = z.strictObject({
  subtotal: decimalAmount.describe('The price of everything bought, for every seat, before discount and tax.'),
  discount: decimalAmount.describe("What the promotion code takes off the subtotal; never more than the subtotal."),
  tax: decimalAmount.describe('The tax in this payment: added on top when tax-exclusive, the part of the total that is tax when tax-inclusive.'),
  total: decimalAmount.describe('What the customer pays.'),
});

/**
 * A session's price as the server computes it now, the same as the checkout shows: a preview that creates nothing.
 * Both the merchant API (`estimate` of a checkout session) and the checkout app's API show it.
 */
export const estimate = z
  .strictObject({
    currency: isoCurrency.describe('The currency of every amount below (ISO 4217, upper-case).'),
    quantity: z.number().int().min(1).describe('Seats: the quantity of a per-seat plan, otherwise 1.'),
    unit_amount: decimalAmount.describe("The plan's price per period (per seat for a per-seat plan), or the credit bundle's cost."),
    tax_behavior: taxBehavior
      .describe("Of the first payment: `inclusive` if its amount includes tax, `exclusive` if tax is added on top."),
    tax_rate: z
      .strictObject({
        country: isoCountry.describe('The country the rate is for.'),
        percentage: z.number().min(0).max(100).describe('The rate in percent, like 19 or 7.5.'),
        display_name: z.string().describe('The name of the tax as the customer sees it, like "VAT".'),
      })
      .nullable()
      .describe("The merchant's active tax rate for the customer's country; null when none applies (no country yet, or no rate for it)."),
    due_today: invoiceAmounts.describe('The payment at checkout: all zeros for a subscription with a later `start_date`.'),
    next_invoice: z
      .strictObject({
        date: timestamp.describe('When the next payment falls due: the first renewal, or the `start_date` of a subscription that starts later.'),
        amount: decimalAmount.describe('What it will charge, discount and tax included, at the prices of today.'),
      })
      .nullable()
      .describe('The next payment of a subscription; null for a credit bundle, and when a fixed term (`end_date`) ends first.'),
  })
  .meta({ id: 'Estimate', description: 'A price computed by the server now: what is due today and at the next invoice.' });

export type Estimate = z.output<typeof estimate>;
