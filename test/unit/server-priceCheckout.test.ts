import { describe, expect, it } from 'vitest';
import { divideRoundingHalfUp, priceCheckout, type PriceCheckoutInput } from '../../src/server/pricing/priceCheckout';

const utc = (iso: string) => new Date(`${iso}Z`);
const monthly = (start = '2025-03-15T10:00:00') => ({ interval: 'month' as const, periodStart: utc(start) });
const usd = (overrides: Partial<PriceCheckoutInput> = {}): PriceCheckoutInput => ({ unitAmount: 1900, currency: 'USD', ...overrides });
const dueToday = (input: PriceCheckoutInput) => priceCheckout(input).dueToday;

describe('divideRoundingHalfUp', () => {
  it.each([
    [10, 4, 3], // 2.5 → 3
    [14, 4, 4], // 3.5 → 4
    [9, 4, 2], // 2.25 → 2
    [11, 4, 3], // 2.75 → 3
    [0, 7, 0],
    [6, 3, 2],
  ])('%i / %i = %i', (numerator, denominator, expected) => {
    expect(divideRoundingHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is exact where floating point is not (1.005 × 100 is 100.49999…)', () => {
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(divideRoundingHalfUp(1005, 10)).toBe(101);
  });
});

describe('priceCheckout', () => {
  describe('without discount or tax', () => {
    it('charges the plan price today and again at the next invoice', () => {
      expect(priceCheckout(usd({ recurring: monthly() }))).toStrictEqual({
        currency: 'USD',
        quantity: 1,
        unitAmount: 1900,
        taxBehavior: 'exclusive',
        taxRateBps: 0,
        dueToday: { subtotal: 1900, discount: 0, tax: 0, total: 1900 },
        nextInvoice: { date: utc('2025-04-15T10:00:00'), amount: 1900 },
      });
    });

    it('has no next invoice for a one-time purchase (a credit bundle)', () => {
      expect(priceCheckout(usd({ unitAmount: 500 })).nextInvoice).toBeNull();
    });

    it('prices a free plan at zero', () => {
      expect(dueToday(usd({ unitAmount: 0, taxRateBps: 1900, discount: { percentOff: 50, duration: 'once' } }))).toStrictEqual({
        subtotal: 0, discount: 0, tax: 0, total: 0,
      });
    });
  });

  describe('seats', () => {
    it('multiplies the per-seat price by the quantity', () => {
      expect(dueToday(usd({ unitAmount: 1200, quantity: 5, seatBased: true }))).toStrictEqual({ subtotal: 6000, discount: 0, tax: 0, total: 6000 });
    });

    it('bills the same seats at the next invoice', () => {
      expect(priceCheckout(usd({ unitAmount: 1200, quantity: 3, seatBased: true, recurring: monthly() })).nextInvoice?.amount).toBe(3600);
    });

    it('reports the quantity and the unit price', () => {
      expect(priceCheckout(usd({ unitAmount: 1200, quantity: 3, seatBased: true }))).toMatchObject({ quantity: 3, unitAmount: 1200 });
    });

    it('refuses a quantity for a price that is not per seat', () => {
      expect(() => priceCheckout(usd({ quantity: 2 }))).toThrow(RangeError);
    });

    it.each([0, -1, 1.5])('refuses a quantity of %s', (quantity) => {
      expect(() => priceCheckout(usd({ quantity, seatBased: true }))).toThrow(RangeError);
    });
  });

  describe('percentage promotions', () => {
    it('takes the percentage off the subtotal', () => {
      expect(dueToday(usd({ discount: { percentOff: 20, duration: 'once' } }))).toStrictEqual({ subtotal: 1900, discount: 380, tax: 0, total: 1520 });
    });

    it('rounds half a cent of discount up', () => {
      // 15 % of 19.99 is 2.9985 → 3.00; 10 % of 0.05 is 0.005 → 0.01
      expect(dueToday(usd({ unitAmount: 1999, discount: { percentOff: 15, duration: 'once' } })).discount).toBe(300);
      expect(dueToday(usd({ unitAmount: 5, discount: { percentOff: 10, duration: 'once' } })).discount).toBe(1);
    });

    it('takes the percentage of every seat', () => {
      expect(dueToday(usd({ unitAmount: 1200, quantity: 4, seatBased: true, discount: { percentOff: 25, duration: 'once' } }))).toStrictEqual({
        subtotal: 4800, discount: 1200, tax: 0, total: 3600,
      });
    });

    it('makes a 100 % promotion free, never negative', () => {
      expect(dueToday(usd({ taxRateBps: 2000, discount: { percentOff: 100, duration: 'once' } }))).toStrictEqual({
        subtotal: 1900, discount: 1900, tax: 0, total: 0,
      });
    });

    it('applies a once promotion today only', () => {
      const estimate = priceCheckout(usd({ recurring: monthly(), discount: { percentOff: 50, duration: 'once' } }));
      expect(estimate.dueToday.total).toBe(950);
      expect(estimate.nextInvoice?.amount).toBe(1900);
    });

    it('applies a forever promotion to the next invoice too', () => {
      const estimate = priceCheckout(usd({ recurring: monthly(), discount: { percentOff: 50, duration: 'forever' } }));
      expect(estimate.dueToday.total).toBe(950);
      expect(estimate.nextInvoice?.amount).toBe(950);
    });

    it.each([0, 101, 12.5, -5])('refuses a percentage of %s', (percentOff) => {
      expect(() => priceCheckout(usd({ discount: { percentOff, duration: 'once' } }))).toThrow(RangeError);
    });
  });

  describe('fixed-amount promotions', () => {
    it('takes the amount off the subtotal', () => {
      expect(dueToday(usd({ discount: { amountOff: 500, duration: 'once' } }))).toStrictEqual({ subtotal: 1900, discount: 500, tax: 0, total: 1400 });
    });

    it('takes the amount once per invoice, not per seat', () => {
      expect(dueToday(usd({ unitAmount: 1200, quantity: 3, seatBased: true, discount: { amountOff: 500, duration: 'once' } })).total).toBe(3100);
    });

    it('never takes more than the subtotal, so the total is never negative', () => {
      expect(dueToday(usd({ discount: { amountOff: 5000, duration: 'forever' }, taxRateBps: 1900 }))).toStrictEqual({
        subtotal: 1900, discount: 1900, tax: 0, total: 0,
      });
      expect(priceCheckout(usd({ recurring: monthly(), discount: { amountOff: 5000, duration: 'forever' } })).nextInvoice?.amount).toBe(0);
    });

    it('applies a once amount today only', () => {
      const estimate = priceCheckout(usd({ recurring: monthly(), discount: { amountOff: 500, duration: 'once' } }));
      expect([estimate.dueToday.total, estimate.nextInvoice?.amount]).toEqual([1400, 1900]);
    });

    it('applies a forever amount to the next invoice too', () => {
      const estimate = priceCheckout(usd({ recurring: monthly(), discount: { amountOff: 500, duration: 'forever' } }));
      expect([estimate.dueToday.total, estimate.nextInvoice?.amount]).toEqual([1400, 1400]);
    });

    it.each([0, -100, 2.5])('refuses an amount of %s', (amountOff) => {
      expect(() => priceCheckout(usd({ discount: { amountOff, duration: 'once' } }))).toThrow(RangeError);
    });
  });

  describe('exclusive tax', () => {
    it('adds the tax on top of the price', () => {
      expect(dueToday(usd({ taxRateBps: 1900 }))).toStrictEqual({ subtotal: 1900, discount: 0, tax: 361, total: 2261 });
    });

    it('taxes the discounted amount', () => {
      // (19.00 − 3.80) × 19 % = 2.888 → 2.89
      expect(dueToday(usd({ taxRateBps: 1900, discount: { percentOff: 20, duration: 'once' } }))).toStrictEqual({
        subtotal: 1900, discount: 380, tax: 289, total: 1809,
      });
    });

    it('rounds half a cent of tax up', () => {
      // 10.50 × 5 % = 0.525 → 0.53
      expect(dueToday(usd({ unitAmount: 1050, taxRateBps: 500 })).tax).toBe(53);
    });

    it('takes a rate with fractions of a percent', () => {
      // 19.00 × 8.25 % = 1.5675 → 1.57
      expect(dueToday(usd({ taxRateBps: 825 })).tax).toBe(157);
    });

    it('adds the tax to the next invoice as well', () => {
      expect(priceCheckout(usd({ taxRateBps: 2000, recurring: monthly() })).nextInvoice?.amount).toBe(2280);
    });

    it('taxes the next invoice without a once discount', () => {
      const estimate = priceCheckout(usd({ taxRateBps: 2000, recurring: monthly(), discount: { amountOff: 900, duration: 'once' } }));
      expect(estimate.dueToday).toStrictEqual({ subtotal: 1900, discount: 900, tax: 200, total: 1200 });
      expect(estimate.nextInvoice?.amount).toBe(2280);
    });
  });

  describe('inclusive tax', () => {
    it('charges the listed price and reports the tax inside it', () => {
      // 19.00 ÷ 1.19 = 15.966… net, so 3.03 of it is tax (3.0336… rounded)
      expect(dueToday(usd({ taxRateBps: 1900, taxBehavior: 'inclusive' }))).toStrictEqual({ subtotal: 1900, discount: 0, tax: 303, total: 1900 });
    });

    it('reports the tax inside the discounted amount', () => {
      // 15.20 × 0.19 ÷ 1.19 = 2.4268… → 2.43
      expect(dueToday(usd({ taxRateBps: 1900, taxBehavior: 'inclusive', discount: { percentOff: 20, duration: 'forever' } }))).toStrictEqual({
        subtotal: 1900, discount: 380, tax: 243, total: 1520,
      });
    });

    it('rounds the tax inside the price half up', () => {
      // 2.10 × 0.05 ÷ 1.05 = 0.10 exactly
      expect(dueToday(usd({ unitAmount: 210, taxRateBps: 500, taxBehavior: 'inclusive' })).tax).toBe(10);
      // 1.00 × 0.10 ÷ 1.10 = 0.0909… → 0.09
      expect(dueToday(usd({ unitAmount: 100, taxRateBps: 1000, taxBehavior: 'inclusive' })).tax).toBe(9);
      // 0.21 × 0.1 ÷ 1.1 = 0.01909… → 0.02
      expect(dueToday(usd({ unitAmount: 21, taxRateBps: 1000, taxBehavior: 'inclusive' })).tax).toBe(2);
    });

    it('charges the listed price at the next invoice too', () => {
      expect(priceCheckout(usd({ taxRateBps: 2000, taxBehavior: 'inclusive', recurring: monthly() })).nextInvoice?.amount).toBe(1900);
    });

    it('has no tax without a rate', () => {
      expect(dueToday(usd({ taxBehavior: 'inclusive' }))).toStrictEqual({ subtotal: 1900, discount: 0, tax: 0, total: 1900 });
    });
  });

  describe('currencies without a minor unit (JPY)', () => {
    const jpy = (overrides: Partial<PriceCheckoutInput> = {}) => usd({ unitAmount: 980, currency: 'JPY', ...overrides });

    it('keeps whole yen', () => {
      expect(priceCheckout(jpy())).toMatchObject({ currency: 'JPY', dueToday: { subtotal: 980, total: 980 } });
    });

    it('rounds exclusive tax to a whole yen', () => {
      // ¥980 × 10 % = ¥98; ¥985 × 10 % = ¥98.5 → ¥99
      expect(dueToday(jpy({ taxRateBps: 1000 }))).toStrictEqual({ subtotal: 980, discount: 0, tax: 98, total: 1078 });
      expect(dueToday(jpy({ unitAmount: 985, taxRateBps: 1000 })).tax).toBe(99);
    });

    it('rounds inclusive tax to a whole yen', () => {
      // ¥980 × 0.1 ÷ 1.1 = ¥89.09… → ¥89
      expect(dueToday(jpy({ taxRateBps: 1000, taxBehavior: 'inclusive' }))).toStrictEqual({ subtotal: 980, discount: 0, tax: 89, total: 980 });
    });

    it('rounds a percentage discount to a whole yen', () => {
      // ¥980 × 15 % = ¥147; ¥990 × 15 % = ¥148.5 → ¥149
      expect(dueToday(jpy({ discount: { percentOff: 15, duration: 'once' } })).discount).toBe(147);
      expect(dueToday(jpy({ unitAmount: 990, discount: { percentOff: 15, duration: 'once' } })).discount).toBe(149);
    });

    it('takes a fixed amount in yen', () => {
      expect(dueToday(jpy({ discount: { amountOff: 300, duration: 'once' }, taxRateBps: 1000 }))).toStrictEqual({
        subtotal: 980, discount: 300, tax: 68, total: 748,
      });
    });
  });

  describe('next invoice dates', () => {
    it.each([
      ['a month after a mid-month start', monthly('2025-03-15T10:00:00'), '2025-04-15T10:00:00.000Z'],
      ['Feb 28 after Jan 31', monthly('2025-01-31T12:00:00'), '2025-02-28T12:00:00.000Z'],
      ['Feb 29 after Jan 31 in a leap year', monthly('2024-01-31T12:00:00'), '2024-02-29T12:00:00.000Z'],
      ['Apr 30 after Mar 31', monthly('2025-03-31T00:00:00'), '2025-04-30T00:00:00.000Z'],
      ['Jan 31 of the next year after Dec 31', monthly('2025-12-31T23:59:59'), '2026-01-31T23:59:59.000Z'],
      ['a year later, Feb 28 after Feb 29', { interval: 'year' as const, periodStart: utc('2024-02-29T08:00:00') }, '2025-02-28T08:00:00.000Z'],
      ['a week later', { interval: 'week' as const, periodStart: utc('2025-12-29T06:00:00') }, '2026-01-05T06:00:00.000Z'],
    ])('falls %s', (_, recurring, date) => {
      expect(priceCheckout(usd({ recurring })).nextInvoice?.date.toISOString()).toBe(date);
    });
  });

  describe('inputs', () => {
    it.each([
      ['a negative price', { unitAmount: -1 }],
      ['a price in fractions of a minor unit', { unitAmount: 19.5 }],
      ['a negative tax rate', { taxRateBps: -100 }],
      ['a tax rate in fractions of a basis point', { taxRateBps: 0.5 }],
    ])('refuses %s', (_, overrides) => {
      expect(() => priceCheckout(usd(overrides))).toThrow(RangeError);
    });
  });
});

describe('priceCheckout with a repeating promotion', () => {
  const repeating = (durationInIntervals: number) => ({ percentOff: 50, duration: 'repeating' as const, durationInIntervals });

  it('discounts the first payment and the next invoice when it lasts two or more intervals', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), discount: repeating(3), taxRateBps: 1900 }));
    expect(estimate.dueToday).toStrictEqual({ subtotal: 1900, discount: 950, tax: 181, total: 1131 });
    expect(estimate.nextInvoice?.amount).toBe(1131);
  });

  it('discounts only the first payment when it lasts one interval, like once', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), discount: repeating(1) }));
    expect(estimate.dueToday.total).toBe(950);
    expect(estimate.nextInvoice?.amount).toBe(1900);
  });

  it('takes a repeating fixed amount off the next invoice too', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), discount: { amountOff: 500, duration: 'repeating', durationInIntervals: 2 } }));
    expect(estimate.dueToday.total).toBe(1400);
    expect(estimate.nextInvoice?.amount).toBe(1400);
  });

  it.each([0, 1.5, -1])('refuses %s intervals', (intervals) => {
    expect(() => priceCheckout(usd({ discount: repeating(intervals) }))).toThrow(RangeError);
  });
});

