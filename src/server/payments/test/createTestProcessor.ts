import { createId } from '../../ids';
import { modeOf } from '../../modes';
import type { Queryable } from '../../store/Database';
import { TillApiError, type DeclineCode } from '../../TillApiError';
import type { PaymentCardBrand } from '../../../protocol/api/paymentCardBrand';
import type { PaymentProcessor, PaymentRequest, ProcessorPayment } from '../PaymentProcessor';
import { DECLINE_MESSAGES, type TestCardBehaviour } from './testCards';

interface PaymentMethodRow {
  payment_method_id: string;
  card_brand: PaymentCardBrand;
  card_last4: string;
  card_exp_month: number;
  card_exp_year: number;
  behaviour: TestCardBehaviour;
  test_number: boolean;
}

interface IntentRow extends PaymentMethodRow {
  payment_intent_id: string;
  amount: number;
  amount_refunded: number;
  status: ProcessorPayment['status'];
  decline_code: DeclineCode | null;
  settles_at: Date | null;
}

type Outcome = { status: 'succeeded' | 'requires_action' | 'processing' } | { status: 'declined'; declineCode: DeclineCode };

/** How long a `processing` card takes to settle. */
export const TEST_SETTLEMENT_MS = 3000;

/** Where the customer authenticates a payment that asks for it: the test processor's challenge page. */
export const testChallengePath = (paymentIntentId: string) => `/test-processor/authenticate/${paymentIntentId}`;

/**
 * What a card does on one charge, as Stripe's test mode decides it. Live mode has no test processor: a merchant
 * there connects a real one, so its customers are told no payment is possible (and a test card why not).
 */
function decide(card: PaymentMethodRow, offSession: boolean, livemode: boolean): Outcome {
  if (livemode) return { status: 'declined', declineCode: card.test_number ? 'test_mode_live_card' : 'live_payments_unavailable' };
  switch (card.behaviour) {
    case 'succeeds':
      return { status: 'succeeded' };
    case 'authenticate_always':
      return offSession ? { status: 'declined', declineCode: 'authentication_required' } : { status: 'requires_action' };
    case 'authenticate_on_session':
      return offSession ? { status: 'succeeded' } : { status: 'requires_action' };
    case 'decline_off_session':
      return offSession ? { status: 'declined', declineCode: 'card_declined' } : { status: 'succeeded' };
    case 'processing':
      return { status: 'processing' };
    default:
      return { status: 'declined', declineCode: card.behaviour };
  }
}

function toProcessorPayment(row: IntentRow): ProcessorPayment {
  const card = { brand: row.card_brand, last4: row.card_last4, exp_month: row.card_exp_month, exp_year: row.card_exp_year };
  const id = row.payment_intent_id;
  switch (row.status) {
    case 'declined':
      return { id, card, status: 'declined', declineCode: row.decline_code!, message: DECLINE_MESSAGES[row.decline_code!] };
    case 'requires_action':
      return { id, card, status: 'requires_action', action: { type: 'challenge_page', url: testChallengePath(id) } };
    default:
      return { id, card, status: row.status };
  }
}

/**
 * The built-in processor: Stripe's test mode, with Stripe's test numbers (`testCards.ts`), keeping its books in
 * Till's store. It works on the `store` it is given, which is the caller's transaction when there is one, so a
 * charge and what Till records of it commit (or roll back) together; on PGlite's one connection that is also the
 * only way it may write while the caller's transaction is open.
 */
