import { addBillingInterval } from '../addBillingInterval';
import { createId } from '../ids';
import { modeOf } from '../modes';
import { creditToDecimalString } from '../money';
import type { ConnectionRow } from '../connections/getConnection';
import type { CardSummary } from '../payments/PaymentProcessor';
import type { PaymentTakenBy } from '../payments/ProcessorFor';
import { savedCardOwner } from '../payments/savedCardOwner';
import { discountsSecondPayment } from '../pricing/priceCheckout';
import { priceSession } from '../pricing/priceSession';
import { toDiscount } from '../promotions/promotionCodes';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import type { CompletedCheckout } from '../../protocol/api/checkout/completedCheckout';
import { findPayingConnection } from './checkoutCustomer';
import { recordCompletionEvents } from './recordCheckoutEvents';

/** A payment of the session's total that succeeded. */
export interface SucceededPayment {
  paymentId: string;
  amount: number;
  card: CardSummary;
  /**
   * The processor's id of the card: the new subscription renews with it, and the connection saves it for the next
   * payment when the payer is known to be its customer (`saveCardOnConnection`).
   */
  paymentMethodId: string;
  /** Who took it (migration 028): the card is theirs, so its renewals are charged there, whatever the merchant uses then. */
  takenBy: PaymentTakenBy;
  /** When it was asked for, at the price and with the promotion of then (`priceSession`'s `chargedAt`). */
  chargedAt: Date;
}

async function createConnection(tx: Queryable, session: CheckoutSessionRow) {
  const connectionId = createId('con', modeOf(session.merchant_id));
  await tx.query('INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ($1, $2, $3, $4)', [
    connectionId,
    session.merchant_id,
    session.customer_email,
    session.customer_name,
  ]);
  return connectionId;
}

/**
 * The card the connection's customer paid with becomes the connection's saved card, and the country they gave its
 * country: what their next checkout offers and prefills. Their subscriptions that renew on the card it replaces move
 * to it with that country, so a customer asked to pay again after a declined renewal (README, Renewals) fixes their
 * renewals by paying with a card that works; subscriptions bought by others with their own card keep it. Called
 * only when the payer is known to be the customer (`payerIsCustomer`).
 */
async function saveCardOnConnection(
  tx: Queryable,
  previous: ConnectionRow | null,
  connectionId: string,
  session: CheckoutSessionRow,
  payment: SucceededPayment,
) {
  const { card } = payment;
  const owner = savedCardOwner(payment.takenBy);
  if (previous?.payment_method_id) {
    // The replaced card may be another processor's or account's (the merchant moved since): they move to this
    // card's owner with it.
    await tx.query(
      `UPDATE subscriptions SET payment_method_id = $3, country = coalesce($4, country), payment_method_processor = $5,
         payment_method_credentials_id = $6
       WHERE connection_id = $1 AND payment_method_id = $2 AND status <> 'canceled'`,
      [connectionId, previous.payment_method_id, payment.paymentMethodId, session.customer_country, owner.payment_method_processor,
        owner.payment_method_credentials_id],
    );
  }
  await tx.query(
    `UPDATE connections SET card_brand = $2, card_last4 = $3, card_exp_month = $4, card_exp_year = $5, payment_method_id = $6,
       country = coalesce($7, country), payment_method_processor = $8, payment_method_credentials_id = $9
     WHERE connection_id = $1`,
    [connectionId, card.brand, card.last4, card.exp_month, card.exp_year, payment.paymentMethodId, session.customer_country,
      owner.payment_method_processor, owner.payment_method_credentials_id],
  );
}

/**
 * What a paid checkout starts, in the transaction that recorded the payment: the customer's connection (a new
 * customer's is made now, from the identity stored on the session before paying), the subscription or the credit,
 * the promotion's redemption and the events. The session's row lock, held by the caller, makes this happen once.
 */
