import { describe, expect, it } from 'vitest';
import { buySubscription, invoicesOf, renewDue, subscriptionOf } from './support/renewals';
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
