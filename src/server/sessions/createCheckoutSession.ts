import type { z } from 'zod';
import { addBillingInterval } from '../addBillingInterval';
import { assertBundleActive, assertPlanActive } from '../catalog/assertPurchasable';
import { CREDIT_BUNDLE_SELECT, type CreditBundleRow, type SubscriptionConfigRow } from '../catalog/catalogRows';
import { knownPlanCache, type KnownPlans, type VersionedPlan } from '../catalog/knownPlans';
import { parseCatalogAmount } from '../catalog/parseCatalogAmount';
import { findConnection, hasActiveSubscription, type ConnectionRow } from '../connections/getConnection';
import { countryOfIpAddress } from '../geo/countryOfIpAddress';
import { createId } from '../ids';
import { modeOf } from '../modes';
import { priceSession } from '../pricing/priceSession';
import { resolvePromotionCode } from '../promotions/promotionCodes';
import { createSecret, encodeCheckoutToken, hashSecret, hostedCheckoutUrl } from '../secrets';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { createCheckoutSessionBody } from '../../protocol/api/checkoutSessions';
import { serializeCheckoutSession, type CheckoutSessionRow } from './checkoutSessionRow';

// The checkout app's API caps seats with the same number (see updateCheckout).
export { MAX_QUANTITY } from '../../protocol/api/checkoutSessions';

