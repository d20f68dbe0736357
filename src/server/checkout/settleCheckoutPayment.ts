import type { ProcessorPayment } from '../payments/PaymentProcessor';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import type { CompleteCheckoutResult } from '../../protocol/api/checkout/completedCheckout';
import { fulfilCheckout } from './fulfilCheckout';
import { recordPaymentFailed } from './recordCheckoutEvents';

/** A checkout's payment as Till records it (`payments`), before or after the processor's answer. */
export interface CheckoutPayment {
  payment_id: string;
  amount: number;
  currency: string;
  connection_id: string | null;
  payment_method_id: string;
  created_at: Date;
}

export type SettledCheckout = { result: CompleteCheckoutResult } | { failed: TillApiError };

/**
 * Records what the processor says of a session's payment, and acts on it: a success completes the checkout, a
 * decline is recorded with its `payment.failed` event, and a payment that waits (for the customer's bank, or to
 * settle) is answered as waiting. Called in the transaction that holds the session's row lock.
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
  switch (processed.status) {
    case 'requires_action':
      return { result: { checkout_session_id: sessionId, status: 'requires_action', next_action: { url: processed.actionUrl } } };
    case 'processing':
      return { result: { checkout_session_id: sessionId, status: 'processing' } };
    case 'declined':
      await recordPaymentFailed(tx, {
        paymentId: payment.payment_id, session, connectionId: payment.connection_id, amount: payment.amount, currency: payment.currency,
        declineCode: processed.declineCode, message: processed.message, createdAt: payment.created_at,
      });
      return { failed: new TillApiError('card_declined', processed.message, 'payment_method', processed.declineCode) };
    case 'succeeded':
      return {
        result: await fulfilCheckout(tx, session, { paymentId: payment.payment_id, amount: payment.amount, card, paymentMethodId: payment.payment_method_id }, now),
      };
  }
}
