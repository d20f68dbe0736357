import type { ProcessorFor } from '../payments/ProcessorFor';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { resolveWaitingPayment } from './resolveWaitingPayment';

const IN_PROGRESS = 'Another payment of yours for this plan is waiting for your bank. Finish it, or try again once it has ended.';

/**
 * Before a subscription is paid for: the same customer's other checkouts for the plan whose payment waits for the
 * bank (3-D Secure) or to settle. Left waiting, such a payment would subscribe them a second time when it went
 * through, as it was checked before it was charged. So each is dealt with as another attempt in its own checkout
 * deals with it (`resolveWaitingPayment`): a challenge left unanswered is cancelled; one answered meanwhile completes
 * that checkout first, and this one then finds the customer subscribed; one still settling, or one whose checkout
 * another request holds at that moment, makes this payment wait (409 `payment_in_progress`). The same customer is
 * the connection the merchant named, or the email a new customer gave.
 */
export async function settleOtherWaitingPayments(
  tx: Queryable,
  processorFor: ProcessorFor,
  session: CheckoutSessionRow,
  email: string | null,
  now: Date,
): Promise<void> {
  if (session.checkout_mode !== 'subscription') return;
  const others = await tx.query<{ checkout_session_id: string }>(
    `SELECT s.checkout_session_id FROM payments p JOIN checkout_sessions s ON s.checkout_session_id = p.checkout_session_id
     WHERE p.merchant_id = $1 AND p.status IN ('requires_action', 'processing') AND s.checkout_session_id <> $2
       AND s.checkout_mode = 'subscription' AND s.subscription_config_id = $3
       AND (s.connection_id = $4 OR lower(s.customer_email) = lower($5))`,
    [session.merchant_id, session.checkout_session_id, session.subscription_config_id, session.connection_id, email],
  );
  for (const { checkout_session_id: id } of others) {
    // Never waits for the other checkout's lock: its own request may be waiting for this customer's, which this holds.
    const [other] = await tx
      .query<CheckoutSessionRow>('SELECT * FROM checkout_sessions WHERE checkout_session_id = $1 FOR UPDATE NOWAIT', [id])
      .catch(() => {
        throw new TillApiError('payment_in_progress', IN_PROGRESS);
      });
    const settled = await resolveWaitingPayment(tx, processorFor, other!, null, now).catch((error: unknown) => {
      throw error instanceof TillApiError && error.code === 'payment_in_progress' ? new TillApiError('payment_in_progress', IN_PROGRESS) : error;
    });
    if (settled && !('result' in settled && settled.result.status === 'completed')) throw new TillApiError('payment_in_progress', IN_PROGRESS);
  }
}
