import type { ProcessorFor } from '../payments/ProcessorFor';
import type { Database } from '../store/Database';
import { recheckDelay } from './recheckDelay';
import { settleWaitingPayment } from './settleWaitingPayment';

/** Payments asked after per round of the worker; the rest wait for the next. */
const SETTLEMENT_BATCH = 20;

export interface SettlementOptions {
  /** A payment the processor could not be asked about: reported, and asked again later (`recheckDelay`). */
  onError: (error: unknown) => void;
  /** Milliseconds until a payment still settling is asked about again; default `recheckDelay`. */
  recheckDelay?: (ageMs: number, failed: boolean) => number;
}

/**
 * Asks the processor again about each checkout payment that was `processing` and is due to be asked, and settles
 * those it has decided (see `settleWaitingPayment`): the session completes, with its events, or opens again after a
 * decline. For a processor that sends no webhook (the test processor), this is how a slow payment ends; for one that
 * does, it is the safety net for a webhook that never came. One payment's error is reported and holds up neither the
 * others nor the rest of the worker's round. Answers how many payments it asked about.
 */
export async function settleProcessingPayments(db: Database, processorFor: ProcessorFor, options: SettlementOptions): Promise<number> {
  const { onError, recheckDelay: delay = recheckDelay } = options;
  const waiting = await db.query<{ payment_id: string; merchant_id: string; processor_payment_id: string; age_ms: number }>(
    `SELECT payment_id, merchant_id, processor_payment_id, (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
     FROM payments
     WHERE status = 'processing' AND checkout_session_id IS NOT NULL AND (next_check_at IS NULL OR next_check_at <= now())
     ORDER BY next_check_at NULLS FIRST LIMIT $1`,
    [SETTLEMENT_BATCH],
  );
  for (const payment of waiting) {
    let failed = false;
    try {
      if ((await settleWaitingPayment(db, processorFor, payment.merchant_id, payment.processor_payment_id)) === 'settled') continue;
    } catch (error) {
      onError(error);
      failed = true;
    }
    await db.query(`UPDATE payments SET next_check_at = now() + $2 * interval '1 millisecond' WHERE payment_id = $1`, [
      payment.payment_id,
      delay(payment.age_ms, failed),
    ]);
  }
  return waiting.length;
}
