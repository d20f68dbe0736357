import { z } from 'zod';
import { CREDIT_BUNDLE_SELECT, type CreditBundleRow, type SubscriptionConfigRow } from '../catalog/catalogRows';
import { findConnection, hasActiveSubscription } from '../connections/getConnection';
import { createId } from '../ids';
import { createSecret, encodeCheckoutToken, hashSecret, hostedCheckoutUrl } from '../secrets';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { httpOrigin, parseInput, redirectUrl } from '../validation';
import { serializeCheckoutSession, type CheckoutSessionRow } from './checkoutSessionRow';

const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

const id = z.string().min(1).max(100);

export const createCheckoutSessionInput = z.strictObject({
  checkout_mode: z.enum(['subscription', 'credit_bundle']),
  origin_url: httpOrigin,
  success_url: redirectUrl.optional(),
  cancel_url: redirectUrl.optional(),
  connection_id: id.optional(),
  subscription_config_id: id.optional(),
  credit_bundle_id: id.optional(),
});

type Input = z.infer<typeof createCheckoutSessionInput>;

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

async function findConfig(db: Database, merchantId: string, configId: string) {
  const [config] = await db.query<SubscriptionConfigRow>(
    'SELECT * FROM subscription_configs WHERE subscription_config_id = $1 AND merchant_id = $2',
    [configId, merchantId],
  );
  if (!config) {
    throw new TillApiError('resource_missing', `No subscription config with id '${configId}'.`, 'subscription_config_id');
  }
  return config;
}

async function findBundle(db: Database, merchantId: string, bundleId: string) {
  const [bundle] = await db.query<CreditBundleRow>(`${CREDIT_BUNDLE_SELECT} WHERE b.credit_bundle_id = $1 AND c.merchant_id = $2`, [
    bundleId,
    merchantId,
  ]);
  if (!bundle) throw new TillApiError('resource_missing', `No credit bundle with id '${bundleId}'.`, 'credit_bundle_id');
  return bundle;
}

/** Checks the seed's rules for each mode and returns the config the session is priced from. */
async function resolvePurchase(db: Database, merchantId: string, input: Input) {
  const mode = input.checkout_mode;
  if (mode === 'subscription') {
    forbidden(input.credit_bundle_id, 'credit_bundle_id', mode);
    const config = await findConfig(db, merchantId, required(input.subscription_config_id, 'subscription_config_id', mode));
    if (input.connection_id) {
      await findConnection(db, merchantId, input.connection_id);
      if (await hasActiveSubscription(db, input.connection_id, config.subscription_config_id)) {
        throw new TillApiError('already_subscribed', 'This connection already has an active subscription to this config.', 'connection_id');
      }
    }
    return { configId: config.subscription_config_id, bundleId: null };
  }
  forbidden(input.subscription_config_id, 'subscription_config_id', mode);
  const bundle = await findBundle(db, merchantId, required(input.credit_bundle_id, 'credit_bundle_id', mode));
  const connectionId = required(input.connection_id, 'connection_id', mode);
  await findConnection(db, merchantId, connectionId);
  if (!(await hasActiveSubscription(db, connectionId, bundle.subscription_config_id))) {
    throw new TillApiError(
      'subscription_required',
      'Credit bundles can only be bought by a connection with an active subscription to the plan that offers them.',
      'connection_id',
    );
  }
  return { configId: bundle.subscription_config_id, bundleId: bundle.credit_bundle_id };
}

export async function createCheckoutSession(db: Database, merchantId: string, publicUrl: string, body: unknown) {
  const input = parseInput(createCheckoutSessionInput, body);
  const { configId, bundleId } = await resolvePurchase(db, merchantId, input);
  const secret = createSecret('css_test');
  const now = new Date();
  const [session] = await db.query<CheckoutSessionRow>(
    `INSERT INTO checkout_sessions
       (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, success_url, cancel_url,
        connection_id, subscription_config_id, credit_bundle_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      createId('cs', now.getTime()),
      merchantId,
      hashSecret(secret),
      input.checkout_mode,
      input.origin_url,
      input.success_url ?? null,
      input.cancel_url ?? null,
      input.connection_id ?? null,
      configId,
      bundleId,
      now,
      new Date(now.getTime() + SESSION_LIFETIME_MS),
    ],
  );
  return serializeCheckoutSession(session!, {
    token: encodeCheckoutToken(secret, publicUrl),
    checkoutUrl: hostedCheckoutUrl(secret, publicUrl),
  });
}