describe('priceCheckout with a custom first payment (seed 003)', () => {
  const custom = (amount: number, taxBehavior: 'inclusive' | 'exclusive' = 'exclusive') => ({ amount, taxBehavior });

  it('charges the custom amount today and the price at the next invoice', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), firstPayment: custom(2999) }));
    expect(estimate.dueToday).toStrictEqual({ subtotal: 2999, discount: 0, tax: 0, total: 2999 });
    expect(estimate.nextInvoice?.amount).toBe(1900);
    expect(estimate.unitAmount).toBe(1900);
  });

  it('is the subtotal for all seats, not a price per seat', () => {
    const estimate = priceCheckout(usd({ unitAmount: 1200, quantity: 5, seatBased: true, recurring: monthly(), firstPayment: custom(5000) }));
    expect(estimate.dueToday.subtotal).toBe(5000);
    expect(estimate.nextInvoice?.amount).toBe(6000);
  });

  it('taxes the first payment by its own behavior and renewals by the price’s', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), taxRateBps: 1900, taxBehavior: 'exclusive', firstPayment: custom(2380, 'inclusive') }));
    expect(estimate.taxBehavior).toBe('inclusive');
    expect(estimate.dueToday).toStrictEqual({ subtotal: 2380, discount: 0, tax: 380, total: 2380 });
    expect(estimate.nextInvoice?.amount).toBe(2261);
  });

  it('takes a once discount off the custom amount only', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(), firstPayment: custom(3000), discount: { percentOff: 20, duration: 'once' } }));
    expect(estimate.dueToday.total).toBe(2400);
    expect(estimate.nextInvoice?.amount).toBe(1900);
  });

  it('replaces a one-time purchase’s price', () => {
    expect(priceCheckout(usd({ unitAmount: 2000, firstPayment: custom(1500), taxRateBps: 1900 })).dueToday).toStrictEqual({
      subtotal: 1500, discount: 0, tax: 285, total: 1785,
    });
  });

  it.each([-1, 1.5])('refuses a custom amount of %s', (amount) => {
    expect(() => priceCheckout(usd({ firstPayment: custom(amount) }))).toThrow(RangeError);
  });
});

