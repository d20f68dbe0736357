import { beforeAll, describe, expect, it } from 'vitest';
import { advanceClockPast, buySubscription, invoicesOf } from './support/renewals';
import { useTestServer } from './support/testServer';

/**
 * Issue 12: the checkout's `estimate.next_invoice` is a promise. Each kind of subscription is bought through the
 * checkout, its next invoice read from the checkout app's view before paying; then the test clock moves past that
 * date, the background worker renews it, and the invoice must charge the amount shown, for the period that starts
 * on the date shown.
 */
const till = useTestServer();
const DAY_MS = 86_400_000;

let repeatingCode: string;

beforeAll(async () => {
  const created = await till.api('POST', '/v1/promotion_codes', {
    body: { code: 'THREEMONTHS', percent_off: 25, duration: 'repeating', duration_in_intervals: 3 },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  repeatingCode = created.body.code;
  till.startWorker({ pollIntervalMs: 50 });
});

/** Waits for the worker (woken by the clock's move) to have paid the subscription's first invoice. */
async function firstPaidInvoice(subscriptionId: string) {
  for (;;) {
    const [first] = await invoicesOf(till, subscriptionId);
    if (first?.status === 'paid') return first;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cases: [string, () => Record<string, unknown>][] = [
  ['a monthly plan', () => ({})],
  ['a percentage off once: the renewal is the full price', () => ({ promotion_code: 'WELCOME20' })],
  ['an amount off for ever', () => ({ promotion_code: 'FIVEOFF' })],
  ['a percentage off for three invoices', () => ({ promotion_code: repeatingCode })],
  ['tax added on top (exclusive, Germany)', () => ({ customer: { country: 'DE' }, promotion_code: 'FIVEOFF' })],
];

describe('the first renewal charges what the checkout promised', { timeout: 60_000 }, () => {
  it.each(cases)('%s', async (_, overrides) => {
    const bought = await buySubscription(till, overrides());
    const shown = bought.nextInvoiceShown!;
    await advanceClockPast(till, shown.date);
    const invoice = await firstPaidInvoice(bought.subscriptionId);

    expect(invoice.amount).toBe(shown.amount);
    // The view priced the session as if paid when it was read; the period began when the customer paid, just after.
    const shownDate = new Date(shown.date).getTime();
    const start = new Date(invoice.period_start).getTime();
    expect(start).toBeGreaterThanOrEqual(shownDate);
    expect(start - shownDate).toBeLessThanOrEqual(bought.after - bought.before);
  });

  it('for seats of a per-seat plan, with tax included in the price (Japan)', async () => {
    const { team, proJpy } = await till.plans();
    for (const overrides of [{ subscription_config_id: team, quantity: 3, promotion_code: 'TEAM10' }, { subscription_config_id: proJpy, customer: { country: 'JP' } }]) {
      const bought = await buySubscription(till, overrides);
      await advanceClockPast(till, bought.nextInvoiceShown!.date);
      const invoice = await firstPaidInvoice(bought.subscriptionId);
      expect(invoice.amount).toBe(bought.nextInvoiceShown!.amount);
    }
  });

  it('for a later start: charged on the start date, the amount shown, discounted once', async () => {
    const startDate = new Date(Date.now() + 10 * DAY_MS).toISOString();
    const bought = await buySubscription(till, { start_date: startDate, promotion_code: 'WELCOME20', customer: { country: 'DE' } });
    expect(bought.nextInvoiceShown!.date).toBe(startDate);
    await advanceClockPast(till, startDate);
    const invoice = await firstPaidInvoice(bought.subscriptionId);
    expect(invoice).toMatchObject({ period_start: startDate, amount: bought.nextInvoiceShown!.amount, discount: '3.80' });
  });

  it('counts a repeating promotion down: three discounted payments, then the full price', async () => {
    const bought = await buySubscription(till, { promotion_code: repeatingCode });
    let invoices: any[] = [];
    while (invoices.filter((invoice) => invoice.status === 'paid').length < 3) {
      invoices = await invoicesOf(till, bought.subscriptionId);
      const last = invoices.at(-1);
      await advanceClockPast(till, last?.period_end ?? bought.nextInvoiceShown!.date);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The checkout's payment was the first discounted one: the first two renewals are discounted, the third is not.
    expect(invoices.slice(0, 3).map((invoice) => invoice.amount)).toStrictEqual(['14.25', '14.25', '19.00']);
  });
});
