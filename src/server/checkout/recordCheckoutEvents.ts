import type { CreditBundleRow } from '../catalog/catalogRows';
import { getConnection, type SubscriptionRow } from '../connections/getConnection';
import { serializeSubscription } from '../connections/serializeSubscription';
import { recordEvent } from '../events/recordEvent';
import { creditToDecimalString, toDecimalString } from '../money';
import { priceSession } from '../pricing/priceSession';
import { serializeCheckoutSession, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import type { DeclineCode } from '../TillApiError';

export interface CompletionFacts {
  sessionId: string;
  merchantId: string;
  connectionId: string;
  newConnection: boolean;
  subscriptionId: string | null;
  bundle: CreditBundleRow | null;
  creditsAdded: number;
}

/**
 * The events of a completed checkout, in the completion's transaction and after all of its writes, so each
 * carries its object's state as committed: `connection.created` (a new customer), `subscription.created` or
 * `credits.purchased`, then `checkout.completed` with the session as `GET /v1/checkout_sessions/:id` returns it.
 */
export async function recordCompletionEvents(tx: Queryable, facts: CompletionFacts) {
  const { merchantId, connectionId } = facts;
  if (facts.newConnection) {
    await recordEvent(tx, merchantId, 'connection.created', await getConnection(tx, merchantId, connectionId));
  }
  if (facts.subscriptionId) {
    const [subscription] = await tx.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE subscription_id = $1', [facts.subscriptionId]);
    await recordEvent(tx, merchantId, 'subscription.created', serializeSubscription(subscription!));
  }
  if (facts.bundle) {
    const [{ credit_balance }] = (await tx.query<{ credit_balance: number }>(
      'SELECT credit_balance FROM connections WHERE connection_id = $1',
      [connectionId],
    )) as [{ credit_balance: number }];
    await recordEvent(tx, merchantId, 'credits.purchased', {
      connection_id: connectionId,
      checkout_session_id: facts.sessionId,
      credit_bundle_id: facts.bundle.credit_bundle_id,
      credits_added: creditToDecimalString(facts.creditsAdded),
      credit_balance: creditToDecimalString(credit_balance),
    });
  }
  const [session] = (await tx.query<CheckoutSessionRow>('SELECT * FROM checkout_sessions WHERE checkout_session_id = $1', [
    facts.sessionId,
  ])) as [CheckoutSessionRow];
  await recordEvent(tx, merchantId, 'checkout.completed', serializeCheckoutSession(session, await priceSession(tx, session)));
}

export interface DeclineFacts {
  paymentId: string;
  session: CheckoutSessionRow;
  /** The customer's connection when the store knows them (named by the session, or found by email). */
  connectionId: string | null;
  amount: number;
  currency: string;
  declineCode: DeclineCode;
  message: string;
  createdAt: Date;
}

/** A declined payment, with why, and nothing of the card: not its number, brand or last digits. */
export async function recordPaymentFailed(tx: Queryable, facts: DeclineFacts) {
  await recordEvent(tx, facts.session.merchant_id, 'payment.failed', {
    payment_id: facts.paymentId,
    checkout_session_id: facts.session.checkout_session_id,
    connection_id: facts.connectionId,
    amount: toDecimalString(facts.amount, facts.currency),
    currency: facts.currency,
    decline_code: facts.declineCode,
    failure_message: facts.message,
    created_at: facts.createdAt.toISOString(),
  });
}
