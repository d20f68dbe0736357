import { createMiddleware } from 'hono/factory';
import { revocationsSoFar, verifiedKeyCache, type VerifiedKey } from '../apiKeys/verifiedKeys';
import { hashSecret } from '../secrets';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';

export type MerchantEnv = { Variables: { merchantId: string; apiKeyId: string } };

/** Reads the bearer token of a request, or null; the scheme is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** How stale a key's `last_used_at` may be: writing it on every request would double the store's work. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * `Authorization: Bearer sk_test_…` or `sk_live_…`, checked against the hashes in the store, and then trusted for a
 * few seconds (see `verifiedKeys`); a key revoked through this server is refused at once.
 */
export function merchantAuth(db: Database) {
  const verified = verifiedKeyCache();
  return createMiddleware<MerchantEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('Authorization'));
    if (!key) {
      throw new TillApiError('authentication_required', "Send your API key as 'Authorization: Bearer sk_test_…' (or sk_live_…).");
    }
    const keyHash = hashSecret(key);
    let row = verified.get(keyHash);
    if (!row) {
      const revocationsBefore = revocationsSoFar();
      [row = null] = await db.query<VerifiedKey>(
        'SELECT merchant_id, api_key_id, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
        [keyHash],
      );
      if (!row) throw new TillApiError('invalid_api_key', 'The API key is not valid.');
      verified.set(keyHash, row, revocationsBefore);
    }
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
      // Noted on the cached row too, so the requests of the next minute do not write it again.
      row.last_used_at = new Date();
      await db.query('UPDATE api_keys SET last_used_at = now() WHERE api_key_id = $1', [row.api_key_id]);
    }
    c.set('merchantId', row.merchant_id);
    c.set('apiKeyId', row.api_key_id);
    await next();
  });
}
