import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretOf, useTestServer } from './support/testServer';

const till = useTestServer();

afterEach(() => {
  vi.useRealTimers();
});

/** The estimate of a new session, as creation returns it and as the checkout app sees it: they agree. */
async function estimateOf(overrides: Record<string, unknown>) {
  const session = await till.createSession(overrides);
  const view = await till.getSessionView(secretOf(session));
  // Both price the open session as if paid now, so only the next invoice's date moves on between the two.
  const nextInvoice = session.estimate.next_invoice && { ...session.estimate.next_invoice, date: expect.any(String) };
  expect(view.body.estimate).toStrictEqual({ ...session.estimate, next_invoice: nextInvoice });
  expect(view.body.amount_due).toBe(session.estimate.due_today.total);
  return session.estimate;
}

describe('the session’s estimate', () => {
  it('prices the plan, with its next invoice one period later', async () => {
    const before = new Date();
    const estimate = await estimateOf({});
    expect(estimate).toStrictEqual({
      currency: 'USD',
      quantity: 1,
      unit_amount: '19.00',
      tax_behavior: 'exclusive',
      tax_rate: null,
      due_today: { subtotal: '19.00', discount: '0.00', tax: '0.00', total: '19.00' },
      next_invoice: { date: expect.any(String), amount: '19.00' },
    });
    const date = new Date(estimate.next_invoice!.date);
    expect(date.getUTCMonth()).toBe((before.getUTCMonth() + 1) % 12);
  });

  it('multiplies seats', async () => {
    const { team } = await till.plans();
    expect(await estimateOf({ subscription_config_id: team, quantity: 5 })).toMatchObject({
      quantity: 5,
      unit_amount: '12.00',
      due_today: { subtotal: '60.00', discount: '0.00', tax: '0.00', total: '60.00' },
      next_invoice: { amount: '60.00' },
    });
  });

  it('takes a percentage off once: the next invoice is the full price', async () => {
    expect(await estimateOf({ promotion_code: 'WELCOME20' })).toMatchObject({
      due_today: { subtotal: '19.00', discount: '3.80', tax: '0.00', total: '15.20' },
      next_invoice: { amount: '19.00' },
    });
  });

  it('takes a fixed amount off for ever: the next invoice is discounted too', async () => {
    expect(await estimateOf({ promotion_code: 'FIVEOFF' })).toMatchObject({
      due_today: { subtotal: '19.00', discount: '5.00', total: '14.00' },
      next_invoice: { amount: '14.00' },
    });
  });

  it('takes a percentage of every seat', async () => {
    const { team } = await till.plans();
    expect(await estimateOf({ subscription_config_id: team, quantity: 3, promotion_code: 'TEAM10' })).toMatchObject({
      due_today: { subtotal: '36.00', discount: '3.60', total: '32.40' },
      next_invoice: { amount: '32.40' },
    });
  });

  it('never goes below zero', async () => {
    const code = await till.insertPromotionCode({ amount_off: 100_000, duration: 'forever' });
    expect(await estimateOf({ promotion_code: code, customer: { country: 'DE' } })).toMatchObject({
      due_today: { subtotal: '19.00', discount: '19.00', tax: '0.00', total: '0.00' },
      next_invoice: { amount: '0.00' },
    });
  });

  it('adds exclusive tax for the customer’s country', async () => {
    expect(await estimateOf({ customer: { country: 'DE' } })).toMatchObject({
      tax_behavior: 'exclusive',
      tax_rate: { country: 'DE', percentage: 19, display_name: 'MwSt.' },
      due_today: { subtotal: '19.00', discount: '0.00', tax: '3.61', total: '22.61' },
      next_invoice: { amount: '22.61' },
    });
  });

  it('taxes the discounted amount', async () => {
    expect(await estimateOf({ customer: { country: 'FR' }, promotion_code: 'WELCOME20' })).toMatchObject({
      due_today: { subtotal: '19.00', discount: '3.80', tax: '3.04', total: '18.24' },
      next_invoice: { amount: '22.80' },
    });
  });

  it('adds no tax for a country without a rate', async () => {
    expect(await estimateOf({ customer: { country: 'US' } })).toMatchObject({ tax_rate: null, due_today: { tax: '0.00', total: '19.00' } });
  });

  it('shows inclusive tax inside the price, in whole yen', async () => {
    const { proJpy } = await till.plans();
    expect(await estimateOf({ subscription_config_id: proJpy, customer: { country: 'JP' } })).toStrictEqual({
      currency: 'JPY',
      quantity: 1,
      unit_amount: '2900',
      tax_behavior: 'inclusive',
      tax_rate: { country: 'JP', percentage: 10, display_name: '消費税' },
      // ¥2,900 × 10 ÷ 110 = ¥263.6… → ¥264
      due_today: { subtotal: '2900', discount: '0', tax: '264', total: '2900' },
      next_invoice: { date: expect.any(String), amount: '2900' },
    });
  });

  it('rounds a percentage of yen to a whole yen', async () => {
    const { proJpy } = await till.plans();
    const code = await till.insertPromotionCode({ percent_off: 15 });
    // ¥2,900 × 15 % = ¥435; inclusive tax of ¥2,465 at 10 % is ¥224.09… → ¥224
    expect(await estimateOf({ subscription_config_id: proJpy, promotion_code: code, customer: { country: 'JP' } })).toMatchObject({
      due_today: { subtotal: '2900', discount: '435', tax: '224', total: '2465' },
    });
  });

  it('prices a credit bundle once, with tax and no next invoice', async () => {
    const { connectionId } = await till.subscribe();
    const { powerBundle } = await till.catalog();
    const session = await till.createSession({
      checkout_mode: 'credit_bundle',
      subscription_config_id: undefined,
      credit_bundle_id: powerBundle.id,
      connection_id: connectionId,
      customer: { country: 'DE' },
    });
    expect(session.estimate).toStrictEqual({
      currency: 'USD',
      quantity: 1,
      unit_amount: '20.00',
      tax_behavior: 'exclusive',
      tax_rate: { country: 'DE', percentage: 19, display_name: 'MwSt.' },
      due_today: { subtotal: '20.00', discount: '0.00', tax: '3.80', total: '23.80' },
      next_invoice: null,
    });
  });

  describe('next invoice dates across month ends', () => {
    it.each([
      ['Feb 28 after Jan 31', '2025-01-31T12:00:00.000Z', '2025-02-28T12:00:00.000Z'],
      ['Feb 29 after Jan 31 of a leap year', '2028-01-31T12:00:00.000Z', '2028-02-29T12:00:00.000Z'],
      ['Apr 30 after Mar 31', '2025-03-31T09:30:00.000Z', '2025-04-30T09:30:00.000Z'],
    ])('falls on %s', async (_, now, next) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(now));
      const session = await till.createSession();
      expect(session.estimate.next_invoice!.date).toBe(next);
      expect((await till.getSessionView(secretOf(session))).body.estimate.next_invoice.date).toBe(next);
    });

    it('falls a year later for a yearly plan, Feb 28 after Feb 29', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2028-02-29T08:00:00.000Z'));
      const { proYearly } = await till.plans();
      const session = await till.createSession({ subscription_config_id: proYearly });
      expect(session.estimate.next_invoice).toStrictEqual({ date: '2029-02-28T08:00:00.000Z', amount: '190.00' });
    });

    it('is the subscription’s renewal once the checkout completed', async () => {
      const session = await till.createSession();
      const completion = await till.complete(secretOf(session));
      const [subscription] = await till.db.query<{ current_period_end: Date }>('SELECT current_period_end FROM subscriptions WHERE subscription_id = $1', [
        completion.body.subscription_id,
      ]);
      const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
      expect(body.estimate.next_invoice.date).toBe(subscription!.current_period_end.toISOString());
    });
  });

  it('creates nothing: no payment, subscription or redemption', async () => {
    const code = await till.insertPromotionCode({ max_redemptions: 1 });
    const before = await till.db.query<{ payments: number; subscriptions: number }>(
      'SELECT (SELECT count(*)::int FROM payments) AS payments, (SELECT count(*)::int FROM subscriptions) AS subscriptions',
    );
    await estimateOf({ promotion_code: code });
    await estimateOf({ promotion_code: code });
    expect(
      await till.db.query('SELECT (SELECT count(*)::int FROM payments) AS payments, (SELECT count(*)::int FROM subscriptions) AS subscriptions'),
    ).toStrictEqual(before);
    expect(await till.timesRedeemed(code)).toBe(0);
  });
});
