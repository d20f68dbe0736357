import { createMiddleware } from 'hono/factory';
import { hashSecret } from '../secrets';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';

export type MerchantEnv = { Variables: { merchantId: string } };

/** Reads the bearer token of a request, or null; the scheme is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** `Authorization: Bearer sk_test_…`, checked against the hashes in the store. */
export function merchantAuth(db: Database) {
  return createMiddleware<MerchantEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('Authorization'));
    if (!key) {
      throw new TillApiError('authentication_required', "Send your API key as 'Authorization: Bearer sk_test_…'.");
    }
    const [row] = await db.query<{ merchant_id: string }>('SELECT merchant_id FROM api_keys WHERE key_hash = $1', [
      hashSecret(key),
    ]);
    if (!row) throw new TillApiError('invalid_api_key', 'The API key is not valid.');
    c.set('merchantId', row.merchant_id);
    await next();
  });
}
