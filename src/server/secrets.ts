import { createHash, randomBytes } from 'node:crypto';
import type { Mode } from './modes';

/** base64url SHA-256: what the store keeps of every key and session secret, and the checkout frame's handle. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** An API key (`sk_live_…`) or a checkout session's secret (`css_test_…`). */
export function createSecret(kind: 'sk' | 'css', mode: Mode): string {
  return `${kind}_${mode}_${randomBytes(36).toString('base64url')}`;
}

/**
 * The token, opaque to the merchant: standard base64 of `{"secret","base","handle"}`. The handle (the secret's hash)
 * names the checkout frame, so the loader opens it at once, without hashing the secret in the browser first.
 * `secret` stays the first field: the log scrubber knows a token by how `{"secret":` encodes.
 */
export function encodeCheckoutToken(secret: string, base: string): string {
  return Buffer.from(JSON.stringify({ secret, base, handle: hashSecret(secret) })).toString('base64');
}

/**
 * The hosted page for redirect display: addressed by the secret's hash, like the frame, with the secret
 * itself in the fragment, which browsers send to no server and leave out of Referer (RFC 9110 §10.1.3).
 */
export function hostedCheckoutUrl(secret: string, publicUrl: string): string {
  return `${publicUrl}checkout/${hashSecret(secret)}#${secret}`;
}
