import { modeOf, type Mode } from '../modes';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { setProcessorSettingsBody, type ProcessorSettings } from '../../protocol/api/processorSettings';
import { insertProcessorCredentials } from './processorCredentials';
import type { PaymentTakenBy } from './ProcessorFor';
import { stripeKeyMode } from './stripe/createStripeProcessor';

/**
 * A merchant row's choice of processor (`merchant_processors`), with its current keys (`processor_credentials`) when
 * it is Stripe; no row is the test processor.
 */
export interface ProcessorSettingsRow {
  merchant_id: string;
  processor: 'test' | 'stripe';
  credentials_id: string | null;
  stripe_secret_key_last4: string | null;
  stripe_publishable_key: string | null;
  updated_at: Date;
}

/** Where Stripe sends a merchant row's events, under the server's public URL. */
export const stripeWebhookUrl = (publicUrl: string, merchantId: string) => `${publicUrl}stripe/webhooks/${merchantId}`;

const SETTINGS = `SELECT p.merchant_id, p.processor, p.credentials_id, p.updated_at, c.stripe_secret_key_last4, c.stripe_publishable_key
  FROM merchant_processors p LEFT JOIN processor_credentials c ON c.credentials_id = p.credentials_id
  WHERE p.merchant_id = $1`;

export async function findProcessorSettings(db: Queryable, merchantId: string): Promise<ProcessorSettingsRow | undefined> {
  const [row] = await db.query<ProcessorSettingsRow>(SETTINGS, [merchantId]);
  return row;
}

/** Who takes the merchant's next payment by its settings: Stripe with the current keys, the test processor without. */
export function currentTakerOf(settings: ProcessorSettingsRow | undefined): PaymentTakenBy {
  return settings?.processor === 'stripe' ? { processor: 'stripe', processor_credentials_id: settings.credentials_id } : { processor: 'test', processor_credentials_id: null };
}

function assertKeyMode(key: string, mode: Mode, param: string) {
  // A live checkout on Stripe's test mode would complete without charging; a test one on live mode charges for real.
  if (stripeKeyMode(key) !== mode) {
    throw new TillApiError('validation_error', `Invalid '${param}': this is a Stripe ${stripeKeyMode(key)} key, and these are the settings of ${mode} mode.`, param);
  }
}

/**
 * Chooses the processor of `merchantId` (one mode of a business) from the API's body. Stripe's keys must be of the
 * merchant's mode, and are stored only encrypted: without `encryptionKey` (TILL_ENCRYPTION_KEY) they are refused.
 * Keys are saved as a new set each time and the old sets kept: the payments they took are still looked up with them
 * (`processorForMerchant`), so a switch never waits for, nor strands, a payment of the old processor.
 */
export async function saveProcessorSettings(
  db: Database,
  merchantId: string,
  body: unknown,
  encryptionKey: Buffer | undefined,
): Promise<ProcessorSettingsRow> {
  const input = parseInput(setProcessorSettingsBody, body);
  if (input.processor === 'stripe') {
    const mode = modeOf(merchantId);
    assertKeyMode(input.secret_key, mode, 'secret_key');
    assertKeyMode(input.publishable_key, mode, 'publishable_key');
    if (!encryptionKey) {
      throw new TillApiError(
        'processor_settings_unavailable',
        'This server cannot store Stripe keys: its operator must set TILL_ENCRYPTION_KEY (32 random bytes in base64) first.',
      );
    }
  }
  return db.transaction(async (tx) => {
    const credentials =
      input.processor === 'stripe'
        ? await insertProcessorCredentials(
            tx,
            merchantId,
            { secretKey: input.secret_key, publishableKey: input.publishable_key, webhookSecret: input.webhook_secret },
            encryptionKey!,
          )
        : null;
    // 017's columns as well, as the release before reads them (migration 027): an instance of it keeps serving
    // during a rolling deploy, and takes the test processor once its keys are gone, as it did.
    await tx.query(
      `INSERT INTO merchant_processors
         (merchant_id, processor, credentials_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key,
          stripe_webhook_secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (merchant_id) DO UPDATE SET processor = $2, credentials_id = $3, stripe_secret_key_sealed = $4,
         stripe_secret_key_last4 = $5, stripe_publishable_key = $6, stripe_webhook_secret_sealed = $7, updated_at = now()`,
      [merchantId, input.processor, credentials?.credentials_id ?? null, credentials?.stripe_secret_key_sealed ?? null,
        credentials?.stripe_secret_key_last4 ?? null, credentials?.stripe_publishable_key ?? null, credentials?.stripe_webhook_secret_sealed ?? null],
    );
    return (await findProcessorSettings(tx, merchantId))!;
  });
}

/** The settings as the API shows them: never a secret, only the secret key's last four. */
export function serializeProcessorSettings(merchantId: string, row: ProcessorSettingsRow | undefined, publicUrl: string): ProcessorSettings {
  const stripe =
    row?.processor === 'stripe'
      ? { secret_key_last4: row.stripe_secret_key_last4!, publishable_key: row.stripe_publishable_key!, webhook_url: stripeWebhookUrl(publicUrl, merchantId) }
      : null;
  return { processor: row?.processor ?? 'test', livemode: modeOf(merchantId) === 'live', stripe, updated_at: row?.updated_at.toISOString() ?? null };
}
