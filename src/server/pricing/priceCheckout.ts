import { addBillingInterval, type BillingInterval } from '../addBillingInterval';

/**
 * The price of one checkout, from catalog facts to what is due today and at the next invoice. Pure: no store,
 * no clock (the period start is an input), so every rule is a unit test away.
 *
 * 1. Amounts are integer minor units of `currency` (cents, or yen: JPY has no minor unit), so every result is
 *    rounded to a whole minor unit: tax and percentage discounts round half up, on exact integer arithmetic.
 * 2. Per-seat prices multiply by the quantity; anything else is sold one at a time.
 * 3. The discount comes off the subtotal before tax and never exceeds it, so a total is never negative.
 * 4. Exclusive tax is added on top of the discounted amount; inclusive tax is the part of the discounted amount
 *    that is tax (amount × rate ÷ (1 + rate)), so the customer pays the listed price.
 * 5. The next invoice (subscriptions only) is one period, `intervalCount` billing intervals (1 by default), after
 *    the period starts (Jan 31 → Feb 28/29) and repeats today's price, except that a `once` promotion no longer
 *    applies, nor a `repeating` one that discounts only one payment (today's).
 * 6. A `firstPayment` (seed 003's custom amount) replaces the price of the first payment only, subtotal for all
 *    seats, with its own tax behavior; discount and tax apply to it as to a price. Later invoices are the plan's.
 * 7. A `deferredStart` (seed 002's start date) moves the first payment to that date: nothing is due today, and the
 *    next invoice is the first payment, on the start date.
 * 8. With `endsAt` (seed 002's end date) there is no next invoice on or after it: the term ends first.
 */

export type TaxBehavior = 'inclusive' | 'exclusive';
export type PromotionDuration = 'once' | 'forever' | 'repeating';

/**
 * How many payments a discount covers: `once` the first, `forever` all, `repeating` the first
 * `durationInIntervals` (billing intervals of the plan, so payments, whatever the interval).
 */
export type DiscountDuration =
  | { duration: 'once' | 'forever'; durationInIntervals?: null }
  | { duration: 'repeating'; durationInIntervals: number };

/** A discount: exactly one of a whole percentage (1–100) or a fixed amount in the checkout's minor units. */
export type Discount =
  | ({ percentOff: number; amountOff?: undefined } & DiscountDuration)
  | ({ amountOff: number; percentOff?: undefined } & DiscountDuration);

/** Whether `discount` still applies to the payment after the first one. */
export function discountsSecondPayment(discount: Discount | null | undefined): boolean {
  if (!discount) return false;
  return discount.duration === 'forever' || (discount.duration === 'repeating' && discount.durationInIntervals >= 2);
}

export interface PriceCheckoutInput {
  /** The plan's price per period (per seat when `seatBased`), or the bundle's cost. */
  unitAmount: number;
  currency: string;
  /** Seats; must be 1 unless `seatBased`. Default 1. */
  quantity?: number;
  seatBased?: boolean;
  discount?: Discount | null;
  /** Tax rate in basis points: 1900 is 19 %. 0 (the default) when no rate applies. */
  taxRateBps?: number;
  taxBehavior?: TaxBehavior;
  /** For subscriptions: when the period paid for today starts, and how long it is. Null for one-time purchases. */
  recurring?: { interval: BillingInterval; intervalCount?: number; periodStart: Date } | null;
  /** The first payment's subtotal (all seats) and tax behavior, instead of the price's; null for the price. */
  firstPayment?: { amount: number; taxBehavior: TaxBehavior } | null;
  /** Subscriptions only: the first payment falls on `recurring.periodStart`, later than today. */
  deferredStart?: boolean;
  /** Subscriptions only: when a fixed term ends; no invoice falls on or after it. */
  endsAt?: Date | null;
}