/** The longest a session lives, and how long it lives when the merchant does not say (seeds 001, 002, 004). */
export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** How far ahead a subscription may start (seed 002's start_date): a year, as a later start is a contract, not a checkout. */
const MAX_START_AHEAD_YEARS = 1;
/** The longest fixed term (seed 002's end_date), from the start: past it, a date is more likely a typo than a contract. */
const MAX_TERM_YEARS = 10;

type Input = z.infer<typeof createCheckoutSessionBody>;

function required<T>(value: T | undefined, param: string, mode: string): T {
  if (value === undefined) {
    throw new TillApiError('validation_error', `'${param}' is required when checkout_mode is '${mode}'.`, param);
  }
  return value;
}

function forbidden(value: unknown, param: string, mode: string) {
  if (value !== undefined) {
    throw new TillApiError('validation_error', `'${param}' does not apply when checkout_mode is '${mode}'.`, param);
  }
}

/** A plan with its row's version (see `knownPlans`), which a checkout priced from it may be inserted against. */
export async function findConfig(db: Queryable, merchantId: string, configId: string, param = 'subscription_config_id') {
  const [config] = await db.query<VersionedPlan>(
    'SELECT xmin AS version, * FROM subscription_configs WHERE subscription_config_id = $1 AND merchant_id = $2',
    [configId, merchantId],
  );
  if (!config) throw new TillApiError('resource_missing', `No subscription config with id '${configId}'.`, param);
  return config;
}

async function findBundle(db: Queryable, merchantId: string, bundleId: string) {
  const [bundle] = await db.query<CreditBundleRow>(`${CREDIT_BUNDLE_SELECT} WHERE b.credit_bundle_id = $1 AND c.merchant_id = $2`, [
    bundleId,
    merchantId,
  ]);
  if (!bundle) throw new TillApiError('resource_missing', `No credit bundle with id '${bundleId}'.`, 'credit_bundle_id');
  return bundle;
}

/** The seats a session starts with: as asked, within the plan's range; a per-seat plan's minimum otherwise. */
export function checkQuantity(config: SubscriptionConfigRow, quantity: number | undefined, param = 'quantity'): number {
  if (quantity === undefined) return config.min_quantity;
  if (!config.seat_based) {
    throw new TillApiError('validation_error', `'${param}' applies only to per-seat plans; '${config.name}' is not one.`, param);
  }
  if (quantity < config.min_quantity || quantity > config.max_quantity) {
    throw new TillApiError(
      'validation_error',
      `'${param}' must be between ${config.min_quantity} and ${config.max_quantity} for '${config.name}'.`,
      param,
    );
  }
  return quantity;
}

/**
 * Seed 001: a session's currency, when given, must be the one its plan is priced in. Seed 003 asks for it with a
 * custom amount; it is not needed here (the plan says it), but one that differs is refused all the same.
 */
function checkCurrency(input: Input, priced: { currency: string }) {
  const { currency } = input;
  if (currency !== undefined && currency !== priced.currency) {
    const custom = input.custom_amount === undefined ? '' : `, and a 'custom_amount' is charged in the plan's currency`;
    throw new TillApiError('validation_error', `'currency' is ${currency}, but the plan is priced in ${priced.currency}${custom}.`, 'currency');
  }
}

/**
 * Seed 003's custom amount, in minor units of the session's currency, with the tax behavior it needs; null without
 * one. It is the first payment's whole subtotal, for every seat, so it comes with neither a choice of plans nor (in
 * the checkout) of seats: the customer could change what they buy, and the amount would not follow.
 */
function resolveCustomAmount(input: Input, currency: string) {
  if (input.custom_amount === undefined) {
    if (input.tax_behavior !== undefined) {
      throw new TillApiError(
        'validation_error',
        "'tax_behavior' applies only with 'custom_amount': a plan or bundle is taxed as its plan says.",
        'tax_behavior',
      );
    }
    return null;
  }
  const amount = parseCatalogAmount(input.custom_amount, currency, 'custom_amount', { positive: true });
  if (input.tax_behavior === undefined) {
    throw new TillApiError(
      'validation_error',
      "'tax_behavior' is required with 'custom_amount': 'inclusive' if the amount includes tax, 'exclusive' if tax is added on top.",
      'tax_behavior',
    );
  }
  if (input.subscription_config_ids !== undefined) {
    throw new TillApiError(
      'validation_error',
      "'subscription_config_ids' does not apply with 'custom_amount': the amount is the price of one plan.",
      'subscription_config_ids',
    );
  }
  return { amount, taxBehavior: input.tax_behavior };
}

/** Alternatives must include the chosen plan, belong to the merchant, and share its currency, so switching is a fair comparison. */
async function checkPlanOptions(db: Queryable, merchantId: string, config: SubscriptionConfigRow, ids: string[] | undefined) {
  if (ids === undefined) return null;
  if (!ids.includes(config.subscription_config_id)) {
    throw new TillApiError('validation_error', "'subscription_config_ids' must include 'subscription_config_id'.", 'subscription_config_ids');
  }
  for (const [index, optionId] of ids.entries()) {
    const option = await findConfig(db, merchantId, optionId, `subscription_config_ids.${index}`);
    assertPlanActive(option, `subscription_config_ids.${index}`);
    if (option.currency !== config.currency) {
      throw new TillApiError(
        'validation_error',
        `Every plan in 'subscription_config_ids' must be priced in ${config.currency}; '${option.name}' is in ${option.currency}.`,
        `subscription_config_ids.${index}`,
      );
    }
  }
  return ids;
}

/** Seed 003 prefills a new customer; a returning one is the connection, so only the country (for tax) may be given. */
function checkCustomer(customer: Input['customer'], connection: ConnectionRow | null) {
  if (!customer || !connection) return;
  for (const field of ['email', 'name', 'lock_email'] as const) {
    if (customer[field] !== undefined) {
      throw new TillApiError(
        'validation_error',
        `'customer.${field}' does not apply with 'connection_id': the connection's own details are used.`,
        `customer.${field}`,
      );
    }
  }
}

/** `expires_at`, if given, must be in the future and at most 24 hours away. */
function resolveExpiry(expiresAt: string | undefined, now: Date): Date {
  if (expiresAt === undefined) return new Date(now.getTime() + SESSION_LIFETIME_MS);
  const date = new Date(expiresAt);
  if (date <= now) throw new TillApiError('validation_error', "'expires_at' must be in the future.", 'expires_at');
  if (date.getTime() - now.getTime() > SESSION_LIFETIME_MS) {
    throw new TillApiError('validation_error', "'expires_at' must be at most 24 hours after the session is created.", 'expires_at');
  }
  return date;
}

/**
 * Seed 002's term of a subscription session, checked against the clock and the session's own expiry:
 * 1. `start_date` defers the subscription and its first payment: nothing is charged at checkout. It must fall after
 *    the session expires, so that it is still ahead whenever the customer pays (and the $0 they were shown stays
 *    true); a start in the past, now or within the session's life is refused rather than quietly moved. At most a
 *    year ahead. A custom amount is a payment at checkout, so it does not come with one.
 * 2. `end_date` ends the subscription then (a fixed term): after the start (or, without one, after the session
 *    expires, when the subscription has surely begun), at most ten years on. Periods are charged whole.
 */
function resolveTerm(input: Input, now: Date, expiresAt: Date) {
  const start = input.start_date === undefined ? null : new Date(input.start_date);
  const end = input.end_date === undefined ? null : new Date(input.end_date);
  if (start) {
    if (start <= expiresAt) {
      throw new TillApiError(
        'validation_error',
        `'start_date' must be after the session expires (${expiresAt.toISOString()}), so it is still ahead when the customer pays; leave it out to start at payment, or set an earlier 'expires_at'.`,
        'start_date',
      );
    }
    if (start > addBillingInterval(now, 'year', MAX_START_AHEAD_YEARS)) {
      throw new TillApiError('validation_error', "'start_date' must be at most one year ahead.", 'start_date');
    }
    if (input.custom_amount !== undefined) {
      throw new TillApiError(
        'validation_error',
        "'custom_amount' is charged at checkout, and a subscription with a 'start_date' pays nothing then: send one or the other.",
        'custom_amount',
      );
    }
  }
  if (end) {
    if (end <= (start ?? expiresAt)) {
      const after = start ? "'start_date'" : `the session expires (${expiresAt.toISOString()}), so the subscription has begun before it ends`;
      throw new TillApiError('validation_error', `'end_date' must be after ${after}.`, 'end_date');
    }
    if (end > addBillingInterval(start ?? now, 'year', MAX_TERM_YEARS)) {
      throw new TillApiError('validation_error', `'end_date' must be at most ${MAX_TERM_YEARS} years after the subscription starts.`, 'end_date');
    }
  }
  return { start, end };
}

/**
 * Checks the seed's rules for each mode and returns what the session is priced from. `known`: the plan as this
 * server last read it, used instead of reading it (see `knownPlans`).
 */
async function resolvePurchase(db: Queryable, merchantId: string, input: Input, known: VersionedPlan | null) {
  const mode = input.checkout_mode;
  if (mode === 'subscription') {
    forbidden(input.credit_bundle_id, 'credit_bundle_id', mode);
    const config = known ?? (await findConfig(db, merchantId, required(input.subscription_config_id, 'subscription_config_id', mode)));
    assertPlanActive(config, 'subscription_config_id');
    let connection: ConnectionRow | null = null;
    if (input.connection_id) {
      connection = await findConnection(db, merchantId, input.connection_id);
      if (await hasActiveSubscription(db, input.connection_id, config.subscription_config_id, { orScheduled: true })) {
        throw new TillApiError('already_subscribed', 'This connection already has an active subscription to this config.', 'connection_id');
      }
    }
    checkCustomer(input.customer, connection);
    checkCurrency(input, config);
    const customAmount = resolveCustomAmount(input, config.currency);
    const planOptions = await checkPlanOptions(db, merchantId, config, input.subscription_config_ids);
    const quantity = checkQuantity(config, input.quantity);
    const promotion = input.promotion_code === undefined ? null : await resolvePromotionCode(db, merchantId, input.promotion_code, config);
    return { config, configId: config.subscription_config_id, bundleId: null, connection, planOptions, quantity, promotion, customAmount };
  }
  forbidden(input.subscription_config_id, 'subscription_config_id', mode);
  // Seats, plan choice, promotions and terms are about plans; a credit pack is bought as it is, at once.
  for (const param of ['quantity', 'subscription_config_ids', 'promotion_code', 'start_date', 'end_date'] as const) forbidden(input[param], param, mode);
  if (input.allow_promotion_codes) forbidden(input.allow_promotion_codes, 'allow_promotion_codes', mode);
  const bundle = await findBundle(db, merchantId, required(input.credit_bundle_id, 'credit_bundle_id', mode));
  assertBundleActive(bundle, 'credit_bundle_id');
  const connectionId = required(input.connection_id, 'connection_id', mode);
  const connection = await findConnection(db, merchantId, connectionId);
  if (!(await hasActiveSubscription(db, connectionId, bundle.subscription_config_id))) {
    throw new TillApiError(
      'subscription_required',
      'Credit bundles can only be bought by a connection with an active subscription to the plan that offers them.',
      'connection_id',
    );
  }
  checkCustomer(input.customer, connection);
  checkCurrency(input, bundle);
  const customAmount = resolveCustomAmount(input, bundle.currency);
  return {
    config: undefined, configId: bundle.subscription_config_id, bundleId: bundle.credit_bundle_id, connection, planOptions: null, quantity: 1,
    promotion: null, customAmount,
  };
}

/**
 * Seeds 001 and 002 type optional fields as `| null`: null means absent, at the top level and inside `customer` and
 * `attribution`. A required field sent as null is then missing, and says so.
 */
function nullMeansAbsent(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const present = Object.entries(body).filter(([, value]) => value !== null);
  return Object.fromEntries(
    present.map(([key, value]) => [key, key === 'customer' || key === 'attribution' ? nullMeansAbsent(value) : value]),
  );
}

/**
 * `POST /v1/checkout_sessions`. `plans`: the plans this server has read (see `knownPlans`); a session of a plan in it
 * costs the store one statement instead of two, and is made again from a fresh read when the plan has changed.
 */
export async function createCheckoutSession(
  db: Database,
  merchantId: string,
  publicUrl: string,
  body: unknown,
  plans: KnownPlans = knownPlanCache(),
) {
  const input = parseInput(createCheckoutSessionBody, nullMeansAbsent(body));
  const now = new Date();
  const expiresAt = resolveExpiry(input.expires_at, now);
  const known = input.checkout_mode === 'subscription' && input.subscription_config_id !== undefined
    ? plans.get(merchantId, input.subscription_config_id)
    : null;
  let made = known && (await insertSession(db, merchantId, input, now, expiresAt, known).catch(refusedFromMemory));
  if (!made) {
    made = (await insertSession(db, merchantId, input, now, expiresAt, null))!;
    if (made.config) plans.remember(made.config);
  }
  const { session, config, secret } = made;
  return serializeCheckoutSession(session, await priceSession(db, session, { now, config }), {
    token: encodeCheckoutToken(secret, publicUrl),
    checkoutUrl: hostedCheckoutUrl(secret, publicUrl),
  });
}

/** A refusal made from a kept plan is checked again on a fresh read (`null`: make the session again); other errors stand. */
function refusedFromMemory(error: unknown): null {
  if (error instanceof TillApiError) return null;
  throw error;
}

/**
 * Checks the request and inserts its session, returning it with the plan it was priced from and its secret. Priced
 * from `known`, the INSERT happens only while the plan's row still has `known.version`; null when it no longer has.
 */
async function insertSession(db: Database, merchantId: string, input: Input, now: Date, expiresAt: Date, known: VersionedPlan | null) {
  const purchase = await resolvePurchase(db, merchantId, input, known);
  const term = resolveTerm(input, now, expiresAt);
  // The address itself goes no further than this lookup: neither stored nor returned (see migration 013).
  const ipCountry = input.customer?.ip_address === undefined ? null : await countryOfIpAddress(input.customer.ip_address);
  const secret = createSecret('css', modeOf(merchantId));
  const [session] = await db.query<CheckoutSessionRow>(
    `INSERT INTO checkout_sessions
       (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, success_url, cancel_url,
        connection_id, subscription_config_id, credit_bundle_id, created_at, expires_at,
        customer_email, customer_name, customer_country, lock_email, quantity, subscription_config_ids,
        allow_promotion_codes, promotion_code_id, locale, metadata, reference_id, attribution, pending_url,
        custom_amount, custom_tax_behavior, ip_country, start_date, end_date)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
       $26, $27, $28, $29, $30
     WHERE $31::xid IS NULL OR EXISTS (SELECT 1 FROM subscription_configs WHERE subscription_config_id = $9 AND xmin = $31::xid)
     RETURNING *`,
    [
      createId('cs', modeOf(merchantId), now.getTime()),
      merchantId,
      hashSecret(secret),
      input.checkout_mode,
      input.origin_url,
      input.success_url ?? null,
      input.cancel_url ?? null,
      input.connection_id ?? null,
      purchase.configId,
      purchase.bundleId,
      now,
      expiresAt,
      input.customer?.email ?? null,
      input.customer?.name ?? null,
      // The merchant's word first; then a returning customer's country from an earlier purchase (what they chose
      // to be billed in, as Stripe Tax prefers an address on file to an IP address); then where the IP address is.
      input.customer?.country ?? purchase.connection?.country ?? ipCountry,
      input.customer?.lock_email ?? false,
      purchase.quantity,
      purchase.planOptions && JSON.stringify(purchase.planOptions),
      input.allow_promotion_codes ?? false,
      purchase.promotion?.promotion_code_id ?? null,
      input.locale ?? null,
      JSON.stringify(input.metadata ?? {}),
      input.reference_id ?? null,
      input.attribution ? JSON.stringify(input.attribution) : null,
      input.pending_url ?? null,
      purchase.customAmount?.amount ?? null,
      purchase.customAmount?.taxBehavior ?? null,
      ipCountry,
      term.start,
      term.end,
      known?.version ?? null,
    ],
  );
  return session ? { session, config: purchase.config, secret } : null;
}
