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
 * How long a customer has to answer the bank's challenge (3-D Secure) before the worker asks the processor about it:
 * meanwhile their checkout asks as soon as they answer, and the processor's webhook tells.
 */
const CHALLENGE_TIME = '10 minutes';

/**
 * Asks the processor again about each checkout payment that was `processing`, or waiting for the customer's answer
 * to the bank's challenge for longer than `CHALLENGE_TIME`, and is due to be asked, and settles those it has decided
 * (see `settleWaitingPayment`): the session completes, with its events, or opens again after a decline. For a
 * processor that sends no webhook (the test processor), this is how a slow payment ends; for one that does, it is
 * the safety net for a webhook that never came, as for a challenge answered by a customer who then left. One
 * payment's error is reported and holds up neither the others nor the rest of the worker's round. Answers how many
 * payments it asked about.
 */
export async function settleProcessingPayments(db: Database, processorFor: ProcessorFor, options: SettlementOptions): Promise<number> {
  const { onError, recheckDelay: delay = recheckDelay } = options;
  // One query per status, each read by its own partial index (payments_processing, payments_challenges), whose
  // predicate the planner can match only against the status written in the query.
  const due = (which: string) =>
    db.query<{ payment_id: string; merchant_id: string; processor_payment_id: string; age_ms: number }>(
      `SELECT payment_id, merchant_id, processor_payment_id, (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
       FROM payments
       WHERE ${which} AND checkout_session_id IS NOT NULL AND (next_check_at IS NULL OR next_check_at <= now())
       ORDER BY next_check_at NULLS FIRST LIMIT $1`,
      [SETTLEMENT_BATCH],
    );
  const waiting = [
    ...(await due(`status = 'processing'`)),
    ...(await due(`status = 'requires_action' AND created_at <= now() - interval '${CHALLENGE_TIME}'`)),
  ];
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
