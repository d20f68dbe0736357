import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import type { SubscriptionConfigRow } from '../catalog/catalogRows';
import type { ConnectionRow } from '../connections/getConnection';
import { creditToDecimalString, toDecimalString } from '../money';
import { currentTakerOf, findProcessorSettings, type ProcessorSettingsRow } from '../payments/processorSettings';
import { takesSavedCard } from '../payments/savedCardOwner';
import { priceSession, serializeEstimate, type SessionPrice } from '../pricing/priceSession';
import { describePromotion } from '../promotions/promotionCodes';
import { planOptionIds, statusOf, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';

/** "jane@example.com" → "j•••@example.com": enough for the customer to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/** The plans the customer may switch between, in the merchant's order; empty when there is no choice. */
async function loadPlanOptions(db: Queryable, session: CheckoutSessionRow): Promise<CheckoutView['plan_options']> {
  const ids = planOptionIds(session);
  if (!ids) return [];
  const rows = await db.query<SubscriptionConfigRow>('SELECT * FROM subscription_configs WHERE subscription_config_id = ANY($1)', [ids]);
  return ids
    .map((id) => rows.find((row) => row.subscription_config_id === id))
    .filter((row): row is SubscriptionConfigRow => row !== undefined)
    .map((row) => ({
      subscription_config_id: row.subscription_config_id,
      name: row.name,
      price: toDecimalString(row.period_amount, row.currency),
      currency: row.currency,
      billing_interval: row.billing_interval,
      interval_count: row.interval_count,
      included_credit: creditToDecimalString(row.included_credit),
      seat_based: row.seat_based,
    }));
}

/**
 * The session's promotion as the customer may see it: the code they (or the merchant) applied and its effect,
 * never any other code. `applies` is false when it does not discount the current plan (another plan was chosen,
 * or it expired or ran out since), so the estimate is without it.
 */
function serializePromotion({ promotion, promotionProblem }: SessionPrice): CheckoutView['promotion'] {
  if (!promotion) return null;
  return {
    code: promotion.code,
    description: describePromotion(promotion),
    percent_off: promotion.percent_off,
    amount_off: promotion.amount_off === null ? null : toDecimalString(promotion.amount_off, promotion.currency!),
    duration: promotion.duration,
    duration_in_intervals: promotion.duration_in_intervals,
    applies: promotionProblem === null,
  };
}

/** Who takes the session's card: Stripe's Payment Element needs the publishable key, and never more of the settings. */
function describeProcessor(settings: ProcessorSettingsRow | undefined): CheckoutView['processor'] {
  return settings?.processor === 'stripe' ? { name: 'stripe', publishable_key: settings.stripe_publishable_key! } : { name: 'test' };
}

/**
 * The returning customer's card on file, offered for one step only when the merchant's processor now is the one that
 * saved it: the frame tokenizes new cards with that processor, and a card of another account could not be charged.
 */
async function describeSavedCard(
  db: Queryable,
  connection: ConnectionRow | undefined,
  settings: ProcessorSettingsRow | undefined,
): Promise<CheckoutView['saved_card']> {
  if (!connection?.payment_method_id || !connection.card_brand || !connection.card_last4) return null;
  const taken = await takesSavedCard(db, connection.merchant_id, currentTakerOf(settings), connection);
  return taken ? { brand: connection.card_brand, last4: connection.card_last4 } : null;
}

/** Why the open session's latest payment was declined, if it was (payment ids grow with time, as the index orders them). */
async function lastDeclineCode(db: Queryable, session: CheckoutSessionRow): Promise<CheckoutView['last_decline_code']> {
  if (statusOf(session) !== 'open') return null;
  const [latest] = await db.query<{ decline_code: CheckoutView['last_decline_code'] }>(
    'SELECT decline_code FROM payments WHERE checkout_session_id = $1 ORDER BY payment_id DESC LIMIT 1',
    [session.checkout_session_id],
  );
  return latest?.decline_code ?? null;
}

/** The checkout app's view of a session: everything it shows, nothing it doesn't need. */
export async function describeCheckout(db: Queryable, session: CheckoutSessionRow): Promise<CheckoutView> {
  const price = await priceSession(db, session);
  const { config, bundle, estimate } = price;
  const [merchant] = await db.query<{ name: string; logo_url: string | null }>(
    'SELECT name, logo_url FROM merchants WHERE merchant_id = $1',
    [session.merchant_id],
  );
  // A connection named at creation is a returning customer. One found later by email (seed 003) is attached only
  // when the checkout completes, and nothing of it, its card least of all, is shown here.
  const [connection] = session.connection_id
    ? await db.query<ConnectionRow>('SELECT * FROM connections WHERE connection_id = $1', [session.connection_id])
    : [];
  const settings = await findProcessorSettings(db, session.merchant_id);
  const seatBased = !bundle && config.seat_based;
  // Open: the balance now and after this purchase. Completed: the purchase is in the balance, so both are it.
  const balanceAfter =
    connection && bundle ? connection.credit_balance + (session.status === 'completed' ? 0 : bundle.credit_amount) : null;
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
      // A period is `interval_count` intervals: the app says "every 3 months" rather than "per month".
      interval_count: config.interval_count,
      included_credit: creditToDecimalString(config.included_credit),
      subscription_config_id: config.subscription_config_id,
      price: toDecimalString(config.period_amount, config.currency),
      seat_based: config.seat_based,
      tax_behavior: config.tax_behavior,
    },
    bundle: bundle && {
      name: bundle.name,
      credit_amount: creditToDecimalString(bundle.credit_amount),
      price: toDecimalString(bundle.cost, bundle.currency),
    },
    /** Seed 003: the merchant's price for the first payment, all seats, instead of the plan's; seats are then fixed. */
    custom_amount: session.custom_amount === null ? null : toDecimalString(session.custom_amount, estimate.currency),
    /** Seed 002: when the subscription starts (and first charges), if later than today, and when a fixed term ends. */
    start_date: session.start_date?.toISOString() ?? null,
    end_date: session.end_date?.toISOString() ?? null,
    /** What is charged today: the estimate's total, which is what completing the checkout charges. */
    amount_due: toDecimalString(estimate.dueToday.total, estimate.currency),
    currency: estimate.currency,
    connection_id: session.connection_id,
    // Resolved here, so redirect display always has somewhere to send the customer back to.
    success_url: session.success_url ?? session.origin_url,
    cancel_url: session.cancel_url ?? session.origin_url,
    pending_url: session.pending_url,
    estimate: serializeEstimate(price),
    quantity: session.quantity,
    seat_limits: seatBased ? { min_quantity: config.min_quantity, max_quantity: config.max_quantity } : null,
    plan_options: await loadPlanOptions(db, session),
    allows_promotion_codes: session.allow_promotion_codes,
    promotion: serializePromotion(price),
    // The merchant's prefill for a new customer (seed 003); the country is the one tax is priced for.
    prefill: connection ? null : { email: session.customer_email, name: session.customer_name },
    lock_email: !connection && session.lock_email,
    country: session.customer_country,
    locale: session.locale,
    merchant_logo_url: merchant!.logo_url,
    saved_card: await describeSavedCard(db, connection, settings),
    processor: describeProcessor(settings),
    last_decline_code: await lastDeclineCode(db, session),
    credit_balance: bundle && connection ? creditToDecimalString(connection.credit_balance) : null,
    credit_balance_after: balanceAfter === null ? null : creditToDecimalString(balanceAfter),
  };
}
