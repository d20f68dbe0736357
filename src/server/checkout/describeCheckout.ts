import { CREDIT_BUNDLE_SELECT, type CreditBundleRow, type SubscriptionConfigRow } from '../catalog/catalogRows';
import type { ConnectionRow } from '../connections/getConnection';
import { creditToDecimalString, toDecimalString } from '../money';
import { statusOf, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';

/** What is being bought and its price, decided here and only shown by the app. */
export async function loadPurchase(db: Queryable, session: CheckoutSessionRow) {
  const [config] = await db.query<SubscriptionConfigRow>(
    'SELECT * FROM subscription_configs WHERE subscription_config_id = $1',
    [session.subscription_config_id],
  );
  const [bundle] = session.credit_bundle_id
    ? await db.query<CreditBundleRow>(`${CREDIT_BUNDLE_SELECT} WHERE b.credit_bundle_id = $1`, [session.credit_bundle_id])
    : [];
  const amountDue = bundle ? bundle.cost : config!.period_amount;
  return { config: config!, bundle: bundle ?? null, amountDue, currency: config!.currency };
}

/** "jane@example.com" → "j•••@example.com": enough for the customer to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/** The checkout app's view of a session: everything it shows, nothing it doesn't need. */
export async function describeCheckout(db: Queryable, session: CheckoutSessionRow) {
  const { config, bundle, amountDue, currency } = await loadPurchase(db, session);
  const [merchant] = await db.query<{ name: string }>('SELECT name FROM merchants WHERE merchant_id = $1', [
    session.merchant_id,
  ]);
  const [connection] = session.connection_id
    ? await db.query<ConnectionRow>('SELECT * FROM connections WHERE connection_id = $1', [session.connection_id])
    : [];
  return {
    checkout_session_id: session.checkout_session_id,
    checkout_mode: session.checkout_mode,
    status: statusOf(session),
    merchant_name: merchant!.name,
    customer: connection ? { name: connection.name, email: maskEmail(connection.email) } : null,
    collects_identity: !connection,
    plan: {
      name: config.name,
      billing_interval: config.billing_interval,
      included_credit: creditToDecimalString(config.included_credit),
    },
    bundle: bundle && { name: bundle.name, credit_amount: creditToDecimalString(bundle.credit_amount) },
    amount_due: toDecimalString(amountDue, currency),
    currency,
    connection_id: session.connection_id,
    // Resolved here, so redirect display always has somewhere to send the customer back to.
    success_url: session.success_url ?? session.origin_url,
    cancel_url: session.cancel_url ?? session.origin_url,
  };
}
