export interface CheckoutSessionRow {
  checkout_session_id: string;
  merchant_id: string;
  secret_hash: string;
  checkout_mode: 'subscription' | 'credit_bundle';
  origin_url: string;
  /** Added by migration 002; null when the merchant gave none. */
  success_url: string | null;
  cancel_url: string | null;
  connection_id: string | null;
  subscription_config_id: string;
  credit_bundle_id: string | null;
  status: 'open' | 'completed';
  created_at: Date;
  expires_at: Date;
  completed_at: Date | null;
}

export type CheckoutSessionStatus = 'open' | 'completed' | 'expired';

/** Expiry is a fact of time, not a stored state: no job has to sweep sessions for it to be true. */
export function statusOf(session: CheckoutSessionRow, now = new Date()): CheckoutSessionStatus {
  if (session.status === 'completed') return 'completed';
  return session.expires_at <= now ? 'expired' : 'open';
}

/** The two ways into a session, both made from its secret: for the loader, and for redirect display. */
export interface CheckoutSessionCredentials {
  token: string;
  checkoutUrl: string;
}

/**
 * The seed's response object. The token and the checkout URL exist only in the creation response: the
 * store keeps a hash of the secret they carry, so later reads return `null`.
 */
export function serializeCheckoutSession(session: CheckoutSessionRow, credentials: CheckoutSessionCredentials | null = null) {
  return {
    checkout_session_id: session.checkout_session_id,
    checkout_session_token: credentials?.token ?? null,
    checkout_url: credentials?.checkoutUrl ?? null,
    checkout_mode: session.checkout_mode,
    origin_url: session.origin_url,
    success_url: session.success_url,
    cancel_url: session.cancel_url,
    connection_id: session.connection_id,
    subscription_config_id: session.checkout_mode === 'subscription' ? session.subscription_config_id : null,
    credit_bundle_id: session.credit_bundle_id,
    status: statusOf(session),
    created_at: session.created_at.toISOString(),
    expires_at: session.expires_at.toISOString(),
    completed_at: session.completed_at?.toISOString() ?? null,
  };
}
