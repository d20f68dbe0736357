import { describe, expect, it } from 'vitest';
import { expectApiError, newCustomerPayment, secretOf, useTestServer } from './support/testServer';

/**
 * Seed 003's `customAmount` with its `taxBehavior`: a price the merchant sets for the first payment, instead of the
 * plan's (or the bundle's cost), validated in the plan's currency, taxed as it says, charged exactly.
 */
const till = useTestServer();

async function postSession(overrides: Record<string, unknown>) {
  return till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody(overrides) });
}

/** A session's estimate, checked to be the same in the creation response and in the checkout app's view. */
async function estimateOf(overrides: Record<string, unknown>) {
  const session = await till.createSession(overrides);
  const view = await till.getSessionView(secretOf(session));
  const nextInvoice = session.estimate.next_invoice && { ...session.estimate.next_invoice, date: expect.any(String) };
  expect(view.body.estimate).toStrictEqual({ ...session.estimate, next_invoice: nextInvoice });
  expect(view.body.amount_due).toBe(session.estimate.due_today.total);
  return session.estimate;
}

async function paymentsOf(checkoutSessionId: string) {
  const response = await till.api('GET', `/v1/payments?checkout_session_id=${checkoutSessionId}`);
  expect(response.status).toBe(200);
  return response.body.data as { amount: string; currency: string; status: string }[];
}

