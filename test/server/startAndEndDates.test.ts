import { describe, expect, it } from 'vitest';
import { addBillingInterval } from '../../src/server/addBillingInterval';
import { DECLINED_VISA, expectApiError, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

/**
 * Seed 002's `start_date` (a subscription that starts, and first charges, later) and `end_date` (a fixed term).
 * A start must fall after the session expires (24 hours unless `expires_at` says otherwise), so these tests start
 * subscriptions days ahead.
 */
const till = useTestServer();

const DAY_MS = 24 * 60 * 60 * 1000;
/** An instant `days` from now, as the API writes instants. */
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

async function postSession(overrides: Record<string, unknown>) {
  return till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody(overrides) });
}

async function paymentsOf(checkoutSessionId: string) {
  return (await till.api('GET', `/v1/payments?checkout_session_id=${checkoutSessionId}`)).body.data as {
    amount: string;
    status: string;
    card_last4: string;
    decline_code: string | null;
  }[];
}

async function subscriptionOf(subscriptionId: string) {
  const response = await till.api('GET', `/v1/subscriptions/${subscriptionId}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('start_date and end_date (seed 002)', () => {
  it('are returned as given, at creation, from GET and to the checkout app, and are null without them', async () => {
    const [start, end] = [inDays(10), inDays(200)];
    const session = await till.createSession({ start_date: start, end_date: end });
    expect(session).toMatchObject({ start_date: start, end_date: end });
    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body).toMatchObject({ start_date: start, end_date: end });
    expect((await till.getSessionView(secretOf(session))).body).toMatchObject({ start_date: start, end_date: end });
    expect(await till.createSession()).toMatchObject({ start_date: null, end_date: null });
  });

  it('keeps the instant of a date written with another offset', async () => {
    const start = new Date(Date.now() + 10 * DAY_MS);
    start.setUTCMilliseconds(0);
    // The same instant as it reads two hours east of UTC.
    const withOffset = `${new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString().slice(0, 19)}+02:00`;
    expect((await till.createSession({ start_date: withOffset })).start_date).toBe(start.toISOString());
  });

  it('takes null for either as absent', async () => {
    expect(await till.createSession({ start_date: null, end_date: null })).toMatchObject({ start_date: null, end_date: null });
  });

  describe('a later start', () => {
    it('charges nothing today: the next invoice is the full first payment, on the start date', async () => {
      const start = inDays(14);
      const session = await till.createSession({ start_date: start, customer: { country: 'DE' } });
      expect(session.estimate).toMatchObject({
        due_today: { subtotal: '0.00', discount: '0.00', tax: '0.00', total: '0.00' },
        next_invoice: { date: start, amount: '22.61' },
      });
      const view = await till.getSessionView(secretOf(session));
      expect(view.body).toMatchObject({ amount_due: '0.00', start_date: start, estimate: { next_invoice: { date: start, amount: '22.61' } } });
    });

    it('lets a promotion for the first payment discount the payment on the start date', async () => {
      const start = inDays(14);
      const session = await till.createSession({ start_date: start, promotion_code: 'WELCOME20' });
      expect(session.estimate).toMatchObject({ due_today: { total: '0.00' }, next_invoice: { date: start, amount: '15.20' } });
    });

    it('charges nothing at completion, still takes the card, and schedules the subscription from the start date', async () => {
      const { configId } = await till.catalog();
      const start = inDays(30);
      const session = await till.createSession({ start_date: start });
      const payment = newCustomerPayment();
      const completed = await till.complete(secretOf(session), payment);
      expect(completed.status, JSON.stringify(completed.body)).toBe(200);

      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: '0.00', status: 'succeeded', card_last4: '4242' }]);
      const [connection] = await till.db.query<{ card_last4: string | null }>('SELECT card_last4 FROM connections WHERE connection_id = $1', [
        completed.body.connection_id,
      ]);
      expect(connection!.card_last4).toBe('4242');

      const subscription = await subscriptionOf(completed.body.subscription_id);
      expect(subscription).toMatchObject({
        subscription_config_id: configId,
        status: 'scheduled',
        current_period_start: start,
        current_period_end: addBillingInterval(new Date(start), 'month').toISOString(),
        ends_at: null,
        billing_cycle_anchor: start,
      });
      expect((await till.getConnection(completed.body.connection_id)).subscription).toStrictEqual(subscription);
      const listed = await till.api('GET', `/v1/connections?email=${encodeURIComponent(payment.customer.email)}`);
      expect(listed.body.data.map((c: { subscription: unknown }) => c.subscription)).toStrictEqual([subscription]);
      const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
      expect(body).toMatchObject({ status: 'completed', amount_total: '0.00', estimate: { next_invoice: { date: start, amount: '19.00' } } });
      expect((await till.eventsOfType('subscription.created')).find((event) => event.data.subscription_id === subscription.subscription_id)?.data).toStrictEqual(subscription);
    });

    it('refuses a declined card, though nothing is charged today', async () => {
      const session = await till.createSession({ start_date: inDays(30) });
      const response = await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }));
      expectApiError(response, 'card_declined', 'payment_method');
      expect((await till.getSessionView(secretOf(session))).body.status).toBe('open');
    });

    it('counts as subscribed to the plan, but buys no credit packs before it starts', async () => {
      const session = await till.createSession({ start_date: inDays(30) });
      const { connection_id: connectionId } = (await till.complete(secretOf(session), newCustomerPayment())).body;
      expectApiError(await postSession({ connection_id: connectionId }), 'already_subscribed', 'connection_id');
      const { starterBundle } = await till.catalog();
      const bundle = await postSession({ checkout_mode: 'credit_bundle', subscription_config_id: undefined, credit_bundle_id: starterBundle.id, connection_id: connectionId });
      expectApiError(bundle, 'subscription_required', 'connection_id');
    });

    it('is listed under status=scheduled', async () => {
      const session = await till.createSession({ start_date: inDays(20) });
      const { subscription_id: subscriptionId } = (await till.complete(secretOf(session), newCustomerPayment())).body;
      const scheduled = await till.api('GET', '/v1/subscriptions?status=scheduled&limit=100');
      expect(scheduled.body.data.map((s: { subscription_id: string }) => s.subscription_id)).toContain(subscriptionId);
      const active = await till.api('GET', '/v1/subscriptions?status=active&limit=100');
      expect(active.body.data.map((s: { subscription_id: string }) => s.subscription_id)).not.toContain(subscriptionId);
    });

    it('may be sooner than a day ahead when the session expires sooner', async () => {
      const session = await till.createSession({ expires_at: inDays(1 / 24), start_date: inDays(2 / 24) });
      expect(session.estimate.due_today.total).toBe('0.00');
    });
  });

  describe('a fixed term', () => {
    it('has no next invoice when it ends before the next renewal', async () => {
      const session = await till.createSession({ end_date: inDays(20) });
      expect(session.estimate).toMatchObject({ due_today: { total: '19.00' }, next_invoice: null });
    });

    it('still renews before it ends', async () => {
      const session = await till.createSession({ end_date: inDays(90) });
      expect(session.estimate.next_invoice).toMatchObject({ amount: '19.00' });
    });

    it('charges the first period in full and gives the subscription its end', async () => {
      const end = inDays(20);
      const session = await till.createSession({ end_date: end });
      const completed = await till.complete(secretOf(session), newCustomerPayment());
      expect(completed.status, JSON.stringify(completed.body)).toBe(200);
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: '19.00' }]);
      expect(await subscriptionOf(completed.body.subscription_id)).toMatchObject({ status: 'active', ends_at: end, cancel_at: null });
    });

    it('with a later start: scheduled from the start, ending at the end, first charged on the start date', async () => {
      const [start, end] = [inDays(10), inDays(100)];
      const session = await till.createSession({ start_date: start, end_date: end });
      expect(session.estimate).toMatchObject({ due_today: { total: '0.00' }, next_invoice: { date: start, amount: '19.00' } });
      const completed = await till.complete(secretOf(session), newCustomerPayment());
      expect(await subscriptionOf(completed.body.subscription_id)).toMatchObject({ status: 'scheduled', current_period_start: start, ends_at: end });
    });
  });

  describe('refuses', () => {
    it.each([
      ['a start in the past', () => ({ start_date: inDays(-1) }), 'start_date'],
      ['a start now', () => ({ start_date: new Date().toISOString() }), 'start_date'],
      ['a start before the session expires', () => ({ start_date: inDays(0.5) }), 'start_date'],
      ['a start more than a year ahead', () => ({ start_date: inDays(367) }), 'start_date'],
      ['a start without a time', () => ({ start_date: inDays(10).slice(0, 10) }), 'start_date'],
      ['a start without an offset', () => ({ start_date: inDays(10).slice(0, 19) }), 'start_date'],
      ['a start that is not a date', () => ({ start_date: 'next month' }), 'start_date'],
      ['a start as a number', () => ({ start_date: Date.now() + 10 * DAY_MS }), 'start_date'],
      ['a start longer than any date', () => ({ start_date: `${inDays(10).slice(0, 19)}.${'0'.repeat(30)}Z` }), 'start_date'],
      ['a start with a NUL character', () => ({ start_date: `${inDays(10)}\u0000` }), 'start_date'],
      ['an end before the start', () => ({ start_date: inDays(20), end_date: inDays(10) }), 'end_date'],
      // One instant for both: two calls a millisecond apart on a busy machine would put the end after the start.
      ['an end at the start', () => ((day) => ({ start_date: day, end_date: day }))(inDays(20)), 'end_date'],
      ['an end before the session expires', () => ({ end_date: inDays(0.5) }), 'end_date'],
      ['an end in the past', () => ({ end_date: inDays(-3) }), 'end_date'],
      ['an end more than ten years after the start', () => ({ start_date: inDays(10), end_date: inDays(10 + 3660) }), 'end_date'],
      ['an end that is not a date', () => ({ end_date: 'never' }), 'end_date'],
      ['a custom amount, charged at checkout, with a later start', () => ({ start_date: inDays(10), custom_amount: '5.00', tax_behavior: 'exclusive' }), 'custom_amount'],
    ])('%s', async (_, fields, param) => {
      expectApiError(await postSession(fields()), 'validation_error', param);
    });

    it.each(['start_date', 'end_date'])('%s for a credit bundle, which is bought at once', async (field) => {
      const { connectionId } = await till.subscribe();
      const { starterBundle } = await till.catalog();
      const response = await postSession({
        checkout_mode: 'credit_bundle',
        subscription_config_id: undefined,
        credit_bundle_id: starterBundle.id,
        connection_id: connectionId,
        [field]: inDays(30),
      });
      expectApiError(response, 'validation_error', field);
    });
  });
});
