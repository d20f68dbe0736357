import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBillingInterval, type BillingInterval } from '../../src/server/addBillingInterval';
import { anchoredPeriodEnd } from '../../src/server/anchoredPeriodEnd';
import { priceCheckout } from '../../src/server/pricing/priceCheckout';
import { MAX_INTERVAL_COUNT } from '../../src/protocol/api/subscriptionConfigs';

const utc = (iso: string) => new Date(`${iso}Z`);

/** Each renewal's period end, from the first start on: what the worker computes period after period. */
function periodEnds(anchor: Date, interval: BillingInterval, count: number, periods: number): Date[] {
  const ends = [addBillingInterval(anchor, interval, count)]; // the checkout's first period
  while (ends.length < periods) ends.push(anchoredPeriodEnd(anchor, ends.at(-1)!, interval, count));
  return ends;
}

const lastDayOfMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();

/** A plan's period: any interval, with any count a plan may have (a period is at most three years). */
const period = fc
  .constantFrom<BillingInterval>('day', 'week', 'month', 'year')
  .chain((interval) => fc.tuple(fc.constant(interval), fc.integer({ min: 1, max: MAX_INTERVAL_COUNT[interval] })));
const anchor = fc.date({ min: utc('1990-01-01T00:00:00'), max: utc('2090-12-31T23:59:59'), noInvalidDate: true });

describe('anchoredPeriodEnd', () => {
  it('bills a customer who began on the 31st on each month’s last day when it is shorter, and on the 31st again after', () => {
    expect(periodEnds(utc('2025-01-31T12:00:00'), 'month', 1, 4).map((end) => end.toISOString())).toStrictEqual([
      '2025-02-28T12:00:00.000Z', '2025-03-31T12:00:00.000Z', '2025-04-30T12:00:00.000Z', '2025-05-31T12:00:00.000Z',
    ]);
    expect(periodEnds(utc('2024-02-29T00:00:00'), 'year', 1, 4).map((end) => end.toISOString())).toStrictEqual([
      '2025-02-28T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2027-02-28T00:00:00.000Z', '2028-02-29T00:00:00.000Z',
    ]);
    expect(periodEnds(utc('2025-08-31T08:00:00'), 'month', 3, 3).map((end) => end.toISOString())).toStrictEqual([
      '2025-11-30T08:00:00.000Z', '2026-02-28T08:00:00.000Z', '2026-05-31T08:00:00.000Z',
    ]);
  });

  it('ends the n-th period n intervals after the anchor, one period after another, for any start and plan', () => {
    fc.assert(
      fc.property(anchor, period, fc.integer({ min: 1, max: 40 }), (start, [interval, count], periods) => {
        const ends = periodEnds(start, interval, count, periods);
        ends.forEach((end, index) => expect(end).toStrictEqual(addBillingInterval(start, interval, (index + 1) * count)));
        ends.forEach((end, index) => expect(end.getTime()).toBeGreaterThan((ends[index - 1] ?? start).getTime()));
        if (interval === 'month' || interval === 'year') {
          for (const end of ends) {
            expect(end.getUTCDate()).toBe(Math.min(start.getUTCDate(), lastDayOfMonth(end)));
            expect(end.getTime() % 86_400_000).toBe(start.getTime() % 86_400_000);
          }
        }
      }),
    );
  });

  it('ends the first period where the checkout’s estimate.next_invoice said the first renewal falls', () => {
    fc.assert(
      fc.property(anchor, period, (start, [interval, count]) => {
        const estimate = priceCheckout({ unitAmount: 1900, currency: 'USD', recurring: { periodStart: start, interval, intervalCount: count } });
        expect(periodEnds(start, interval, count, 2)[0]).toStrictEqual(estimate.nextInvoice!.date);
      }),
    );
  });

  it('answers, for a period that begins anywhere, the first of the anchor’s period ends after it', () => {
    fc.assert(
      fc.property(anchor, period, fc.integer({ min: 0, max: 20 * 366 * 86_400_000 }), (start, [interval, count], elapsed) => {
        const periodStart = new Date(start.getTime() + elapsed);
        const end = anchoredPeriodEnd(start, periodStart, interval, count);
        let n = 1;
        while (addBillingInterval(start, interval, n * count) <= periodStart) n++;
        expect(end).toStrictEqual(addBillingInterval(start, interval, n * count));
      }),
      { numRuns: 200 },
    );
  });
});
