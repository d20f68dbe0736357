import { describe, expect, it } from 'vitest';
import { addBillingInterval } from '../../src/server/addBillingInterval';
import { advanceClockPast, buySubscription, eventsAbout, invoicesOf, offSessionChargesOf, renewDue, saveCard, subscriptionOf } from './support/renewals';
import { AUTHENTICATE_ALWAYS, expectApiError, useTestServer, validCard } from './support/testServer';

/**
 * Issue 12: subscriptions renew at the end of each period, charged off-session with the saved card. Each test moves
 * the demo merchant's test clock past its own subscription's dates and runs the worker's renewal step until nothing
 * is due, so it looks only at its own subscription: others of the file may renew alongside. The clock only moves
 * forward, and checkouts start periods by the real clock, so a later test's subscription may be periods behind the
 * test clock: it then renews period after period until it is not.
 */
const till = useTestServer();

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
/** Succeeds at checkout, and every off-session charge is declined (`card_declined`). */
const DECLINES_OFF_SESSION = '4000000000000341';

describe('renewals', () => {
  it('charge the saved card when the period ends: one paid invoice, the next period, its included credit and the events', async () => {
    const { subscriptionId, connectionId } = await buySubscription(till);
    const bought = await subscriptionOf(till, subscriptionId);
    const creditBefore = Number((await till.getConnection(connectionId)).credit_balance);

    await advanceClockPast(till, bought.current_period_end);
    await renewDue(till);
    await renewDue(till); // nothing more is due: a period is charged once

    const invoices = await invoicesOf(till, subscriptionId);
    const periodEnd = addBillingInterval(new Date(bought.current_period_end), 'month').toISOString();
    expect(invoices).toStrictEqual([
      expect.objectContaining({
        subscription_id: subscriptionId, connection_id: connectionId, livemode: false,
        period_start: bought.current_period_end, period_end: periodEnd,
        currency: 'USD', subtotal: '19.00', discount: '0.00', tax: '0.00', amount: '19.00',
        status: 'paid', attempts: 1, next_attempt_at: null, decline_code: null, customer_action_required: false,
      }),
    ]);
    expect((await till.api('GET', `/v1/invoices/${invoices[0].invoice_id}`)).body).toStrictEqual(invoices[0]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({
      status: 'active', current_period_start: bought.current_period_end, current_period_end: periodEnd,
    });
    expect(Number((await till.getConnection(connectionId)).credit_balance)).toBe(creditBefore + 10);
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'invoice.paid', 'subscription.renewed']);
    expect(await offSessionChargesOf(till, subscriptionId)).toBe(1);
  });

  it('retry a declined renewal after 1, 3 and 5 days, past due meanwhile, then cancel the subscription', async () => {
    const { subscriptionId } = await buySubscription(till, {}, validCard(DECLINES_OFF_SESSION));
    await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
    await renewDue(till);

    const [first] = await invoicesOf(till, subscriptionId);
    const firstTried = new Date(first.created_at).getTime();
    const after = (days: number) => new Date(firstTried + days * DAY_MS).toISOString();
    expect(first).toMatchObject({ status: 'open', attempts: 1, decline_code: 'card_declined', next_attempt_at: after(1), paid_at: null });
    expect((await subscriptionOf(till, subscriptionId)).status).toBe('past_due');

    for (const [attempts, nextDays] of [[2, 3], [3, 5]] as const) {
      await advanceClockPast(till, (await invoicesOf(till, subscriptionId))[0].next_attempt_at);
      await renewDue(till);
      expect((await invoicesOf(till, subscriptionId))[0]).toMatchObject({ status: 'open', attempts, next_attempt_at: after(nextDays) });
      expect((await subscriptionOf(till, subscriptionId)).status).toBe('past_due');
    }
    await advanceClockPast(till, after(5));
    await renewDue(till);

    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([
      expect.objectContaining({ invoice_id: first.invoice_id, status: 'void', attempts: 4, next_attempt_at: null, decline_code: 'card_declined' }),
    ]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'canceled', ended_at: expect.any(String) });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual([
      'subscription.created', 'invoice.payment_failed', 'subscription.past_due', 'invoice.payment_failed', 'invoice.payment_failed',
      'invoice.payment_failed', 'subscription.canceled',
    ]);
    expect(await offSessionChargesOf(till, subscriptionId)).toBe(4);
  });

  it('tell the merchant the customer must come back when the card asks for authentication, and pay on a retry with a card that works', async () => {
    const { subscriptionId, connectionId } = await buySubscription(till);
    await saveCard(till, connectionId, AUTHENTICATE_ALWAYS);
    const bought = await subscriptionOf(till, subscriptionId);
    await advanceClockPast(till, bought.current_period_end);
    await renewDue(till);

    const failures = (await till.eventsOfType('invoice.payment_failed')).filter((event) => event.data.subscription_id === subscriptionId);
    expect(failures.map((event) => event.data)).toStrictEqual([
      expect.objectContaining({ status: 'open', decline_code: 'authentication_required', customer_action_required: true }),
    ]);

    await saveCard(till, connectionId, '4242424242424242');
    await advanceClockPast(till, failures[0]!.data.next_attempt_at);
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([
      expect.objectContaining({ status: 'paid', attempts: 2, decline_code: null, customer_action_required: false, period_start: bought.current_period_end }),
    ]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active', current_period_start: bought.current_period_end });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual([
      'subscription.created', 'invoice.payment_failed', 'subscription.past_due', 'invoice.paid', 'subscription.renewed',
    ]);
  });

  it('end a subscription canceled at the period’s end then, instead of renewing it', async () => {
    const { subscriptionId } = await buySubscription(till);
    const canceled = await till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: {} });
    expect(canceled.body).toMatchObject({ status: 'active', cancel_at_period_end: true });
    await advanceClockPast(till, canceled.body.current_period_end);
    await renewDue(till);

    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'canceled', ended_at: canceled.body.current_period_end });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'subscription.updated', 'subscription.canceled']);
  });

  it('end a fixed term at its end date: renewed before it, never after', async () => {
    const endDate = inDays(45);
    const { subscriptionId } = await buySubscription(till, { end_date: endDate });
    const bought = await subscriptionOf(till, subscriptionId);
    expect(bought.ends_at).toBe(endDate);
    await advanceClockPast(till, bought.current_period_end);
    await renewDue(till);
    expect((await subscriptionOf(till, subscriptionId)).status).toBe('active');

    await advanceClockPast(till, endDate);
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'paid', period_start: bought.current_period_end })]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'canceled', ended_at: endDate });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'invoice.paid', 'subscription.renewed', 'subscription.canceled']);
  });

  it('charge a scheduled subscription first on its start date, which makes it active, without granting its credit twice', async () => {
    const startDate = inDays(10);
    const { subscriptionId, connectionId } = await buySubscription(till, { start_date: startDate });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'scheduled', current_period_start: startDate });
    const creditBefore = (await till.getConnection(connectionId)).credit_balance;
    await advanceClockPast(till, startDate);
    await renewDue(till);

    // The clock may be far ahead after the tests before: later periods renew too, each granting its credit.
    const [invoice, ...renewals] = await invoicesOf(till, subscriptionId);
    expect(invoice).toMatchObject({ status: 'paid', period_start: startDate, amount: '19.00' });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active' });
    expect(Number((await till.getConnection(connectionId)).credit_balance)).toBe(Number(creditBefore) + 10 * renewals.length);
  });

  it('stop retrying once the merchant cancels a past-due subscription now', async () => {
    const { subscriptionId } = await buySubscription(till, {}, validCard(DECLINES_OFF_SESSION));
    await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
    await renewDue(till);
    expect((await till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: { at_period_end: false } })).status).toBe(200);
    await advanceClockPast(till, inDays(400));
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'void', attempts: 1, next_attempt_at: null })]);
  });
});

