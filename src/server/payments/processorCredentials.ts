import { createId } from '../ids';
import { modeOf } from '../modes';
import { decryptSecret, encryptSecret } from '../encryption/secretBox';
import type { Queryable } from '../store/Database';

/**
 * One set of Stripe keys a merchant row saved (`processor_credentials`, migration 027). A set is never changed nor
 * deleted: the payments taken with it are looked up with it again, whatever the merchant uses now.
 */
export interface ProcessorCredentialsRow {
  credentials_id: string;
  merchant_id: string;
  stripe_secret_key_sealed: string;
  stripe_secret_key_last4: string;
  stripe_publishable_key: string;
  stripe_webhook_secret_sealed: string;
  created_at: Date;
}

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/**
 * Each sealed secret is bound to its merchant and its column: `encryptSecret`'s context. The context still names
 * `merchant_processors`, where migration 017 sealed them, so the keys 027 moved from there keep opening.
 */
const sealContext = (merchantId: string, column: 'secret_key' | 'webhook_secret') => `merchant_processors.${column}:${merchantId}`;

/** Seals and keeps a new set of keys; the caller has checked them. */
export async function insertProcessorCredentials(
  db: Queryable,
  merchantId: string,
  keys: StripeKeys,
  encryptionKey: Buffer,
): Promise<ProcessorCredentialsRow> {
  const [row] = await db.query<ProcessorCredentialsRow>(
    `INSERT INTO processor_credentials
       (credentials_id, merchant_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [
      createId('pcr', modeOf(merchantId)),
      merchantId,
      encryptSecret(encryptionKey, keys.secretKey, sealContext(merchantId, 'secret_key')),
      keys.secretKey.slice(-4),
      keys.publishableKey,
      encryptSecret(encryptionKey, keys.webhookSecret, sealContext(merchantId, 'webhook_secret')),
    ],
  );
  return row!;
}

export async function findProcessorCredentials(db: Queryable, merchantId: string, credentialsId: string): Promise<ProcessorCredentialsRow | undefined> {
  const [row] = await db.query<ProcessorCredentialsRow>('SELECT * FROM processor_credentials WHERE merchant_id = $1 AND credentials_id = $2', [
    merchantId,
    credentialsId,
  ]);
  return row;
}

/**
 * The merchant row's newest set of keys of the Stripe account that `credentialsId`'s keys are of, told by the
 * publishable key (one account's alone): keys saved again for the same account (another webhook secret, a rolled
 * secret key) are a new set, yet charge the cards the older set saved, and only the newest surely still works.
 */
export async function newestKeysOfAccount(db: Queryable, merchantId: string, credentialsId: string): Promise<string | null> {
  const [row] = await db.query<{ credentials_id: string }>(
    `SELECT n.credentials_id FROM processor_credentials o
     JOIN processor_credentials n ON n.merchant_id = o.merchant_id AND n.stripe_publishable_key = o.stripe_publishable_key
     WHERE o.merchant_id = $1 AND o.credentials_id = $2
     ORDER BY n.created_at DESC, n.credentials_id DESC LIMIT 1`,
    [merchantId, credentialsId],
  );
  return row?.credentials_id ?? null;
}

/** Every set the merchant row has saved, newest first. */
export async function listProcessorCredentials(db: Queryable, merchantId: string): Promise<ProcessorCredentialsRow[]> {
  return db.query<ProcessorCredentialsRow>('SELECT * FROM processor_credentials WHERE merchant_id = $1 ORDER BY created_at DESC, credentials_id DESC', [merchantId]);
}

/** One sealed secret of the set, decrypted with TILL_ENCRYPTION_KEY. */
function unseal(row: ProcessorCredentialsRow, column: 'secret_key' | 'webhook_secret', encryptionKey: Buffer | undefined): string {
  if (!encryptionKey) throw new Error(`The merchant ${row.merchant_id} pays through Stripe, and TILL_ENCRYPTION_KEY is not set to read its keys.`);
  const sealed = column === 'secret_key' ? row.stripe_secret_key_sealed : row.stripe_webhook_secret_sealed;
  return decryptSecret(encryptionKey, sealed, sealContext(row.merchant_id, column));
}

/** The set's webhook signing secret alone: a webhook needs no more of it. */
export const webhookSecretOf = (row: ProcessorCredentialsRow, encryptionKey: Buffer | undefined) => unseal(row, 'webhook_secret', encryptionKey);

/** The set's keys, decrypted with TILL_ENCRYPTION_KEY. */
export function stripeKeysOf(row: ProcessorCredentialsRow, encryptionKey: Buffer | undefined): StripeKeys {
  return {
    secretKey: unseal(row, 'secret_key', encryptionKey),
    publishableKey: row.stripe_publishable_key,
    webhookSecret: webhookSecretOf(row, encryptionKey),
  };
}
