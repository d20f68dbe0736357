import { decryptSecret, encryptSecret } from '../encryption/secretBox';
import { modeOf, type Mode } from '../modes';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { setProcessorSettingsBody, type ProcessorSettings } from '../../protocol/api/processorSettings';
import { stripeKeyMode } from './stripe/createStripeProcessor';

/** A merchant row's choice of processor (`merchant_processors`); no row is the test processor. */
export interface ProcessorSettingsRow {
  merchant_id: string;
  processor: 'test' | 'stripe';
  stripe_secret_key_sealed: string | null;
  stripe_secret_key_last4: string | null;
  stripe_publishable_key: string | null;
  stripe_webhook_secret_sealed: string | null;
  updated_at: Date;
}

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** Where Stripe sends a merchant row's events, under the server's public URL. */
export const stripeWebhookUrl = (publicUrl: string, merchantId: string) => `${publicUrl}stripe/webhooks/${merchantId}`;

/** Each sealed secret is bound to its merchant and its column: `encryptSecret`'s context. */
const sealContext = (merchantId: string, column: 'secret_key' | 'webhook_secret') => `merchant_processors.${column}:${merchantId}`;

export async function findProcessorSettings(db: Queryable, merchantId: string): Promise<ProcessorSettingsRow | undefined> {
  const [row] = await db.query<ProcessorSettingsRow>('SELECT * FROM merchant_processors WHERE merchant_id = $1', [merchantId]);
  return row;
}

/** The row's Stripe keys, decrypted; null when the row is the test processor's. */
export function stripeKeysOf(row: ProcessorSettingsRow, encryptionKey: Buffer | undefined): StripeKeys | null {
  if (row.processor !== 'stripe') return null;
  if (!encryptionKey) throw new Error(`The merchant ${row.merchant_id} pays through Stripe, and TILL_ENCRYPTION_KEY is not set to read its keys.`);
  return {
    secretKey: decryptSecret(encryptionKey, row.stripe_secret_key_sealed!, sealContext(row.merchant_id, 'secret_key')),
    publishableKey: row.stripe_publishable_key!,
    webhookSecret: decryptSecret(encryptionKey, row.stripe_webhook_secret_sealed!, sealContext(row.merchant_id, 'webhook_secret')),
  };
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
 */
export async function saveProcessorSettings(
  db: Queryable,
  merchantId: string,
  body: unknown,
  encryptionKey: Buffer | undefined,
): Promise<ProcessorSettingsRow> {
  const input = parseInput(setProcessorSettingsBody, body);
  let values: (string | null)[] = [null, null, null, null];
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
    values = [
      encryptSecret(encryptionKey, input.secret_key, sealContext(merchantId, 'secret_key')),
      input.secret_key.slice(-4),
      input.publishable_key,
      encryptSecret(encryptionKey, input.webhook_secret, sealContext(merchantId, 'webhook_secret')),
    ];
  }
  const [row] = await db.query<ProcessorSettingsRow>(
    `INSERT INTO merchant_processors
       (merchant_id, processor, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (merchant_id) DO UPDATE SET processor = $2, stripe_secret_key_sealed = $3, stripe_secret_key_last4 = $4,
       stripe_publishable_key = $5, stripe_webhook_secret_sealed = $6, updated_at = now()
     RETURNING *`,
    [merchantId, input.processor, ...values],
  );
  return row!;
}

/** The settings as the API shows them: never a secret, only the secret key's last four. */
export function serializeProcessorSettings(merchantId: string, row: ProcessorSettingsRow | undefined, publicUrl: string): ProcessorSettings {
  const stripe =
    row?.processor === 'stripe'
      ? { secret_key_last4: row.stripe_secret_key_last4!, publishable_key: row.stripe_publishable_key!, webhook_url: stripeWebhookUrl(publicUrl, merchantId) }
      : null;
  return { processor: row?.processor ?? 'test', livemode: modeOf(merchantId) === 'live', stripe, updated_at: row?.updated_at.toISOString() ?? null };
}
