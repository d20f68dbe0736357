import type { z } from 'zod';
import { createId } from '../ids';
import { isLive, modeOf } from '../modes';
import { toDecimalString } from '../money';
import type { ProcessorFor } from '../payments/ProcessorFor';
import { takesSavedCard } from '../payments/savedCardOwner';
import { priceSession } from '../pricing/priceSession';
import { promotionError } from '../promotions/promotionCodes';
import { assertOpen, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import { findCheckoutSessionByHash } from '../sessions/findCheckoutSession';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { toMinorUnits } from '../toMinorUnits';
import { parseInput } from '../validation';
import { completeCheckoutBody } from '../../protocol/api/checkout/completeCheckoutBody';
import type { CompleteCheckoutResult } from '../../protocol/api/checkout/completedCheckout';
import { applyCountry, assertStillEligible, findPayingConnection, newCustomerIdentity } from './checkoutCustomer';
import { resolveWaitingPayment } from './resolveWaitingPayment';
import { settleOtherWaitingPayments } from './settleOtherWaitingPayments';
import { settleCheckoutPayment, type CheckoutPayment, type SettledCheckout } from './settleCheckoutPayment';

type CompleteInput = z.output<typeof completeCheckoutBody>;

/** A refusal of ours, to answer after committing what the transaction did; anything else goes on failing it. */
function refusal(error: unknown): TillApiError {
  if (error instanceof TillApiError) return error;
  throw error;
}

function totalChanged(shown: string, total: number, currency: string) {
  const now = `${toDecimalString(total, currency)} ${currency}`;
  return new TillApiError('total_changed', `The total is now ${now}, not the ${shown} ${currency} shown: show the new total and pay again.`, 'expected_total');
}

/** Printable ASCII without spaces, like Stripe's keys; the app sends a UUID per payment attempt. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function checkPaymentMethod(input: CompleteInput) {
  if (input.payment_method && input.use_saved_card) {
    throw new TillApiError('validation_error', "Send either 'payment_method' or 'use_saved_card', not both.", 'use_saved_card');
  }
  if (!input.payment_method && !input.use_saved_card) {
    throw new TillApiError('validation_error', "Missing required parameter 'payment_method'.", 'payment_method');
  }
}

/**
 * Pays the server's own total (`estimate.due_today.total`) through the merchant's processor and fulfils the
 * purchase, in one transaction that holds the session's row lock, so two presses of Pay (or two tabs) can complete
 * (and charge) a session only once. The processor is given a key made from the session and the attempt, so a
 * retry after a crash finds the first charge instead of making another.
 *
 * With an `Idempotency-Key`, the first outcome that charged (a success or a decline) is stored with the key and a
 * repeat of the key within the session returns it again without charging: a retry after a lost response is safe.
 * Requests that fail before charging (invalid input, expired session) store nothing, as with Stripe's keys. A
 * payment that waits (3-D Secure, settling) stores nothing either: the same key again asks how it ended.
 */
export async function completeCheckout(
  db: Database,
  processorFor: ProcessorFor,
  secretHash: string,
  body: unknown,
  idempotencyKey: string | null = null,
): Promise<CompleteCheckoutResult> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new TillApiError('validation_error', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.', 'Idempotency-Key');
  }
  const input = parseInput(completeCheckoutBody, body);
  checkPaymentMethod(input);
  const outcome = await db.transaction(async (tx): Promise<SettledCheckout> => {
    let session = (await findCheckoutSessionByHash(tx, secretHash, true))!;
    if (idempotencyKey) {
      const [stored] = await tx.query<{ status: number; body: string }>(
        'SELECT status, body FROM checkout_idempotency_keys WHERE checkout_session_id = $1 AND idempotency_key = $2',
        [session.checkout_session_id, idempotencyKey],
      );
      if (stored) {
        const replayed = JSON.parse(stored.body) as unknown;
        return stored.status === 200 ? { result: replayed as CompleteCheckoutResult } : { failed: TillApiError.fromJSON(replayed) };
      }
    }
    const now = new Date();
    // First a payment that waits: one that went through completes the session, however late that is.
    const resolved = await resolveWaitingPayment(tx, processorFor, session, idempotencyKey, now);
    if (resolved) return resolved;
    assertOpen(session);

    // Only a connection named at creation is a returning customer with a card on file to offer; one found by
    // email (below) paid for nothing here yet, and its card is not for whoever knows its address.
    if (input.use_saved_card && !session.connection_id) {
      throw new TillApiError('validation_error', 'There is no saved card to pay with. Enter a card.', 'use_saved_card');
    }
    if (!session.connection_id) {
      // Stored before paying: the purchase is fulfilled for this customer however late the payment settles.
      const identity = newCustomerIdentity(session, input.customer);
      await tx.query('UPDATE checkout_sessions SET customer_email = $2, customer_name = $3 WHERE checkout_session_id = $1', [
        session.checkout_session_id, identity.email, identity.name,
      ]);
      session = { ...session, customer_email: identity.email, customer_name: identity.name };
    }
    const found = await findPayingConnection(tx, session);
    await settleOtherWaitingPayments(tx, processorFor, session, found?.email ?? session.customer_email, now);
    // Another checkout that completed just now may have made the customer's connection, and subscribed them: its
    // completion is kept (committed) when this one is refused.
    const connection = found ?? (await findPayingConnection(tx, session));
    const ineligible = connection && (await assertStillEligible(tx, session, connection.connection_id).then(() => null, refusal));
    if (ineligible) return { failed: ineligible };
    const processor = await processorFor(session.merchant_id, tx, null);
    const taker = { processor: processor.name, processor_credentials_id: processor.credentialsId };
    // A card saved with another processor or Stripe account (the merchant moved since) is not offered (`saved_card`):
    // this processor cannot charge it, and the customer enters a card, which replaces it.
    const paymentMethodId = input.use_saved_card
      ? connection?.payment_method_id && (await takesSavedCard(tx, session.merchant_id, taker, connection))
        ? connection.payment_method_id
        : null
      : input.payment_method!;
    if (!paymentMethodId) throw new TillApiError('validation_error', 'There is no saved card to pay with. Enter a card.', 'use_saved_card');

    session = await applyCountry(tx, session, input.customer?.country);
    const { promotion, promotionProblem, estimate } = await priceSession(tx, session, { now, lockPromotion: true });
    // A code that expired or ran out since the customer saw its discount is removed, and the payment refused,
    // so the customer is never charged more than the total they were shown; the next view shows the new total.
    if (promotion && (promotionProblem === 'expired' || promotionProblem === 'exhausted')) {
      await tx.query('UPDATE checkout_sessions SET promotion_code_id = NULL WHERE checkout_session_id = $1', [session.checkout_session_id]);
      return { failed: promotionError(promotionProblem, promotion.code) };
    }
    // Likewise a total the customer was not shown: a tax rate the merchant replaced since, for one. What they
    // entered is kept (committed); the next view shows the new total.
    if (input.expected_total !== undefined) {
      const shown = toMinorUnits(input.expected_total, estimate.currency);
      if (shown === null) {
        return { failed: new TillApiError('validation_error', `Invalid 'expected_total': not an amount in ${estimate.currency}.`, 'expected_total') };
      }
      if (shown !== estimate.dueToday.total) return { failed: totalChanged(input.expected_total, estimate.dueToday.total, estimate.currency) };
    }

    const payment: CheckoutPayment = {
      payment_id: createId('pay', modeOf(session.merchant_id)),
      amount: estimate.dueToday.total,
      currency: estimate.currency,
      connection_id: connection?.connection_id ?? null,
      payment_method_id: paymentMethodId,
      created_at: now,
      attempt_key: idempotencyKey,
      ...taker,
    };
    const processed = await processor.confirmPayment({
      idempotencyKey: `${session.checkout_session_id}:${idempotencyKey ?? payment.payment_id}`,
      amount: payment.amount,
      currency: payment.currency,
      paymentMethodId,
      livemode: isLive(session.checkout_session_id),
      savePaymentMethod: true,
      savedCard: Boolean(input.use_saved_card),
    });
    // The card as the processor keeps it, to be charged again (Stripe makes a PaymentMethod of a test token).
    payment.payment_method_id = processed.card.id ?? paymentMethodId;
    await tx.query(
      `INSERT INTO payments
         (payment_id, checkout_session_id, amount, currency, status, card_brand, card_last4, created_at, merchant_id, connection_id,
          processor, processor_credentials_id, payment_method_id, attempt_key)
       VALUES ($1, $2, $3, $4, 'processing', $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [payment.payment_id, session.checkout_session_id, payment.amount, payment.currency, processed.card.brand, processed.card.last4, now,
        session.merchant_id, payment.connection_id, payment.processor, payment.processor_credentials_id, payment.payment_method_id, idempotencyKey],
    );
    return settleCheckoutPayment(tx, session, payment, processed, now);
  });
  if ('failed' in outcome) throw outcome.failed;
  return outcome.result;
}
