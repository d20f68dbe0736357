import { describe, expect, it } from 'vitest';
import { renewDueSubscriptions } from '../../src/server/renewals/renewDueSubscriptions';
import { buySubscription, eventsAbout, invoicesOf, renewDue, saveCard, subscriptionOf } from './support/renewals';
import { useTestServer, validCard } from './support/testServer';

/**
 * Issue 12: the worker claims what is due by the real clock from a range of `subscriptions_due` (migration 020),
 * and by a moved test clock apart. These tests never move the demo merchant's clock: they move the subscription's
 * dates into the past instead, as time passing would.
 */
const till = useTestServer();

/** Succeeds at checkout, and every off-session charge is declined. */
const DECLINES_OFF_SESSION = '4000000000000341';

/** Moves the subscription's current period back so that it began `days` ago and ends `endsInDays` from now. */
async function movePeriod(subscriptionId: string, startedDaysAgo: number, endsInDays: number) {
  await till.db.query(
    `UPDATE subscriptions SET billing_cycle_anchor = now() - $2 * interval '1 day', current_period_start = now() - $2 * interval '1 day',
       current_period_end = now() + $3 * interval '1 day'
     WHERE subscription_id = $1`,
    [subscriptionId, startedDaysAgo, endsInDays],
  );
}

/** As if the invoice's next attempt had come. */
async function makeNextAttemptDue(invoiceId: string) {
  await till.db.query("UPDATE invoices SET next_attempt_at = now() - interval '1 second' WHERE invoice_id = $1", [invoiceId]);
}

describe('the renewal worker’s claim, by the real clock', () => {
  it('renews a subscription whose period ended, and nothing before', async () => {
    const { subscriptionId } = await buySubscription(till);
    await movePeriod(subscriptionId, 30, 0.5);
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([]);

    await movePeriod(subscriptionId, 31, -0.001);
    const due = await subscriptionOf(till, subscriptionId);
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'paid', period_start: due.current_period_end })]);
  });

  it('retries a past-due renewal once its next attempt comes', async () => {
    const { subscriptionId } = await buySubscription(till, {}, validCard(DECLINES_OFF_SESSION));
    await movePeriod(subscriptionId, 31, -0.001);
    await renewDue(till);
    const [declined] = await invoicesOf(till, subscriptionId);
    expect(declined).toMatchObject({ status: 'open', attempts: 1 });
    await renewDue(till);
    expect((await invoicesOf(till, subscriptionId))[0]).toMatchObject({ attempts: 1 });

    await makeNextAttemptDue(declined.invoice_id);
    await renewDue(till);
    expect((await invoicesOf(till, subscriptionId))[0]).toMatchObject({ status: 'open', attempts: 2 });
  });

  it('retries the declined first payment of a scheduled subscription, whose period has not ended', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { subscriptionId } = await buySubscription(till, { start_date: start }, validCard(DECLINES_OFF_SESSION));
    await movePeriod(subscriptionId, 0.001, 30);
    await renewDue(till);
    const [declined] = await invoicesOf(till, subscriptionId);
    expect(declined).toMatchObject({ status: 'open', attempts: 1 });
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'past_due' });

    await makeNextAttemptDue(declined.invoice_id);
    await renewDue(till);
    expect((await invoicesOf(till, subscriptionId))[0]).toMatchObject({ status: 'open', attempts: 2 });
  });
});