describe('invoices', () => {
  it('are listed by subscription, connection and status, a page at a time, and are missing to other merchants', async () => {
    const { subscriptionId, connectionId } = await buySubscription(till);
    await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
    await renewDue(till);
    const invoices = await invoicesOf(till, subscriptionId);
    const invoice = invoices[0];

    expect((await till.api('GET', `/v1/invoices?connection_id=${connectionId}&limit=100`)).body.data).toStrictEqual(invoices);
    const paid = (await till.api('GET', '/v1/invoices?status=paid&limit=100')).body.data;
    expect(paid.map((i: any) => i.invoice_id)).toContain(invoice.invoice_id);
    expect(paid.every((i: any) => i.status === 'paid')).toBe(true);
    const firstPage = (await till.api('GET', '/v1/invoices?limit=1')).body;
    expect(firstPage).toMatchObject({ has_more: true, next_cursor: firstPage.data[0].invoice_id });
    const secondPage = (await till.api('GET', `/v1/invoices?limit=1&cursor=${firstPage.next_cursor}`)).body;
    expect(secondPage.data[0].invoice_id > firstPage.data[0].invoice_id).toBe(true);

    const other = await till.insertOtherMerchant();
    expectApiError(await till.api('GET', `/v1/invoices/${invoice.invoice_id}`, { key: other.apiKey }), 'resource_missing', 'id');
    expect((await till.api('GET', '/v1/invoices', { key: other.apiKey })).body.data).toStrictEqual([]);
  });
});

describe('the test clock', () => {
  it('moves test mode’s time forward and answers with its new now', async () => {
    const before = Date.now();
    const first = await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: 3600 } });
    const second = await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: 60 } });
    expect(second.body.offset_seconds).toBe(first.body.offset_seconds + 60);
    expect(new Date(second.body.now).getTime()).toBeGreaterThanOrEqual(before + second.body.offset_seconds * 1000);
  });

  it('refuses a move that is not forward', async () => {
    expectApiError(await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: 0 } }), 'validation_error', 'seconds');
    expectApiError(await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: -60 } }), 'validation_error', 'seconds');
  });

  it('refuses a move past 9999-12-31T23:59:59Z, naming seconds, and still moves up to it', async () => {
    // Another merchant's clock, so the demo merchant's subscriptions in this file keep a clock they can renew by.
    const other = await till.insertOtherMerchant();
    const limit = Date.parse('9999-12-31T23:59:59Z');
    const oneHourShort = Math.floor((limit - Date.now()) / 1000) - 3600;
    await till.db.query('UPDATE merchants SET test_clock_offset_seconds = $2 WHERE merchant_id = $1', [other.merchantId, oneHourShort]);
    const advance = (seconds: number) => till.api('POST', '/v1/test_helpers/advance_time', { key: other.apiKey, body: { seconds } });

    expectApiError(await advance(2 * 3600), 'validation_error', 'seconds');
    expectApiError(await advance(10 * 366 * 86_400), 'validation_error', 'seconds');
    const [row] = await till.db.query<{ offset: string }>('SELECT test_clock_offset_seconds::text AS offset FROM merchants WHERE merchant_id = $1', [
      other.merchantId,
    ]);
    expect(Number(row!.offset)).toBe(oneHourShort);

    const moved = await advance(60);
    expect(moved.status).toBe(200);
    expect(moved.body.now).toMatch(/^9999-12-31T2\d:/);
  });

  it('does not exist in live mode', async () => {
    const liveKey = await till.insertLiveKey();
    expectApiError(await till.api('POST', '/v1/test_helpers/advance_time', { key: liveKey, body: { seconds: 60 } }), 'route_not_found');
  });
});
