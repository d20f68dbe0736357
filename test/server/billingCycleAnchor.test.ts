import { describe, expect, it } from 'vitest';
import { advanceClockPast, buySubscription, invoicesOf, renewDue, subscriptionOf } from './support/renewals';
import { useTestServer } from './support/testServer';

/**
 * Issue 12: periods end a whole number of intervals after the subscription's first start (its billing cycle
 * anchor), as Stripe's do, not one interval after the period before. A store of its own, as its test clock only
 * moves forward and this test needs it at the subscription's dates.
 */
const till = useTestServer();

/** The next 31st at noon, UTC, after the session's 24 hours: a later start the checkout accepts. */
function nextThirtyFirst(): Date {
  const day = new Date(Date.now() + 2 * 86_400_000);
  for (;;) {
    const candidate = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 31, 12));
    if (candidate.getUTCDate() === 31 && candidate > day) return candidate;
    day.setUTCDate(1);
    day.setUTCMonth(day.getUTCMonth() + 1);
  }
}

/** Noon of month `month` months after `from`'s, on its 31st or its last day when it has no 31st. */
function monthEnd(from: Date, months: number): string {
  const lastDay = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, Math.min(31, lastDay), 12)).toISOString();
}

describe('the billing cycle anchor', () => {
  it('ends each monthly period of a subscription begun on the 31st on the 31st, or the month’s last day when it has none', async () => {
    const start = nextThirtyFirst();
    const { subscriptionId } = await buySubscription(till, { start_date: start.toISOString() });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ billing_cycle_anchor: start.toISOString(), current_period_end: monthEnd(start, 1) });

    for (let month = 0; month < 4; month++) {
      await advanceClockPast(till, monthEnd(start, month));
      await renewDue(till);
    }

    const periods = (await invoicesOf(till, subscriptionId)).map((invoice: { period_start: string; period_end: string; status: string }) => [
      invoice.period_start, invoice.period_end, invoice.status,
    ]);
    expect(periods).toStrictEqual([0, 1, 2, 3].map((month) => [monthEnd(start, month), monthEnd(start, month + 1), 'paid']));
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({
      status: 'active', billing_cycle_anchor: start.toISOString(), current_period_start: monthEnd(start, 3), current_period_end: monthEnd(start, 4),
    });
  });
});
