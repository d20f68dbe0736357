import type { ProcessorFor } from '../payments/ProcessorFor';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Database } from '../store/Database';
import type { WaitingPayment } from './completeCheckout';
import { settleCheckoutPayment } from './settleCheckoutPayment';

/** Payments asked after per round of the worker; the rest wait for the next. */
const SETTLEMENT_BATCH = 20;

/**
 * Asks the processor again about each checkout payment that was `processing`, and settles those it has decided:
 * the session completes, with its events, or opens again after a decline. The session's row lock and the check
 * that the payment still waits make this happen once, whether the worker or the customer's own retry gets there
 * first, on any number of servers. Answers how many payments it asked about.
 */
export async function settleProcessingPayments(db: Database, processorFor: ProcessorFor): Promise<number> {
  const waiting = await db.query<{ payment_id: string; checkout_session_id: string }>(
    "SELECT payment_id, checkout_session_id FROM payments WHERE status = 'processing' ORDER BY checked_at NULLS FIRST LIMIT $1",
    [SETTLEMENT_BATCH],
  );
  for (const { payment_id, checkout_session_id } of waiting) {
    await db.transaction(async (tx) => {
      const [session] = await tx.query<CheckoutSessionRow>('SELECT * FROM checkout_sessions WHERE checkout_session_id = $1 FOR UPDATE', [
        checkout_session_id,
      ]);
      const [payment] = await tx.query<WaitingPayment>("SELECT * FROM payments WHERE payment_id = $1 AND status = 'processing'", [payment_id]);
      if (!session || !payment?.processor_payment_id) return;
      const processor = await processorFor(session.merchant_id, tx);
      await settleCheckoutPayment(tx, session, payment, await processor.retrievePayment(payment.processor_payment_id), new Date());
      // Asked in turn: one that stays processing for days goes behind the others instead of holding up the batch.
      await tx.query("UPDATE payments SET checked_at = now() WHERE payment_id = $1 AND status = 'processing'", [payment_id]);
    });
  }
  return waiting.length;
}