describe('a renewal that fails with an error rather than a decline', () => {
  /** The subscription's wait after errors, in seconds from now, and how many in a row. */
  const backoffOf = async (subscriptionId: string) =>
    (
      await till.db.query<{ renewal_errors: number; wait_s: number | null }>(
        'SELECT renewal_errors, extract(epoch FROM renewal_retry_at - now())::float8 AS wait_s FROM subscriptions WHERE subscription_id = $1',
        [subscriptionId],
      )
    )[0]!;

  it('is tried again after a wait that doubles with each error in a row, not at every round, and from nothing once it renews', async () => {
    const { subscriptionId, connectionId } = await buySubscription(till);
    await unknownCard(subscriptionId, connectionId);
    await movePeriod(subscriptionId, 31, -0.001);
    const errors: unknown[] = [];
    const round = () => renewDueSubscriptions({ db: till.db, processorFor: till.processorFor, onError: (error) => errors.push(error) });

    expect(await round()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(await backoffOf(subscriptionId)).toMatchObject({ renewal_errors: 1, wait_s: expect.closeTo(30, 0) });
    expect(await round()).toBe(0); // waiting: neither charged nor reported again
    expect(errors).toHaveLength(1);

    const waitOver = () => till.db.query('UPDATE subscriptions SET renewal_retry_at = now() WHERE subscription_id = $1', [subscriptionId]);
    await waitOver();
    await round();
    expect(errors).toHaveLength(2);
    expect(await backoffOf(subscriptionId)).toMatchObject({ renewal_errors: 2, wait_s: expect.closeTo(60, 0) });
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([]);

    await saveCard(till, connectionId, validCard().number);
    await waitOver();
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'paid' })]);
    expect(await backoffOf(subscriptionId)).toStrictEqual({ renewal_errors: 0, wait_s: null });
  });

  it('makes an active subscription past_due once it has gone uncharged an hour past its renewal, and active again once it renews', async () => {
    const { subscriptionId, connectionId } = await buySubscription(till);
    await unknownCard(subscriptionId, connectionId);
    const round = () => renewDueSubscriptions({ db: till.db, processorFor: till.processorFor, onError: () => {} });
    const waitOver = () => till.db.query('UPDATE subscriptions SET renewal_retry_at = now() WHERE subscription_id = $1', [subscriptionId]);

    await movePeriod(subscriptionId, 31, -50 / 1440); // ended 50 minutes ago: a processor's outage, perhaps
    await round();
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active' });
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created']);

    await movePeriod(subscriptionId, 31, -61 / 1440);
    await waitOver();
    await round();
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'past_due' });
    await waitOver();
    await round();
    // Said once; no invoice, as the card was never asked, so nothing counts towards canceling it.
    expect(await eventsAbout(till, subscriptionId)).toStrictEqual(['subscription.created', 'subscription.past_due']);
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([]);
    expect(await backoffOf(subscriptionId)).toMatchObject({ renewal_errors: 3 });

    await saveCard(till, connectionId, validCard().number);
    await waitOver();
    await renewDue(till);
    expect(await subscriptionOf(till, subscriptionId)).toMatchObject({ status: 'active' });
    expect(await invoicesOf(till, subscriptionId)).toStrictEqual([expect.objectContaining({ status: 'paid' })]);
    expect((await eventsAbout(till, subscriptionId)).slice(2)).toStrictEqual(['invoice.paid', 'subscription.renewed']);
  });

  it('leaves a scheduled subscription, which has had nothing yet, and one whose charge is still settling, as they are', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const scheduled = await buySubscription(till, { start_date: start });
    await unknownCard(scheduled.subscriptionId, scheduled.connectionId);
    await movePeriod(scheduled.subscriptionId, 32, -2); // its start came a month ago, and every charge since has failed

    const settling = await buySubscription(till);
    await movePeriod(settling.subscriptionId, 33, -2);
    await till.db.query(
      `INSERT INTO invoices (invoice_id, merchant_id, subscription_id, connection_id, period_start, period_end, currency, subtotal, discount,
         tax, amount, status, next_attempt_at, created_at, attempts, processor, processor_payment_id)
       SELECT 'in_test_settling', s.merchant_id, s.subscription_id, s.connection_id, s.current_period_end, s.current_period_end + interval '30 days',
         'USD', 1900, 0, 0, 1900, 'open', now(), now(), 1, 'test', 'pi_unknown_to_the_processor'
       FROM subscriptions s WHERE s.subscription_id = $1`,
      [settling.subscriptionId],
    );

    const errors: unknown[] = [];
    await renewDueSubscriptions({ db: till.db, processorFor: till.processorFor, onError: (error) => errors.push(error) });
    expect(errors).toHaveLength(2);
    expect(await subscriptionOf(till, scheduled.subscriptionId)).toMatchObject({ status: 'scheduled' });
    expect(await subscriptionOf(till, settling.subscriptionId)).toMatchObject({ status: 'active' });
  });
});

/** A saved card the processor does not know (the merchant changed processor, say): every charge throws. */
async function unknownCard(subscriptionId: string, connectionId: string) {
  await till.db.query("UPDATE connections SET payment_method_id = 'pm_unknown_to_the_processor' WHERE connection_id = $1", [connectionId]);
  await till.db.query("UPDATE subscriptions SET payment_method_id = 'pm_unknown_to_the_processor' WHERE subscription_id = $1", [subscriptionId]);
}
