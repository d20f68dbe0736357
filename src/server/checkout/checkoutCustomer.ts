import { hasActiveSubscription, type ConnectionRow } from '../connections/getConnection';
import { findTaxRate } from '../pricing/priceSession';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';

export interface CustomerInput {
  email: string;
  name: string;
  country?: string;
}

/**
 * Who a new customer is: what they typed, else the merchant's prefill. A locked email (seed 003) cannot be
 * changed; its case may differ, as addresses are compared without it.
 */
export function newCustomerIdentity(session: CheckoutSessionRow, customer: CustomerInput | undefined) {
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
export async function assertStillEligible(tx: Queryable, session: CheckoutSessionRow, connectionId: string) {
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
export async function findConnectionByEmail(tx: Queryable, merchantId: string, email: string) {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${merchantId}:${email.toLowerCase()}`]);
  const [connection] = await tx.query<ConnectionRow>(
    'SELECT * FROM connections WHERE merchant_id = $1 AND lower(email) = lower($2) ORDER BY connection_id LIMIT 1',
    [merchantId, email],
  );
  return connection ?? null;
}

/** The customer paying: the connection the merchant named, else the one their email belongs to, if any. */
export async function findPayingConnection(tx: Queryable, session: CheckoutSessionRow): Promise<ConnectionRow | null> {
  if (session.connection_id) {
    const [row] = await tx.query<ConnectionRow>('SELECT * FROM connections WHERE connection_id = $1', [session.connection_id]);
    return row!;
  }
  return session.customer_email ? findConnectionByEmail(tx, session.merchant_id, session.customer_email) : null;
}

/**
 * A country sent with the payment must not change what the customer was shown: a different tax rate needs
 * `PATCH /api/checkout/session` first, which answers with the new total.
 */
export async function applyCountry(tx: Queryable, session: CheckoutSessionRow, country: string | undefined): Promise<CheckoutSessionRow> {
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