export interface InvoiceAmounts {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

export interface Estimate {
  currency: string;
  quantity: number;
  unitAmount: number;
  /** The first payment's: the price's, or the `firstPayment`'s. */
  taxBehavior: TaxBehavior;
  taxRateBps: number;
  dueToday: InvoiceAmounts;
  nextInvoice: { date: Date; amount: number } | null;
}

/** `numerator / denominator` rounded half up, exactly, for non-negative integers (BigInt: no float error). */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d));
}

function assertWholeAmount(value: number, name: string, min = 0) {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}.`);
}

function discountOn(subtotal: number, discount: Discount | null | undefined): number {
  if (!discount) return 0;
  const off = discount.percentOff !== undefined ? divideRoundingHalfUp(subtotal * discount.percentOff, 100) : discount.amountOff;
  return Math.min(off, subtotal);
}

function invoice(subtotal: number, discount: Discount | null | undefined, taxRateBps: number, taxBehavior: TaxBehavior): InvoiceAmounts {
  const off = discountOn(subtotal, discount);
  const taxable = subtotal - off;
  if (taxBehavior === 'inclusive') {
    const tax = divideRoundingHalfUp(taxable * taxRateBps, 10_000 + taxRateBps);
    return { subtotal, discount: off, tax, total: taxable };
  }
  const tax = divideRoundingHalfUp(taxable * taxRateBps, 10_000);
  return { subtotal, discount: off, tax, total: taxable + tax };
}

export function priceCheckout({
  unitAmount,
  currency,
  quantity = 1,
  seatBased = false,
  discount = null,
  taxRateBps = 0,
  taxBehavior = 'exclusive',
  recurring = null,
  firstPayment = null,
  deferredStart = false,
  endsAt = null,
}: PriceCheckoutInput): Estimate {
  assertWholeAmount(unitAmount, 'unitAmount');
  assertWholeAmount(quantity, 'quantity', 1);
  assertWholeAmount(taxRateBps, 'taxRateBps');
  if (!seatBased && quantity !== 1) throw new RangeError('Only per-seat prices take a quantity other than 1.');
  if (discount?.percentOff !== undefined && !(Number.isInteger(discount.percentOff) && discount.percentOff >= 1 && discount.percentOff <= 100)) {
    throw new RangeError(`percentOff must be a whole percentage from 1 to 100, got ${discount.percentOff}.`);
  }
  if (discount?.amountOff !== undefined) assertWholeAmount(discount.amountOff, 'amountOff', 1);
  if (discount?.duration === 'repeating') assertWholeAmount(discount.durationInIntervals, 'durationInIntervals', 1);
  if (firstPayment) assertWholeAmount(firstPayment.amount, 'firstPayment.amount');
  if ((deferredStart || endsAt) && !recurring) throw new RangeError('Only a subscription has a start or an end.');

  const subtotal = unitAmount * quantity;
  assertWholeAmount(subtotal, 'subtotal');
  const firstTaxBehavior = firstPayment?.taxBehavior ?? taxBehavior;
  const first = invoice(firstPayment?.amount ?? subtotal, discount, taxRateBps, firstTaxBehavior);
  if (deferredStart) {
    const nothing = { subtotal: 0, discount: 0, tax: 0, total: 0 };
    const nextInvoice = { date: recurring!.periodStart, amount: first.total };
    return { currency, quantity, unitAmount, taxBehavior: firstTaxBehavior, taxRateBps, dueToday: nothing, nextInvoice };
  }
  const renewal = recurring && addBillingInterval(recurring.periodStart, recurring.interval, recurring.intervalCount ?? 1);
  const nextInvoice = renewal && (!endsAt || renewal < endsAt) ? {
    date: renewal,
    amount: invoice(subtotal, discountsSecondPayment(discount) ? discount : null, taxRateBps, taxBehavior).total,
  } : null;
  return { currency, quantity, unitAmount, taxBehavior: firstTaxBehavior, taxRateBps, dueToday: first, nextInvoice };
}
