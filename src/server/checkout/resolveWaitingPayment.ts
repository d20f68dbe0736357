import type { ProcessorFor } from '../payments/ProcessorFor';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { settleCheckoutPayment, type CheckoutPayment, type SettledCheckout } from './settleCheckoutPayment';

interface WaitingPayment extends CheckoutPayment {
  status: 'requires_action' | 'processing';
  processor_payment_id: string;
}

/**
 * A payment of the session that waits, for the customer's bank or to settle. The same attempt again (its
 * Idempotency-Key) asks the processor how it stands; another attempt cancels a challenge the customer left, but
 * cannot overtake a payment that is settling. Null when the way is clear for a new payment: only once the processor
 * has refused the waiting one. A challenge the customer answered meanwhile may have paid, or be settling (as a Stripe
 * PaymentIntent does after 3-D Secure, which cannot then be cancelled): that is the outcome. The processor that took
 * the waiting payment is asked, even if the merchant has moved to another since, and only when a payment waits: a
 * change to an order with none (`updateCheckout`) asks nothing of it.
 */
export async function resolveWaitingPayment(
  tx: Queryable,
  processorFor: ProcessorFor,
  session: CheckoutSessionRow,
  idempotencyKey: string | null,
  now: Date,
): Promise<SettledCheckout | null> {
  const [waiting] = await tx.query<WaitingPayment>(
    "SELECT * FROM payments WHERE checkout_session_id = $1 AND status IN ('requires_action', 'processing')",
    [session.checkout_session_id],
  );
  if (!waiting) return null;
  const processor = await processorFor(session.merchant_id, tx, waiting);
  if (idempotencyKey !== null && waiting.attempt_key === idempotencyKey) {
    return settleCheckoutPayment(tx, session, waiting, await processor.retrievePayment(waiting.processor_payment_id), now);
  }
  if (waiting.status === 'processing') {
    throw new TillApiError('payment_in_progress', 'Your payment is being confirmed. You will not be charged twice.');
  }
  const settled = await settleCheckoutPayment(tx, session, waiting, await processor.cancelPayment(waiting.processor_payment_id), now);
  return 'failed' in settled ? null : settled;
}
