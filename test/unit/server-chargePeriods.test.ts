import { describe, expect, it } from 'vitest';
import type { BillingInterval } from '../../src/server/addBillingInterval';
import { priceCheckout } from '../../src/server/pricing/priceCheckout';

/** Seed 003's charge periods, as a plan's `billing_interval` × `interval_count`. */
const CHARGE_PERIODS: Record<string, [BillingInterval, number]> = {
  DAILY: ['day', 1],
  WEEKLY: ['week', 1],
  MONTHLY: ['month', 1],
  THREE_MONTHS: ['month', 3],
  SIX_MONTHS: ['month', 6],
  YEARLY: ['year', 1],
};

/** Period starts at month ends, on and around a leap day; the next invoice of each, per charge period. */
const STARTS = ['2024-01-31', '2024-02-29', '2023-12-31', '2025-08-31'] as const;
const NEXT_INVOICE: Record<string, [string, string, string, string]> = {
  DAILY: ['2024-02-01', '2024-03-01', '2024-01-01', '2025-09-01'],
  WEEKLY: ['2024-02-07', '2024-03-07', '2024-01-07', '2025-09-07'],
  MONTHLY: ['2024-02-29', '2024-03-29', '2024-01-31', '2025-09-30'],
  THREE_MONTHS: ['2024-04-30', '2024-05-29', '2024-03-31', '2025-11-30'],
  SIX_MONTHS: ['2024-07-31', '2024-08-29', '2024-06-30', '2026-02-28'],
  YEARLY: ['2025-01-31', '2025-02-28', '2024-12-31', '2026-08-31'],
};

const cases = Object.entries(CHARGE_PERIODS).flatMap(([period, [interval, count]]) =>
  STARTS.map((start, index) => ({ period, interval, count, start, next: NEXT_INVOICE[period]![index]! })),
);

describe('priceCheckout’s next invoice', () => {
  it.each(cases)(
    'every seed 003 charge period prices its next invoice date correctly across month ends and leap years: $period from $start is $next',
    ({ interval, count, start, next }) => {
      const periodStart = new Date(`${start}T15:30:00.000Z`);
      const { nextInvoice } = priceCheckout({ unitAmount: 1900, currency: 'USD', recurring: { interval, intervalCount: count, periodStart } });
      // The time of day is kept: a period ends at the moment of the day it began.
      expect(nextInvoice!.date.toISOString()).toBe(`${next}T15:30:00.000Z`);
    },
  );

  it('counts a period of several months from its start, not month by month (Jan 31 + 3 months is Apr 30, not Apr 29)', () => {
    const { nextInvoice } = priceCheckout({
      unitAmount: 1900, currency: 'USD', recurring: { interval: 'month', intervalCount: 3, periodStart: new Date('2023-01-31T00:00:00Z') },
    });
    expect(nextInvoice!.date.toISOString()).toBe('2023-04-30T00:00:00.000Z');
  });

  it('takes one interval when no count is given', () => {
    const { nextInvoice } = priceCheckout({ unitAmount: 1900, currency: 'USD', recurring: { interval: 'month', periodStart: new Date('2024-01-31T00:00:00Z') } });
    expect(nextInvoice!.date.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});
