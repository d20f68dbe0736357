import type { ProcessorPayment } from '../payments/PaymentProcessor';
import type { PaymentTakenBy } from '../payments/ProcessorFor';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import type { CompleteCheckoutResult } from '../../protocol/api/checkout/completedCheckout';
import { fulfilCheckout } from './fulfilCheckout';
import { recordPaymentFailed } from './recordCheckoutEvents';

/**
 * A checkout's payment as Till records it (`payments`), before or after the processor's answer, with who took it:
 * the owner of the card it saves.
 */
export interface CheckoutPayment extends PaymentTakenBy {
  payment_id: string;
  amount: number;
  currency: string;
  connection_id: string | null;
  payment_method_id: string;
  created_at: Date;
  /** The checkout's Idempotency-Key of the attempt, if it sent one: the outcome is kept for its retries. */
  attempt_key: string | null;
}

export type SettledCheckout = { result: CompleteCheckoutResult } | { failed: TillApiError };

async function rememberOutcome(tx: Queryable, sessionId: string, key: string | null, status: number, body: unknown) {
  if (!key) return;
  await tx.query('INSERT INTO checkout_idempotency_keys (checkout_session_id, idempotency_key, status, body) VALUES ($1, $2, $3, $4)', [
    sessionId,
    key,
    status,
    JSON.stringify(body),
  ]);
}

/**
 * Records what the processor says of a session's payment, and acts on it: a success completes the checkout, a
 * decline is recorded with its `payment.failed` event, and a payment that waits (for the customer's bank, or to
 * settle) is answered as waiting. An outcome that charged (a success or a decline) is kept under the attempt's
 * key, so the attempt's retry hears it whoever settled it: the customer's request, or the worker. Called in the
 * transaction that holds the session's row lock.
 */
export async function settleCheckoutPayment(
  tx: Queryable,
  session: CheckoutSessionRow,
  payment: CheckoutPayment,
  processed: ProcessorPayment,
  now: Date,
): Promise<SettledCheckout> {
  const { card } = processed;
  await tx.query(
    `UPDATE payments SET status = $2, processor_payment_id = $3, card_brand = $4, card_last4 = $5, card_exp_month = $6, card_exp_year = $7,
       decline_code = $8
     WHERE payment_id = $1`,
    [payment.payment_id, processed.status, processed.id, card.brand, card.last4, card.exp_month, card.exp_year,
      processed.status === 'declined' ? processed.declineCode : null],
  );
  const sessionId = session.checkout_session_id;
  // Processing holds the session (no expiry, no other payment) until the payment settles; a decline then opens it.
  const holds = processed.status === 'processing';
  if (holds !== (session.status === 'processing') && processed.status !== 'succeeded') {
    await tx.query('UPDATE checkout_sessions SET status = $2 WHERE checkout_session_id = $1', [sessionId, holds ? 'processing' : 'open']);
  }
  switch (processed.status) {
    case 'requires_action': {
      const { action } = processed;
      const nextAction =
        action.type === 'challenge_page' ? action : ({ type: 'use_stripe_sdk', client_secret: action.clientSecret } as const);
      return { result: { checkout_session_id: sessionId, status: 'requires_action', next_action: nextAction } };
    }
    case 'processing':
      return { result: { checkout_session_id: sessionId, status: 'processing' } };
    case 'declined': {
      await recordPaymentFailed(tx, {
        paymentId: payment.payment_id, session, connectionId: payment.connection_id, amount: payment.amount, currency: payment.currency,
        declineCode: processed.declineCode, message: processed.message, createdAt: payment.created_at,
      });
      const declined = new TillApiError('card_declined', processed.message, 'payment_method', processed.declineCode);
      await rememberOutcome(tx, sessionId, payment.attempt_key, declined.status, declined);
      return { failed: declined };
    }
    case 'succeeded': {
      const paid = {
        paymentId: payment.payment_id, amount: payment.amount, card, paymentMethodId: payment.payment_method_id, chargedAt: payment.created_at,
        takenBy: { processor: payment.processor, processor_credentials_id: payment.processor_credentials_id },
      };
      const completed = await fulfilCheckout(tx, session, paid, now);
      await rememberOutcome(tx, sessionId, payment.attempt_key, 200, completed);
      return { result: completed };
    }
  }
}
