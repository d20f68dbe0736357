import { hkdfSync } from 'node:crypto';
import { decryptSecret, encryptSecret } from '../encryption/secretBox';

/** What a sealed response is kept under, and what it was the answer to; authenticated with the ciphertext. */
export interface SealedResponseContext {
  merchantId: string;
  idempotencyKey: string;
  fingerprint: string;
  status: number;
}

/**
 * A kept idempotent response can hold secrets: a new API key's `secret`, a checkout session's token. The store
 * keeps only hashes of those, so the response is sealed (AES-256-GCM, as `secretBox`) with a key derived (HKDF-SHA256)
 * from the caller's API key secret and the Idempotency-Key. The store holds only a hash of the API key, so whoever
 * reads the table cannot open it; the retry presents the API key and the Idempotency-Key again, and can.
 * API keys are 36 random bytes, so HKDF needs no stretching.
 */
export function sealResponse(apiKeySecret: string, context: SealedResponseContext, body: string): string {
  return encryptSecret(responseKey(apiKeySecret, context), body, associatedData(context));
}

/** The body `sealResponse` sealed, or null when it was sealed for another API key (or a byte was changed). */
export function openResponse(apiKeySecret: string, context: SealedResponseContext, sealed: string): string | null {
  try {
    return decryptSecret(responseKey(apiKeySecret, context), sealed, associatedData(context));
  } catch {
    return null;
  }
}

/**
 * Responses kept before they were sealed are JSON, which starts with `{`; a sealed one starts with its version.
 * Migration 022 deleted those that held a secret, and the rest expire within 24 hours.
 */
export function isSealed(stored: string): boolean {
  return !stored.startsWith('{');
}

function responseKey(apiKeySecret: string, { merchantId, idempotencyKey }: SealedResponseContext): Buffer {
  return Buffer.from(hkdfSync('sha256', apiKeySecret, merchantId, `till idempotent response\n${idempotencyKey}`, 32));
}

/** The row's other columns: a sealed body copied into another row, or with its status changed, does not open. */
function associatedData({ merchantId, idempotencyKey, fingerprint, status }: SealedResponseContext): string {
  return `idempotency_keys.response_body\n${merchantId}\n${idempotencyKey}\n${fingerprint}\n${status}`;
}