describe('custom_amount and tax_behavior (seed 003)', () => {
  it('are returned as given, at creation and from GET, and are null without them', async () => {
    const session = await till.createSession({ custom_amount: '29.9', tax_behavior: 'inclusive' });
    expect(session).toMatchObject({ custom_amount: '29.90', tax_behavior: 'inclusive', currency: 'USD' });
    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body).toMatchObject({ custom_amount: '29.90', tax_behavior: 'inclusive' });
    expect(await till.createSession()).toMatchObject({ custom_amount: null, tax_behavior: null });
  });

  it('takes null for either as absent', async () => {
    expect(await till.createSession({ custom_amount: null, tax_behavior: null })).toMatchObject({ custom_amount: null, tax_behavior: null });
  });

  describe('the estimate', () => {
    it('charges the custom amount with tax added on top today, and the plan’s price at the next invoice', async () => {
      expect(await estimateOf({ custom_amount: '29.99', tax_behavior: 'exclusive', customer: { country: 'DE' } })).toMatchObject({
        unit_amount: '19.00',
        tax_behavior: 'exclusive',
        tax_rate: { country: 'DE', percentage: 19 },
        // 29.99 × 19 % = 5.6981 → 5.70
        due_today: { subtotal: '29.99', discount: '0.00', tax: '5.70', total: '35.69' },
        next_invoice: { amount: '22.61' },
      });
    });

    it('takes inclusive tax out of the custom amount, while the plan’s own renewals add theirs', async () => {
      expect(await estimateOf({ custom_amount: '29.99', tax_behavior: 'inclusive', customer: { country: 'DE' } })).toMatchObject({
        tax_behavior: 'inclusive',
        // 29.99 × 19 ÷ 119 = 4.788… → 4.79
        due_today: { subtotal: '29.99', discount: '0.00', tax: '4.79', total: '29.99' },
        next_invoice: { amount: '22.61' },
      });
    });

    it('is the whole first payment of a per-seat plan, whatever the seats; renewals bill every seat', async () => {
      const { team } = await till.plans();
      expect(await estimateOf({ subscription_config_id: team, quantity: 5, custom_amount: '50.00', tax_behavior: 'exclusive' })).toMatchObject({
        quantity: 5,
        unit_amount: '12.00',
        due_today: { subtotal: '50.00', total: '50.00' },
        next_invoice: { amount: '60.00' },
      });
    });

    it('takes a once promotion off the custom amount only', async () => {
      expect(await estimateOf({ custom_amount: '30.00', tax_behavior: 'exclusive', promotion_code: 'WELCOME20' })).toMatchObject({
        due_today: { subtotal: '30.00', discount: '6.00', total: '24.00' },
        next_invoice: { amount: '19.00' },
      });
    });

    it('takes a forever promotion off the custom amount and off every renewal', async () => {
      expect(await estimateOf({ custom_amount: '30.00', tax_behavior: 'exclusive', promotion_code: 'FIVEOFF' })).toMatchObject({
        due_today: { subtotal: '30.00', discount: '5.00', total: '25.00' },
        next_invoice: { amount: '14.00' },
      });
    });

    it('reads yen as whole yen', async () => {
      const { proJpy } = await till.plans();
      expect(await estimateOf({ subscription_config_id: proJpy, custom_amount: '3000', tax_behavior: 'inclusive', customer: { country: 'JP' } })).toMatchObject({
        currency: 'JPY',
        // ¥3,000 × 10 ÷ 110 = ¥272.7… → ¥273
        due_today: { subtotal: '3000', tax: '273', total: '3000' },
        next_invoice: { amount: '2900' },
      });
    });

    it('replaces a credit bundle’s cost, and the bundle still adds its credit', async () => {
      const { connectionId } = await till.subscribe();
      const { powerBundle } = await till.catalog();
      const session = await till.createSession({
        checkout_mode: 'credit_bundle',
        subscription_config_id: undefined,
        credit_bundle_id: powerBundle.id,
        connection_id: connectionId,
        customer: { country: 'DE' },
        custom_amount: '15.00',
        tax_behavior: 'exclusive',
      });
      expect(session.estimate).toMatchObject({
        unit_amount: '20.00',
        due_today: { subtotal: '15.00', tax: '2.85', total: '17.85' },
        next_invoice: null,
      });
      const view = await till.getSessionView(secretOf(session));
      expect(view.body).toMatchObject({ custom_amount: '15.00', amount_due: '17.85', bundle: { price: '20.00', credit_amount: '25.00' } });

      const completed = await till.complete(secretOf(session), { card: { number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 1, cvc: '123' } });
      expect(completed.status, JSON.stringify(completed.body)).toBe(200);
      expect(completed.body.credits_added).toBe('25.00');
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: '17.85', currency: 'USD', status: 'succeeded' }]);
    });
  });

  it('charges exactly the custom amount and its tax at completion, and says so on the session', async () => {
    const session = await till.createSession({ custom_amount: '29.99', tax_behavior: 'exclusive', customer: { country: 'DE' } });
    const completed = await till.complete(secretOf(session), newCustomerPayment());
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);

    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: '35.69', currency: 'USD', status: 'succeeded' }]);
    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body).toMatchObject({
      status: 'completed',
      amount_total: '35.69',
      custom_amount: '29.99',
      tax_behavior: 'exclusive',
      estimate: { due_today: { total: '35.69' }, next_invoice: { amount: '22.61' } },
    });
  });

  it('keeps a per-seat session’s seats, which the customer cannot change under a custom amount', async () => {
    const { team } = await till.plans();
    const session = await till.createSession({ subscription_config_id: team, quantity: 3, custom_amount: '20.00', tax_behavior: 'exclusive' });
    const view = await till.getSessionView(secretOf(session));
    expect(view.body).toMatchObject({ custom_amount: '20.00', quantity: 3, amount_due: '20.00' });

    expectApiError(await till.updateSession(secretOf(session), { quantity: 4 }), 'validation_error', 'quantity');
    // Asking for the seats it already has changes nothing, and is no error.
    expect((await till.updateSession(secretOf(session), { quantity: 3 })).status).toBe(200);

    const completed = await till.complete(secretOf(session), newCustomerPayment());
    expect(completed.status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: '20.00' }]);
    const subscription = await till.api('GET', `/v1/subscriptions/${completed.body.subscription_id}`);
    expect(subscription.body.quantity).toBe(3);
  });

  describe('refuses', () => {
    it.each([
      ['a number rather than a decimal string', { custom_amount: 2999, tax_behavior: 'exclusive' }, 'custom_amount'],
      ['more fraction digits than the currency has', { custom_amount: '29.999', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['a negative amount', { custom_amount: '-1.00', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['zero', { custom_amount: '0.00', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['an exponent', { custom_amount: '1e3', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['an empty string', { custom_amount: '', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['more than 999,999.99', { custom_amount: '1000000.00', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['a string longer than any amount', { custom_amount: '1'.repeat(21), tax_behavior: 'exclusive' }, 'custom_amount'],
      ['a NUL character', { custom_amount: '29.99\u0000', tax_behavior: 'exclusive' }, 'custom_amount'],
      ['a custom amount without tax_behavior', { custom_amount: '29.99' }, 'tax_behavior'],
      ['tax_behavior without a custom amount', { tax_behavior: 'inclusive' }, 'tax_behavior'],
      ['a tax_behavior other than inclusive or exclusive', { custom_amount: '29.99', tax_behavior: 'INCLUSIVE' }, 'tax_behavior'],
    ])('%s', async (_, fields, param) => {
      expectApiError(await postSession(fields), 'validation_error', param);
    });

    it('a fraction of a yen', async () => {
      const { proJpy } = await till.plans();
      const response = await postSession({ subscription_config_id: proJpy, custom_amount: '29.99', tax_behavior: 'inclusive' });
      expectApiError(response, 'validation_error', 'custom_amount');
      expect(response.body.error.message).toMatch(/JPY/);
    });

    it('a currency other than the plan’s, saying the amount is charged in the plan’s', async () => {
      const response = await postSession({ custom_amount: '29.99', tax_behavior: 'exclusive', currency: 'EUR' });
      expectApiError(response, 'validation_error', 'currency');
      expect(response.body.error.message).toMatch(/priced in USD.*custom_amount/);
    });

    it('takes the plan’s currency when it is named', async () => {
      expect(await till.createSession({ custom_amount: '29.99', tax_behavior: 'exclusive', currency: 'usd' })).toMatchObject({ currency: 'USD', custom_amount: '29.99' });
    });

    it('a choice of plans, as the amount is the price of one', async () => {
      const { pro, proYearly } = await till.plans();
      const response = await postSession({ subscription_config_id: pro, subscription_config_ids: [pro, proYearly], custom_amount: '29.99', tax_behavior: 'exclusive' });
      expectApiError(response, 'validation_error', 'subscription_config_ids');
    });
  });
});
