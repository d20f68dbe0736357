import type { SubscriptionRow } from '../connections/getConnection';
import { serializeSubscription } from '../connections/serializeSubscription';
import { recordEvent } from '../events/recordEvent';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { findSubscription } from './findSubscription';
import { cancelSubscriptionBody } from '../../protocol/api/subscriptions';

/**
 * `POST /v1/subscriptions/:id/cancel`, Stripe's two ways:
 * 1. At the period's end (the default): the customer keeps what they paid for. The subscription stays `active`
 *    with `cancel_at_period_end: true` and `cancel_at` = `current_period_end`, recorded as `subscription.updated`
 *    since nothing has ended yet. At `cancel_at` the renewal worker ends it (status `canceled`,
 *    `subscription.canceled`) instead of renewing it. Asking again changes nothing and records nothing.
 * 2. Now (`at_period_end: false`): `canceled` at once, with `canceled_at` and `ended_at`, recorded as
 *    `subscription.canceled`; this also ends a subscription already scheduled to cancel at the period's end.
 * A canceled subscription cannot be canceled again (409 `subscription_canceled`), nor one canceled now while its
 * renewal's charge is still settling (409 `payment_in_progress`). The change and its event commit
 * together, under the subscription's row lock, so two cancellations at once take turns and record one event each
 * at most.
 */
export async function cancelSubscription(db: Database, merchantId: string, subscriptionId: string, body: unknown) {
  const { at_period_end } = parseInput(cancelSubscriptionBody, body);
  return db.transaction(async (tx) => {
    const subscription = await findSubscription(tx, merchantId, subscriptionId, { forUpdate: true });
    if (subscription.status === 'canceled') {
      throw new TillApiError('subscription_canceled', `Subscription '${subscriptionId}' is already canceled.`, 'id');
    }
    if (at_period_end && subscription.cancel_at_period_end) return serializeSubscription(subscription);
    // Voiding an invoice whose charge the processor is still settling would leave that charge, should it succeed,
    // taken for a period the customer no longer gets and recorded nowhere; its outcome comes first.
    if (!at_period_end && (await renewalSettling(tx, subscriptionId))) {
      throw new TillApiError(
        'payment_in_progress',
        `A renewal payment of subscription '${subscriptionId}' is being settled by the processor: cancel at the period's end, or once it has settled.`,
        'at_period_end',
      );
    }
    const [updated] = at_period_end
      ? await tx.query<SubscriptionRow>(
          `UPDATE subscriptions SET cancel_at_period_end = true, cancel_at = current_period_end
           WHERE subscription_id = $1 RETURNING *`,
          [subscriptionId],
        )
      : await tx.query<SubscriptionRow>(
          `UPDATE subscriptions SET status = 'canceled', canceled_at = now(), ended_at = now(),
             cancel_at_period_end = false, cancel_at = NULL
           WHERE subscription_id = $1 RETURNING *`,
          [subscriptionId],
        );
    // A past-due renewal is not tried again once the subscription is canceled.
    if (!at_period_end) await tx.query("UPDATE invoices SET status = 'void', next_attempt_at = NULL WHERE subscription_id = $1 AND status = 'open'", [subscriptionId]);
    const serialized = serializeSubscription(updated!);
    await recordEvent(tx, merchantId, at_period_end ? 'subscription.updated' : 'subscription.canceled', serialized);
    return serialized;
  });
}

/** Whether the subscription's open invoice has a charge the processor has not decided yet. */
async function renewalSettling(tx: Queryable, subscriptionId: string): Promise<boolean> {
  const rows = await tx.query(
    "SELECT 1 FROM invoices WHERE subscription_id = $1 AND status = 'open' AND processor_payment_id IS NOT NULL AND decline_code IS NULL",
    [subscriptionId],
  );
  return rows.length > 0;
}