export async function fulfilCheckout(tx: Queryable, session: CheckoutSessionRow, payment: SucceededPayment, now: Date): Promise<CompletedCheckout> {
  const connection = await findPayingConnection(tx, session);
  // A payment that waited for the bank or to settle was charged with the promotion as it stood when it was asked for:
  // the code is redeemed though it ran out or expired meanwhile (migration 026).
  const { config, bundle, promotion, promotionProblem } = await priceSession(tx, session, { now, lockPromotion: true, chargedAt: payment.chargedAt });
  const connectionId = connection?.connection_id ?? (await createConnection(tx, session));
  // A new customer's payment was written before their connection existed.
  if (!connection) await tx.query('UPDATE payments SET connection_id = $2 WHERE payment_id = $1', [payment.paymentId, connectionId]);
  // The payer is the connection's customer when the merchant named the connection, or when this checkout makes it.
  // One found by email alone (seed 003) is the customer of whoever typed its address: credit and a subscription
  // may be bought for it, but its card and country, which its other subscriptions renew with, stay its customer's.
  // Even a connection with no card takes none: its subscriptions made before migration 025 would renew on the
  // stranger's card, and its customer's next checkout would offer it; the new subscription keeps its own anyway.
  const payerIsCustomer = !connection || session.connection_id !== null;
  const applied = promotion && !promotionProblem ? promotion : null;
  const subscriptionId = bundle ? null : createId('sub', modeOf(session.merchant_id));
  // Seed 002: a later start makes the subscription `scheduled`, its first period beginning then; this checkout
  // charged nothing (the card, now on the subscription, pays the first invoice then: renewals). The first period's
  // start is the anchor every later period ends from (migration 020), so its end is the anchor's first, which is
  // also the date `estimate.next_invoice` promised.
  const deferred = session.start_date !== null;
  const periodStart = session.start_date ?? now;
  // The subscription keeps a code that discounts later invoices too: `forever` without a count, `repeating` with
  // the number of invoices still to come that it discounts, for renewals to count down. Today's payment used one,
  // unless the start is deferred: then every discounted invoice is still to come, `once` included.
  const kept = applied && (deferred || discountsSecondPayment(toDiscount(applied))) ? applied : null;
  const keptIntervals =
    kept === null || kept.duration === 'forever' ? null : (kept.duration === 'repeating' ? kept.duration_in_intervals! : 1) - (deferred ? 0 : 1);
  const creditsAdded = bundle ? bundle.credit_amount : config.included_credit;
  if (subscriptionId) {
    await tx.query(
      `INSERT INTO subscriptions
         (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end,
          quantity, promotion_code_id, promotion_intervals_remaining, ends_at, billing_cycle_anchor, payment_method_id, country,
          payment_method_processor, payment_method_credentials_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $6, $12, $13, $14, $15)`,
      [subscriptionId, session.merchant_id, connectionId, config.subscription_config_id, deferred ? 'scheduled' : 'active', periodStart,
        addBillingInterval(periodStart, config.billing_interval, config.interval_count), session.quantity, kept?.promotion_code_id ?? null,
        keptIntervals, session.end_date, payment.paymentMethodId, session.customer_country, payment.takenBy.processor,
        payment.takenBy.processor_credentials_id],
    );
  }
  if (applied) {
    await tx.query('INSERT INTO promotion_redemptions (checkout_session_id, promotion_code_id, connection_id) VALUES ($1, $2, $3)', [
      session.checkout_session_id, applied.promotion_code_id, connectionId,
    ]);
    await tx.query('UPDATE promotion_codes SET times_redeemed = times_redeemed + 1 WHERE promotion_code_id = $1', [applied.promotion_code_id]);
  }
  await tx.query('UPDATE connections SET credit_balance = credit_balance + $2 WHERE connection_id = $1', [connectionId, creditsAdded]);
  if (payerIsCustomer) await saveCardOnConnection(tx, connection, connectionId, session, payment);
  await tx.query(
    `UPDATE checkout_sessions SET status = 'completed', completed_at = $2, connection_id = $3, subscription_id = $4,
       amount_total = $5, credits_added = $6
     WHERE checkout_session_id = $1`,
    [session.checkout_session_id, now, connectionId, subscriptionId, payment.amount, creditsAdded],
  );
  await recordCompletionEvents(tx, {
    sessionId: session.checkout_session_id, merchantId: session.merchant_id, connectionId,
    newConnection: !connection, subscriptionId, bundle, creditsAdded,
  });
  return {
    checkout_session_id: session.checkout_session_id,
    checkout_mode: session.checkout_mode,
    connection_id: connectionId,
    status: 'completed',
    completed_at: now.toISOString(),
    subscription_id: subscriptionId,
    credits_added: creditToDecimalString(creditsAdded),
  };
}
