import { creditToDecimalString, toDecimalString } from '../money';
import { serializeEstimate, type SessionPrice } from '../pricing/priceSession';
import { TillApiError } from '../TillApiError';
import { isLive } from '../modes';
import type { CheckoutSession } from '../../protocol/api/checkoutSessions';

export interface CheckoutSessionRow {
  checkout_session_id: string;
  merchant_id: string;
  secret_hash: string;
  checkout_mode: 'subscription' | 'credit_bundle';
  origin_url: string;
  /** Added by migration 002; null when the merchant gave none. */
  success_url: string | null;
  cancel_url: string | null;
  /** Added by migration 011 (seed 001): where a payment that needs the customer later sends them; null if not given. */
  pending_url: string | null;
  connection_id: string | null;
  subscription_config_id: string;
  credit_bundle_id: string | null;
  /** Migration 018: `processing` while a payment settles. */
  status: 'open' | 'processing' | 'completed';
  created_at: Date;
  expires_at: Date;
  completed_at: Date | null;
  /** Added by migration 003. The merchant's prefill for a new customer; the country prices tax. */
  customer_email: string | null;
  customer_name: string | null;
  customer_country: string | null;
  lock_email: boolean;
  /** Seats; 1 unless the plan is per seat. */
  quantity: number;
  /** JSON array of the plans the customer may switch between, or null when there is no choice. */
  subscription_config_ids: string | null;
  allow_promotion_codes: boolean;
  promotion_code_id: string | null;
  locale: string | null;
  /** The merchant's metadata and attribution as JSON text, so they come back as sent. */
  metadata: string;
  reference_id: string | null;
  attribution: string | null;
  /** Added by migration 005: what a completed session paid for (null until then), and when it expired as an event. */
  subscription_id: string | null;
  amount_total: number | null;
  credits_added: number | null;
  expired_at: Date | null;
  /** Added by migration 013 (seed 003): the first payment's subtotal in minor units, instead of the price; null for the price. */
  custom_amount: number | null;
  /** Migration 013: whether `custom_amount` includes tax; set exactly when it is. */
  custom_tax_behavior: 'inclusive' | 'exclusive' | null;
  /** Migration 013 (seed 003): the country the merchant's `customer.ip_address` is in; the address is not kept. */
  ip_country: string | null;
  /** Migration 013 (seed 002): a later start of the subscription and its first payment; null to start at payment. */
  start_date: Date | null;
  /** Migration 013 (seed 002): when the subscription ends, a fixed term; null for one that renews until canceled. */
  end_date: Date | null;
}

export type CheckoutSessionStatus = 'open' | 'processing' | 'completed' | 'expired';

/** Expiry is a fact of time, not a stored state: no job has to sweep sessions for it to be true. */
export function statusOf(session: CheckoutSessionRow, now = new Date()): CheckoutSessionStatus {
  // A payment that settles later holds the session past its expiry: the customer has paid, as far as they know.
  if (session.status !== 'open') return session.status;
  // Once the sweep has recorded checkout.expired, it is expired whatever this server's clock says.
  return session.expired_at !== null || session.expires_at <= now ? 'expired' : 'open';
}

/** Only an open session can be changed or paid. */
export function assertOpen(session: CheckoutSessionRow) {
  const status = statusOf(session);
  if (status === 'completed') throw new TillApiError('session_completed', 'This checkout has already been completed.');
  if (status === 'expired') throw new TillApiError('session_expired', 'This checkout has expired.');
  if (status === 'processing') throw new TillApiError('payment_in_progress', 'Your payment is being confirmed. You will not be charged twice.');
}

/** The two ways into a session, both made from its secret: for the loader, and for redirect display. */
export interface CheckoutSessionCredentials {
  token: string;
  checkoutUrl: string;
}

/** The plans the customer may switch between, in the merchant's order; null when the merchant offered no choice. */
export function planOptionIds(session: CheckoutSessionRow): string[] | null {
  return session.subscription_config_ids === null ? null : (JSON.parse(session.subscription_config_ids) as string[]);
}

/**
 * The merchant's prefill as it asked for it; null when it gave none. `country` is the one tax is priced for;
 * `ip_country` where `customer.ip_address` placed the customer (the address itself is not kept).
 */
function serializeCustomer(session: CheckoutSessionRow) {
  const { customer_email: email, customer_name: name, customer_country: country, lock_email, ip_country } = session;
  return email === null && name === null && country === null && !lock_email && ip_country === null
    ? null
    : { email, name, country, lock_email, ip_country };
}

/**
 * The seed's response object. The token and the checkout URL exist only in the creation response: the
 * store keeps a hash of the secret they carry, so later reads return `null`. `price` is the session priced
 * now (see `priceSession`); its `estimate` is a preview and creates nothing.
 */
export function serializeCheckoutSession(
  session: CheckoutSessionRow,
  price: SessionPrice,
  credentials: CheckoutSessionCredentials | null = null,
): CheckoutSession {
  return {
    checkout_session_id: session.checkout_session_id,
    livemode: isLive(session.checkout_session_id),
    checkout_session_token: credentials?.token ?? null,
    checkout_url: credentials?.checkoutUrl ?? null,
    checkout_mode: session.checkout_mode,
    origin_url: session.origin_url,
    success_url: session.success_url,
    cancel_url: session.cancel_url,
    pending_url: session.pending_url,
    connection_id: session.connection_id,
    subscription_config_id: session.checkout_mode === 'subscription' ? session.subscription_config_id : null,
    credit_bundle_id: session.credit_bundle_id,
    status: statusOf(session),
    created_at: session.created_at.toISOString(),
    expires_at: session.expires_at.toISOString(),
    completed_at: session.completed_at?.toISOString() ?? null,
    customer: serializeCustomer(session),
    quantity: session.quantity,
    subscription_config_ids: planOptionIds(session),
    allow_promotion_codes: session.allow_promotion_codes,
    promotion_code: price.promotion?.code ?? null,
    currency: price.config.currency,
    custom_amount: session.custom_amount === null ? null : toDecimalString(session.custom_amount, price.config.currency),
    tax_behavior: session.custom_tax_behavior,
    start_date: session.start_date?.toISOString() ?? null,
    end_date: session.end_date?.toISOString() ?? null,
    locale: session.locale,
    metadata: JSON.parse(session.metadata) as CheckoutSession['metadata'],
    reference_id: session.reference_id,
    attribution: session.attribution === null ? null : (JSON.parse(session.attribution) as NonNullable<CheckoutSession['attribution']>),
    estimate: serializeEstimate(price),
    subscription_id: session.subscription_id,
    amount_total: session.amount_total === null ? null : toDecimalString(session.amount_total, price.config.currency),
    credits_added: session.credits_added === null ? null : creditToDecimalString(session.credits_added),
  };
}