export function createTestProcessor(store: Queryable, now: () => Date = () => new Date()): PaymentProcessor & TestProcessorControls {
  async function findIntent(where: 'payment_intent_id' | 'idempotency_key', value: string): Promise<IntentRow | undefined> {
    const [row] = await store.query<IntentRow>(
      `SELECT i.*, m.card_brand, m.card_last4, m.card_exp_month, m.card_exp_year, m.behaviour, m.test_number
       FROM test_payment_intents i JOIN test_payment_methods m USING (payment_method_id) WHERE i.${where} = $1`,
      [value],
    );
    return row;
  }

  async function charge(request: PaymentRequest, offSession: boolean): Promise<ProcessorPayment> {
    const repeated = await findIntent('idempotency_key', request.idempotencyKey);
    if (repeated) return toProcessorPayment(repeated);
    const [card] = await store.query<PaymentMethodRow>('SELECT * FROM test_payment_methods WHERE payment_method_id = $1', [request.paymentMethodId]);
    if (!card) throw new TillApiError('validation_error', 'This card could not be read. Enter it again.', 'payment_method');
    const outcome = decide(card, offSession, request.livemode);
    const id = createId('pi', request.livemode ? 'live' : 'test');
    const settlesAt = outcome.status === 'processing' ? new Date(now().getTime() + TEST_SETTLEMENT_MS) : null;
    // ON CONFLICT: a repeat of the key that raced this one keeps the first; this call then answers with it.
    await store.query(
      `INSERT INTO test_payment_intents
         (payment_intent_id, idempotency_key, payment_method_id, amount, currency, off_session, status, decline_code, settles_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING`,
      [id, request.idempotencyKey, card.payment_method_id, request.amount, request.currency, offSession, outcome.status,
        outcome.status === 'declined' ? outcome.declineCode : null, settlesAt, now()],
    );
    return toProcessorPayment((await findIntent('idempotency_key', request.idempotencyKey))!);
  }

  async function retrievePayment(id: string): Promise<ProcessorPayment> {
    const intent = await findIntent('payment_intent_id', id);
    if (!intent) throw new Error(`The test processor has no payment ${id}`);
    if (intent.status === 'processing' && intent.settles_at && intent.settles_at <= now()) {
      await store.query("UPDATE test_payment_intents SET status = 'succeeded' WHERE payment_intent_id = $1", [id]);
      return toProcessorPayment({ ...intent, status: 'succeeded' });
    }
    return toProcessorPayment(intent);
  }

  /** The customer's answer to the challenge, or its cancellation: only a payment that still waits changes. */
  async function authenticate(id: string, passed: boolean): Promise<ProcessorPayment> {
    await store.query(
      `UPDATE test_payment_intents SET status = $2, decline_code = $3 WHERE payment_intent_id = $1 AND status = 'requires_action'`,
      [id, passed ? 'succeeded' : 'declined', passed ? null : 'authentication_required'],
    );
    return retrievePayment(id);
  }

  return {
    name: 'test',
    credentialsId: null,
    confirmPayment: (request) => charge(request, false),
    chargeOffSession: (request) => charge(request, true),
    retrievePayment,
    cancelPayment: (id) => authenticate(id, false),
    authenticate,
    async refund({ idempotencyKey, paymentId, amount }) {
      const [repeated] = await store.query<{ refund_id: string; amount: number }>('SELECT refund_id, amount FROM test_refunds WHERE idempotency_key = $1', [
        idempotencyKey,
      ]);
      if (repeated) return { id: repeated.refund_id, amount: repeated.amount };
      // The check holds the refund within what was paid even when two refunds race: one update waits for the other.
      const updated = await store.query(
        `UPDATE test_payment_intents SET amount_refunded = amount_refunded + $2
         WHERE payment_intent_id = $1 AND status = 'succeeded' AND amount_refunded + $2 <= amount RETURNING 1`,
        [paymentId, amount],
      );
      if (updated.length === 0) throw new Error(`The test processor cannot refund ${amount} of ${paymentId}`);
      const id = createId('re', modeOf(paymentId));
      await store.query('INSERT INTO test_refunds (refund_id, idempotency_key, payment_intent_id, amount) VALUES ($1, $2, $3, $4)', [
        id, idempotencyKey, paymentId, amount,
      ]);
      return { id, amount };
    },
  };
}

/** What only the test processor does: answer its own 3-D Secure challenge, as the customer's bank would. */
export interface TestProcessorControls {
  authenticate(paymentIntentId: string, passed: boolean): Promise<ProcessorPayment>;
}
