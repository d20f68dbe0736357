import type { ProcessorFor } from '../payments/ProcessorFor';
import type { Database } from '../store/Database';
import { settleWaitingPayment } from './settleWaitingPayment';

/** Payments asked after per round of the worker; the rest wait for the next. */
const SETTLEMENT_BATCH = 20;

/**
 * Asks the processor again about each checkout payment that was `processing`, and settles those it has decided
 * (see `settleWaitingPayment`): the session completes, with its events, or opens again after a decline. For a
 * processor that sends no webhook (the test processor), this is how a slow payment ends; for one that does, it is
 * the safety net for a webhook that never came. Answers how many payments it asked about.
 */
export async function settleProcessingPayments(db: Database, processorFor: ProcessorFor): Promise<number> {
  const waiting = await db.query<{ payment_id: string; merchant_id: string; processor_payment_id: string }>(
    `SELECT payment_id, merchant_id, processor_payment_id FROM payments
     WHERE status = 'processing' AND checkout_session_id IS NOT NULL ORDER BY checked_at NULLS FIRST LIMIT $1`,
    [SETTLEMENT_BATCH],
  );
  for (const payment of waiting) {
    const outcome = await settleWaitingPayment(db, processorFor, payment.merchant_id, payment.processor_payment_id);
    // Asked in turn: one that stays processing for days goes behind the others instead of holding up the batch.
    if (outcome !== 'settled') await db.query('UPDATE payments SET checked_at = now() WHERE payment_id = $1', [payment.payment_id]);
  }
  return waiting.length;
}
