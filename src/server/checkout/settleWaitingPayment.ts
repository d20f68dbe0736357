import type { PaymentTakenBy, ProcessorFor } from '../payments/ProcessorFor';
import { statusOf, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Database } from '../store/Database';
import { settleCheckoutPayment, type CheckoutPayment } from './settleCheckoutPayment';

/**
 * What became of a waiting payment the processor told of: `settled` (it completed its checkout, or was declined),
 * `waiting` (the processor still waits too), `unknown` (no payment of the merchant's waits with that id: settled
 * already, by the customer's own retry, or never Till's), `session_closed` (its checkout completed meanwhile, and is
 * left as it is, as the customer's retry would find it).
 */
export type WaitingPaymentOutcome = 'settled' | 'waiting' | 'unknown' | 'session_closed';

/**
 * Settles a merchant's payment that waits (for 3-D Secure, or to settle) when its processor says it changed: a
 * Stripe webhook. The processor is asked how the payment stands, not the webhook believed, so a replayed or
 * reordered event changes nothing wrongly. Under the session's row lock, as completion: the customer's retry and
 * the webhook settle it once between them.
 */
export async function settleWaitingPayment(
  db: Database,
  processorFor: ProcessorFor,
  merchantId: string,
  processorPaymentId: string,
): Promise<WaitingPaymentOutcome> {
  return db.transaction(async (tx) => {
    const findWaiting = () =>
      tx.query<CheckoutPayment & { checkout_session_id: string }>(
        // A renewal's payment is the renewal worker's to look at again, under its subscription's lock.
        `SELECT * FROM payments
         WHERE merchant_id = $1 AND processor_payment_id = $2 AND status IN ('requires_action', 'processing') AND checkout_session_id IS NOT NULL`,
        [merchantId, processorPaymentId],
      );
    const [found] = await findWaiting();
    if (!found) return 'unknown';
    const [session] = await tx.query<CheckoutSessionRow>('SELECT * FROM checkout_sessions WHERE checkout_session_id = $1 FOR UPDATE', [
      found.checkout_session_id,
    ]);
    // Read again under the lock: the customer's retry may have settled it while this waited.
    const [payment] = await findWaiting();
    if (!payment) return 'unknown';
    // An expired session's payment that went through is still fulfilled, as the customer's own retry would fulfil it:
    // the expiry sweep does not wait on a bank's challenge, which the customer may answer after it.
    if (statusOf(session!) === 'completed') return 'session_closed';
    // The processor and keys that took it, which may no longer be the merchant's.
    const processor = await processorFor(merchantId, tx, payment);
    let processed = await processor.retrievePayment(processorPaymentId);
    // A challenge still unanswered when its checkout has expired is given up, as the customer's next attempt would give
    // it up, so that the worker does not ask about it for ever (settleProcessingPayments). Answered meanwhile, it is
    // the outcome, fulfilled as above.
    if (processed.status === 'requires_action' && statusOf(session!) === 'expired') processed = await processor.cancelPayment(processorPaymentId);
    if (processed.status === 'requires_action' || processed.status === 'processing') return 'waiting';
    await settleCheckoutPayment(tx, session!, payment, processed, new Date());
    return 'settled';
  });
}