describe('priceCheckout with a later start or a fixed term (seed 002)', () => {
  const start = '2025-04-01T00:00:00';

  it('charges nothing today and makes the first payment the next invoice, on the start date', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(start), deferredStart: true, taxRateBps: 1900 }));
    expect(estimate.dueToday).toStrictEqual({ subtotal: 0, discount: 0, tax: 0, total: 0 });
    expect(estimate.nextInvoice).toStrictEqual({ date: utc(start), amount: 2261 });
  });

  it('lets a once discount lower the deferred first payment', () => {
    const estimate = priceCheckout(usd({ recurring: monthly(start), deferredStart: true, discount: { percentOff: 20, duration: 'once' } }));
    expect(estimate.nextInvoice?.amount).toBe(1520);
  });

  it('has no next invoice when the term ends before the renewal, or on it', () => {
    expect(priceCheckout(usd({ recurring: monthly(), endsAt: utc('2025-04-01T00:00:00') })).nextInvoice).toBeNull();
    expect(priceCheckout(usd({ recurring: monthly(), endsAt: utc('2025-04-15T10:00:00') })).nextInvoice).toBeNull();
  });

  it('renews before the term ends', () => {
    expect(priceCheckout(usd({ recurring: monthly(), endsAt: utc('2025-04-15T10:00:01') })).nextInvoice).toStrictEqual({
      date: utc('2025-04-15T10:00:00'),
      amount: 1900,
    });
  });

  it('refuses a start or an end for a one-time purchase', () => {
    expect(() => priceCheckout(usd({ deferredStart: true }))).toThrow(RangeError);
    expect(() => priceCheckout(usd({ endsAt: utc(start) }))).toThrow(RangeError);
  });
});
