import { z } from 'zod';
import { addBillingInterval } from '../addBillingInterval';
import { hasActiveSubscription } from '../connections/getConnection';
import { createId } from '../ids';
import { creditToDecimalString } from '../money';
import { findCheckoutSessionByHash } from '../sessions/findCheckoutSession';
import { statusOf, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { chargeTestCard, passesLuhn } from './chargeTestCard';
import { loadPurchase } from './describeCheckout';

const customerInput = z.strictObject({
  email: z.string().trim().max(254).pipe(z.email({ message: 'Enter a valid email address.' })),
  name: z.string().trim().min(1, 'Enter your name.').max(200),
});

const cardInput = z
  .strictObject({
    number: z.string().regex(/^\d{12,19}$/, 'Enter the card number without spaces.').refine(passesLuhn, 'This card number is not valid.'),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/, 'Enter the 3 or 4 digit security code.'),
  })
  .refine(({ exp_month, exp_year }) => new Date(Date.UTC(exp_year, exp_month, 1)) > new Date(), {
    message: 'This card has expired.',
    path: ['exp_year'],
  });

const completeInput = z.strictObject({ customer: customerInput.optional(), card: cardInput });

function assertOpen(session: CheckoutSessionRow) {
  const status = statusOf(session);
  if (status === 'completed') throw new TillApiError('session_completed', 'This checkout has already been completed.');
  if (status === 'expired') throw new TillApiError('session_expired', 'This checkout has expired.');
}

/**
 * The rules checked when the session was created may no longer hold: another session for the same connection
 * may have completed since. The connection's row lock makes two such completions take turns.
 */
async function assertStillEligible(tx: Queryable, session: CheckoutSessionRow) {
  if (!session.connection_id) return;
  await tx.query('SELECT 1 FROM connections WHERE connection_id = $1 FOR UPDATE', [session.connection_id]);
  const subscribed = await hasActiveSubscription(tx, session.connection_id, session.subscription_config_id);
  if (session.checkout_mode === 'subscription' && subscribed) {
    throw new TillApiError('already_subscribed', 'You already have an active subscription to this plan.');
  }
  if (session.checkout_mode === 'credit_bundle' && !subscribed) {
    throw new TillApiError('subscription_required', 'Credit packs need an active subscription to their plan.');
  }
}

async function createConnection(tx: Queryable, merchantId: string, customer: z.infer<typeof customerInput>) {
  const connectionId = createId('con');
  await tx.query('INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ($1, $2, $3, $4)', [
    connectionId,
    merchantId,
    customer.email,
    customer.name,
  ]);
  return connectionId;
}

/**
 * Charges the test card and fulfils the purchase in one transaction that holds the session's row lock,
 * so two presses of Pay (or two tabs) can complete — and charge — a session only once.
 */
export async function completeCheckout(db: Database, secretHash: string, body: unknown) {
  const input = parseInput(completeInput, body);
  const outcome = await db.transaction(async (tx) => {
    const session = (await findCheckoutSessionByHash(tx, secretHash, true))!;
    assertOpen(session);
    if (!session.connection_id && !input.customer) {
      throw new TillApiError('validation_error', 'Enter your email and name.', 'customer');
    }
    await assertStillEligible(tx, session);
    const { config, bundle, amountDue, currency } = await loadPurchase(tx, session);
    const charge = chargeTestCard(input.card);
    await tx.query(
      `INSERT INTO payments (payment_id, checkout_session_id, amount, currency, status, card_brand, card_last4, decline_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [createId('pay'), session.checkout_session_id, amountDue, currency, charge.ok ? 'succeeded' : 'declined',
        charge.brand, charge.last4, charge.ok ? null : charge.declineCode],
    );
    // A decline is recorded, not rolled back: it is returned, and thrown only after the commit.
    if (!charge.ok) return { declined: charge.message };

    const connectionId = session.connection_id ?? (await createConnection(tx, session.merchant_id, input.customer!));
    const now = new Date();
    const subscriptionId = bundle ? null : createId('sub');
    const creditsAdded = bundle ? bundle.credit_amount : config.included_credit;
    if (subscriptionId) {
      await tx.query(
        `INSERT INTO subscriptions (subscription_id, connection_id, subscription_config_id, status, current_period_start, current_period_end)
         VALUES ($1, $2, $3, 'active', $4, $5)`,
        [subscriptionId, connectionId, config.subscription_config_id, now, addBillingInterval(now, config.billing_interval)],
      );
    }
    await tx.query('UPDATE connections SET credit_balance = credit_balance + $2 WHERE connection_id = $1', [connectionId, creditsAdded]);
    await tx.query('UPDATE connections SET card_brand = $2, card_last4 = $3 WHERE connection_id = $1', [connectionId, charge.brand, charge.last4]);
    await tx.query(
      `UPDATE checkout_sessions SET status = 'completed', completed_at = $2, connection_id = $3 WHERE checkout_session_id = $1`,
      [session.checkout_session_id, now, connectionId],
    );
    return {
      completed: {
        checkout_session_id: session.checkout_session_id,
        checkout_mode: session.checkout_mode,
        connection_id: connectionId,
        status: 'completed' as const,
        completed_at: now.toISOString(),
        subscription_id: subscriptionId,
        credits_added: creditToDecimalString(creditsAdded),
      },
    };
  });
  if ('declined' in outcome) throw new TillApiError('card_declined', outcome.declined!, 'card.number');
  return outcome.completed;
}
