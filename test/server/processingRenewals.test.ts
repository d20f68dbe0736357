import { describe, expect, it } from 'vitest';
import { settleProcessingPayments } from '../../src/server/checkout/settleProcessingPayments';
import { advanceClockPast, buySubscription, eventsAbout, invoicesOf, offSessionChargesOf, renewDue, saveCard, subscriptionOf } from './support/renewals';
import { createSettlingProcessor } from './support/settlingProcessor';
import { expectApiError, PROCESSING, useTestServer } from './support/testServer';

/**
 * Issue 12: a renewal the processor answers `processing` (the slow test card) is neither paid nor failed until it
 * settles. The worker looks at it again every few seconds of the merchant's clock; the processor decides when the
 * test says (`settle`).
 */
const slow = createSettlingProcessor();
const till = useTestServer({ processorFor: slow.processorFor });
/** A round of the worker's sweep of settling checkout payments. */
const settleNow = () => settleProcessingPayments(till.db, slow.processorFor, { onError: (error) => { throw error; }, recheckDelay: () => 0 });

/** A subscription bought with a card that pays at once, whose saved card is then the slow one, renewed once. */
async function renewWithTheSlowCard() {
  const { subscriptionId, connectionId } = await buySubscription(till);
  await saveCard(till, connectionId, PROCESSING);
  const bought = await subscriptionOf(till, subscriptionId);
  await advanceClockPast(till, bought.current_period_end);
  await renewDue(till);
  return { subscriptionId, bought };
}

/** The payment of the invoice's latest attempt, as `GET /v1/payments` lists it. */
async function paymentOf(invoice: { payment_id: string; connection_id: string }) {
  const listed = (await till.api('GET', `/v1/payments?connection_id=${invoice.connection_id}&limit=100`)).body.data;
  return listed.find((payment: { payment_id: string }) => payment.payment_id === invoice.payment_id);
}

/** Moves the merchant's clock past the invoice's next look and runs the worker. */
async function lookAgain(subscriptionId: string) {
  const [invoice] = await invoicesOf(till, subscriptionId);
  await advanceClockPast(till, invoice.next_attempt_at);
  await renewDue(till);
}

/** The slow card's charges settle declined (insufficient funds), and the worker looks at the subscription again. */
async function settleDeclined(subscriptionId: string) {
  slow.failSettlements = true;
  try {
    slow.settle();
    await lookAgain(subscriptionId);
  } finally {
    slow.failSettlements = false;
  }
}

describe('a renewal the processor settles later', () => {
  it('stays open, unpaid and without a new period while it settles, then is paid once, with its events once', async () => {
    const { subscriptionId, bought } = await renewWithTheSlowCard();
    const unsettled = {
      status: 'open', attempts: 1, decline_code: null, customer_action_required: false, paid_at: null, next_attempt_at: expect.any(String),
    };
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ ...unsettled, period_start: bought.current_period_end })]);
    await lookAgain(subscriptionId); // the processor has not decided yet
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining(unsettled)]);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({
      status: 'active', current_period_start: bought.current_period_start, current_period_end: bought.current_period_end,
    });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created']);
    const [processing] = await invoicesOf(till, subscriptionId);
    expect(await paymentOf(processing)).toMatchObject({ invoice_id: processing.invoice_id, status: 'processing', amount: processing.amount });

    slow.settle();
    // The sweep of slow checkout payments leaves a renewal's to the renewal worker.
    await settleNow();
    expect((await paymentOf(processing)).status).toBe('processing');
    await lookAgain(subscriptionId);
    await renewDue(till);

    const [paid, ...later] = await invoicesOf(till, subscriptionId);
    expect(paid).toMatchObject({
      status: 'paid', attempts: 1, next_attempt_at: null, paid_at: expect.any(String), period_start: bought.current_period_end, payment_id: processing.payment_id,
    });
    expect(await paymentOf(paid)).toMatchObject({ status: 'succeeded', decline_code: null });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active', current_period_start: paid.period_start });
    // The clock may have passed later periods' ends meanwhile: each of those is a new charge, still settling.
    expect(later.every((invoice: { status: string }) => invoice.status === 'open')).toBe(true);
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'invoice.paid', 'subscription.renewed']);
    expect(await offSessionChargesOf(till, subscriptionId)).toBe(1 + later.length);
  });

  it('goes past due when it settles declined, and is retried on the schedule like any declined renewal', async () => {
    const { subscriptionId, bought } = await renewWithTheSlowCard();
    await settleDeclined(subscriptionId);

    const [failed] = await invoicesOf(till, subscriptionId);
    const firstTried = new Date(failed.created_at).getTime();
    expect(failed).toMatchObject({
      status: 'open', attempts: 1, decline_code: 'insufficient_funds', paid_at: null, next_attempt_at: new Date(firstTried + 86_400_000).toISOString(),
    });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'past_due', current_period_start: bought.current_period_start });
    expect(await paymentOf(failed)).toMatchObject({ status: 'declined', decline_code: 'insufficient_funds' });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'invoice.payment_failed', 'subscription.past_due']);

    await lookAgain(subscriptionId); // the retry: a new charge, which settles later too
    expect((await invoicesOf(till, subscriptionId))[0]).toMatchObject({ status: 'open', attempts: 2, decline_code: null });
    slow.settle();
    await lookAgain(subscriptionId);

    const [paid] = await invoicesOf(till, subscriptionId);
    expect(paid).toMatchObject({ invoice_id: failed.invoice_id, status: 'paid', attempts: 2, decline_code: null });
    expect(paid.payment_id).not.toBe(failed.payment_id);
    expect(await paymentOf(paid)).toMatchObject({ status: 'succeeded' });
    expect(await paymentOf(failed)).toMatchObject({ status: 'declined' });
    expect((await eventsAbout(till, subscriptionId)).slice(0, 5)).toStrictEqual([
      'subscription.created', 'invoice.payment_failed', 'subscription.past_due', 'invoice.paid', 'subscription.renewed',
    ]);
  });

  it('looks at a retry still settling before it ends a past-due subscription set to cancel at the period’s end: a charge that pays is kept', async () => {
    const { subscriptionId } = await renewWithTheSlowCard();
    await settleDeclined(subscriptionId);
    await lookAgain(subscriptionId); // the retry: a new charge, which settles later too
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'past_due' });
    expect((await till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: { at_period_end: true } })).status).toBe(200);

    slow.settle();
    await lookAgain(subscriptionId);
    const [paid] = await invoicesOf(till, subscriptionId);
    expect(paid).toMatchObject({ status: 'paid', attempts: 2 });
    expect(await paymentOf(paid)).toMatchObject({ status: 'succeeded' });
    // The period it paid for is the customer's, and the subscription ends with it, as asked.
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active', cancel_at_period_end: true, current_period_start: paid.period_start });
  });

  it('refuses to cancel now while the charge settles, so a charge that succeeds is never left unrecorded, and cancels at the period’s end', async () => {
    const { subscriptionId } = await renewWithTheSlowCard();
    const cancelNow = () => till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: { at_period_end: false } });
    expectApiError(await cancelNow(), 'payment_in_progress', 'at_period_end');
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'open' })]);
    expect((await till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: { at_period_end: true } })).body).toMatchObject({
      status: 'active', cancel_at_period_end: true,
    });

    slow.settle();
    await lookAgain(subscriptionId);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'paid' })]);
    expect((await cancelNow()).body).toMatchObject({ status: 'canceled' });
  });
});
