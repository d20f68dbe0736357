import type { z } from 'zod';
import { addBillingInterval } from '../addBillingInterval';
import { hasActiveSubscription, type ConnectionRow } from '../connections/getConnection';
import { createId } from '../ids';
import { isLive, modeOf } from '../modes';
import { creditToDecimalString } from '../money';
import { findTaxRate, priceSession } from '../pricing/priceSession';
import { discountsSecondPayment } from '../pricing/priceCheckout';
import { promotionError, toDiscount } from '../promotions/promotionCodes';
import { assertOpen, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import { findCheckoutSessionByHash } from '../sessions/findCheckoutSession';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { completeCheckoutBody } from '../../protocol/api/checkout/completeCheckoutBody';
import type { CompletedCheckout } from '../../protocol/api/checkout/completedCheckout';
import { chargeTestCard, paymentCardBrand, refuseLiveCharge, type ChargeOutcome } from './chargeTestCard';
import { recordCompletionEvents, recordPaymentFailed } from './recordCheckoutEvents';

type CompleteInput = z.output<typeof completeCheckoutBody>;

/** Printable ASCII without spaces, like Stripe's keys; the app sends a UUID per payment attempt. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function checkPaymentMethod(input: CompleteInput) {
  if (input.card && input.use_saved_card) {
    throw new TillApiError('validation_error', "Send either 'card' or 'use_saved_card', not both.", 'use_saved_card');
  }
  if (!input.card && !input.use_saved_card) throw new TillApiError('validation_error', "Missing required parameter 'card'.", 'card');
}

/**
 * Who a new customer is: what they typed, else the merchant's prefill. A locked email (seed 003) cannot be
 * changed; its case may differ, as addresses are compared without it.
 */
function newCustomerIdentity(session: CheckoutSessionRow, customer: CompleteInput['customer']) {
  if (session.lock_email && customer && customer.email.toLowerCase() !== session.customer_email!.toLowerCase()) {
    throw new TillApiError('email_locked', 'This email address was set by the merchant and cannot be changed.', 'customer.email');
  }
  const email = session.lock_email ? session.customer_email : (customer?.email ?? session.customer_email);
  const name = customer?.name ?? session.customer_name;
  if (!email || !name) throw new TillApiError('validation_error', 'Enter your email and name.', 'customer');
  return { email, name };
}

/**
 * The rules checked when the session was created may no longer hold: another session for the same connection
 * may have completed since. The connection's row lock makes two such completions take turns.
 */
async function assertStillEligible(tx: Queryable, session: CheckoutSessionRow, connectionId: string) {
  await tx.query('SELECT 1 FROM connections WHERE connection_id = $1 FOR UPDATE', [connectionId]);
  const isPlan = session.checkout_mode === 'subscription';
  const subscribed = await hasActiveSubscription(tx, connectionId, session.subscription_config_id, { orScheduled: isPlan });
  if (isPlan && subscribed) {
    throw new TillApiError('already_subscribed', 'You already have an active subscription to this plan.');
  }
  if (!isPlan && !subscribed) {
    throw new TillApiError('subscription_required', 'Credit packs need an active subscription to their plan.');
  }
}

/**
 * Seed 003: a new customer whose email already belongs to one of the merchant's connections is that connection.
 * The advisory lock (per merchant and address) makes two first purchases with one email take turns, so the
 * second finds the connection the first made instead of making another.
 */
async function findConnectionByEmail(tx: Queryable, merchantId: string, email: string) {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${merchantId}:${email.toLowerCase()}`]);
  const [connection] = await tx.query<ConnectionRow>(
    'SELECT * FROM connections WHERE merchant_id = $1 AND lower(email) = lower($2) ORDER BY connection_id LIMIT 1',
    [merchantId, email],
  );
  return connection ?? null;
}

/**
 * A country sent with the payment must not change what the customer was shown: a different tax rate needs
 * `PATCH /api/checkout/session` first, which answers with the new total.
 */
async function applyCountry(tx: Queryable, session: CheckoutSessionRow, country: string | undefined): Promise<CheckoutSessionRow> {
  if (country === undefined || country === session.customer_country) return session;
  const [before, after] = [await findTaxRate(tx, session.merchant_id, session.customer_country), await findTaxRate(tx, session.merchant_id, country)];
  if ((before?.rate_bps ?? 0) !== (after?.rate_bps ?? 0)) {
    throw new TillApiError(
      'validation_error',
      'The tax for this country changes the total: update the country first, then pay the new total.',
      'customer.country',
    );
  }
  await tx.query('UPDATE checkout_sessions SET customer_country = $2 WHERE checkout_session_id = $1', [session.checkout_session_id, country]);
  return { ...session, customer_country: country };
}

async function createConnection(tx: Queryable, merchantId: string, customer: { email: string; name: string }) {
  const connectionId = createId('con', modeOf(merchantId));
  await tx.query('INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ($1, $2, $3, $4)', [
    connectionId,
    merchantId,
    customer.email,
    customer.name,
  ]);
  return connectionId;
}

async function rememberOutcome(tx: Queryable, sessionId: string, key: string | null, status: number, body: unknown) {
  if (!key) return;
  await tx.query('INSERT INTO checkout_idempotency_keys (checkout_session_id, idempotency_key, status, body) VALUES ($1, $2, $3, $4)', [
    sessionId,
    key,
    status,
    JSON.stringify(body),
  ]);
}

type Outcome = { completed: CompletedCheckout } | { failed: TillApiError };

/**
 * Charges the server's own total (`estimate.due_today.total`) and fulfils the purchase in one transaction that
 * holds the session's row lock, so two presses of Pay (or two tabs) can complete — and charge — a session only once.
 *
 * With an `Idempotency-Key`, the first outcome that charged (a success or a decline) is stored with the key and a
 * repeat of the key within the session returns it again without charging: a retry after a lost response is safe.
 * Requests that fail before charging (invalid input, expired session) store nothing, as with Stripe's keys.
 */
export async function completeCheckout(
  db: Database,
  secretHash: string,
  body: unknown,
  idempotencyKey: string | null = null,
): Promise<CompletedCheckout> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new TillApiError('validation_error', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.', 'Idempotency-Key');
  }
  const input = parseInput(completeCheckoutBody, body);
  checkPaymentMethod(input);
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    let session = (await findCheckoutSessionByHash(tx, secretHash, true))!;
    if (idempotencyKey) {
      const [stored] = await tx.query<{ status: number; body: string }>(
        'SELECT status, body FROM checkout_idempotency_keys WHERE checkout_session_id = $1 AND idempotency_key = $2',
        [session.checkout_session_id, idempotencyKey],
      );
      if (stored) {
        const replayed = JSON.parse(stored.body) as unknown;
        return stored.status === 200 ? { completed: replayed as CompletedCheckout } : { failed: TillApiError.fromJSON(replayed) };
      }
    }
    assertOpen(session);

    // Only a connection named at creation is a returning customer with a card on file to offer; one found by
    // email (below) paid for nothing here yet, and its card is not for whoever knows its address.
    if (input.use_saved_card && !session.connection_id) {
      throw new TillApiError('validation_error', 'There is no saved card to pay with. Enter a card.', 'use_saved_card');
    }
    let connection: ConnectionRow | null = null;
    let identity: { email: string; name: string } | null = null;
    if (session.connection_id) {
      await assertStillEligible(tx, session, session.connection_id);
      const [row] = await tx.query<ConnectionRow>('SELECT * FROM connections WHERE connection_id = $1', [session.connection_id]);
      connection = row!;
    } else {
      identity = newCustomerIdentity(session, input.customer);
      connection = await findConnectionByEmail(tx, session.merchant_id, identity.email);
      if (connection) await assertStillEligible(tx, session, connection.connection_id);
    }
    const savedCard = session.connection_id && connection?.card_brand && connection.card_last4 ? connection : null;
    if (input.use_saved_card && !savedCard) {
      throw new TillApiError('validation_error', 'There is no saved card to pay with. Enter a card.', 'use_saved_card');
    }

    session = await applyCountry(tx, session, input.customer?.country);
    const now = new Date();
    const price = await priceSession(tx, session, { now, lockPromotion: true });
    const { config, bundle, promotion, promotionProblem, estimate } = price;
    // A code that expired or ran out since the customer saw its discount is removed, and the payment refused,
    // so the customer is never charged more than the total they were shown; the next view shows the new total.
    if (promotion && (promotionProblem === 'expired' || promotionProblem === 'exhausted')) {
      await tx.query('UPDATE checkout_sessions SET promotion_code_id = NULL WHERE checkout_session_id = $1', [session.checkout_session_id]);
      return { failed: promotionError(promotionProblem, promotion.code) };
    }

    const card = input.use_saved_card
      ? { brand: savedCard!.card_brand!, last4: savedCard!.card_last4! }
      : { brand: paymentCardBrand(input.card!.number), last4: input.card!.number.slice(-4), number: input.card!.number };
    const charge: ChargeOutcome = isLive(session.checkout_session_id)
      ? refuseLiveCharge(card)
      : input.use_saved_card
        ? { ok: true, ...card }
        : chargeTestCard(input.card!);
    const paymentId = createId('pay', modeOf(session.merchant_id));
    await tx.query(
      `INSERT INTO payments
         (payment_id, checkout_session_id, amount, currency, status, card_brand, card_last4, decline_code, created_at, merchant_id, connection_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [paymentId, session.checkout_session_id, estimate.dueToday.total, estimate.currency, charge.ok ? 'succeeded' : 'declined',
        charge.brand, charge.last4, charge.ok ? null : charge.declineCode, now, session.merchant_id, connection?.connection_id ?? null],
    );
    // A decline is recorded, not rolled back: it is returned, and thrown only after the commit.
    if (!charge.ok) {
      const declined = new TillApiError('card_declined', charge.message, 'card.number', charge.declineCode);
      await recordPaymentFailed(tx, {
        paymentId, session, connectionId: connection?.connection_id ?? null, amount: estimate.dueToday.total, currency: estimate.currency,
        declineCode: charge.declineCode, message: charge.message, createdAt: now,
      });
      await rememberOutcome(tx, session.checkout_session_id, idempotencyKey, declined.status, declined);
      return { failed: declined };
    }

    const connectionId = connection?.connection_id ?? (await createConnection(tx, session.merchant_id, identity!));
    // A new customer's payment was written before their connection existed.
    if (!connection) await tx.query('UPDATE payments SET connection_id = $2 WHERE payment_id = $1', [paymentId, connectionId]);
    const applied = promotion && !promotionProblem ? promotion : null;
    const subscriptionId = bundle ? null : createId('sub', modeOf(session.merchant_id));
    // Seed 002: a later start makes the subscription `scheduled`, its first period beginning then; this checkout
    // charged nothing (the card, now on the connection, pays the first invoice then: issue 12's renewals).
    const deferred = session.start_date !== null;
    const periodStart = session.start_date ?? now;
    // The subscription keeps a code that discounts later invoices too: `forever` without a count, `repeating` with
    // the number of invoices still to come that it discounts, for renewals (issue 12) to count down. Today's payment
    // used one, unless the start is deferred: then every discounted invoice is still to come, `once` included.
    const kept = applied && (deferred || discountsSecondPayment(toDiscount(applied))) ? applied : null;
    const keptIntervals =
      kept === null || kept.duration === 'forever' ? null : (kept.duration === 'repeating' ? kept.duration_in_intervals! : 1) - (deferred ? 0 : 1);
    const creditsAdded = bundle ? bundle.credit_amount : config.included_credit;
    if (subscriptionId) {
      await tx.query(
        `INSERT INTO subscriptions
           (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end,
            quantity, promotion_code_id, promotion_intervals_remaining, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [subscriptionId, session.merchant_id, connectionId, config.subscription_config_id, deferred ? 'scheduled' : 'active', periodStart,
          addBillingInterval(periodStart, config.billing_interval, config.interval_count), session.quantity, kept?.promotion_code_id ?? null,
          keptIntervals, session.end_date],
      );
    }
    if (applied) {
      await tx.query('INSERT INTO promotion_redemptions (checkout_session_id, promotion_code_id, connection_id) VALUES ($1, $2, $3)', [
        session.checkout_session_id, applied.promotion_code_id, connectionId,
      ]);
      await tx.query('UPDATE promotion_codes SET times_redeemed = times_redeemed + 1 WHERE promotion_code_id = $1', [applied.promotion_code_id]);
    }
    await tx.query(
      `UPDATE connections SET credit_balance = credit_balance + $2, card_brand = $3, card_last4 = $4, country = coalesce($5, country)
       WHERE connection_id = $1`,
      [connectionId, creditsAdded, charge.brand, charge.last4, session.customer_country],
    );
    await tx.query(
      `UPDATE checkout_sessions SET status = 'completed', completed_at = $2, connection_id = $3, subscription_id = $4,
         amount_total = $5, credits_added = $6
       WHERE checkout_session_id = $1`,
      [session.checkout_session_id, now, connectionId, subscriptionId, estimate.dueToday.total, creditsAdded],
    );
    await recordCompletionEvents(tx, {
      sessionId: session.checkout_session_id, merchantId: session.merchant_id, connectionId,
      newConnection: !connection, subscriptionId, bundle, creditsAdded,
    });
    const completed: CompletedCheckout = {
      checkout_session_id: session.checkout_session_id,
      checkout_mode: session.checkout_mode,
      connection_id: connectionId,
      status: 'completed',
      completed_at: now.toISOString(),
      subscription_id: subscriptionId,
      credits_added: creditToDecimalString(creditsAdded),
    };
    await rememberOutcome(tx, session.checkout_session_id, idempotencyKey, 200, completed);
    return { completed };
  });
  if ('failed' in outcome) throw outcome.failed;
  return outcome.completed;
}
