import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { takeIdempotencyKeyFromBody } from '../validation';
import { bearerToken, type MerchantEnv } from './merchantAuth';
import { isSealed, openResponse, sealResponse } from './sealedResponses';

/** Printable ASCII without spaces, 1–255 characters, as Stripe's keys; a UUID per logical request is typical. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a key's response is kept and replayed. */
const KEY_LIFETIME_HOURS = 24;
/** A retry arriving while the first request still runs waits this long for its response, then is told to retry. */
const WAIT_FOR_FIRST_MS = 10_000;
/** A claim this old whose request never finished belongs to a server that died mid-request: it may run again. */
const ABANDONED_AFTER_MS = 60_000;

interface StoredKey {
  request_fingerprint: string;
  status: number | null;
  response_body: string | null;
}

/**
 * `Idempotency-Key` on every merchant `POST` (Stripe's rules; seed 001 sends it as the body field `idempotency_key`,
 * taken as the same thing):
 * 1. The first request with a key claims it in the store, runs, and its response is kept for 24 hours — a success
 *    or a 4xx alike, since either is the outcome of that request. A 5xx is not kept: the request may run again.
 * 2. A later request with the key and the same method, path and body gets that response again, with its status
 *    and `Idempotent-Replayed: true`; with anything else, 409 `idempotency_key_reused`.
 * 3. Requests with one key at the same moment have one effect: the claim is a primary key, so one runs and the
 *    others wait for its response (up to 10 s, then 409 `idempotency_key_in_use`, safe to retry).
 * Keys are per merchant: two merchants can use the same key.
 * 4. The kept response is sealed with the caller's API key (see `sealedResponses`), as it can hold a new API key's
 *    secret or a session's token, which the store otherwise keeps only as hashes. So only the API key that made the
 *    first request gets it replayed; another key of the merchant with the same Idempotency-Key is refused with 409
 *    `idempotency_key_reused`, as a different request would be.
 */
export function idempotency(db: Database) {
  return createMiddleware<MerchantEnv>(async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.text();
    const [header, inBody] = [c.req.header('Idempotency-Key'), keyInBody(body)];
    if (header !== undefined && inBody !== undefined && header !== inBody) {
      throw new TillApiError('validation_error', "The body's idempotency_key differs from the Idempotency-Key header.", 'idempotency_key');
    }
    const key = header ?? inBody;
    if (key === undefined) return next();
    if (inBody !== undefined) takeIdempotencyKeyFromBody(c.req.raw);
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new TillApiError('validation_error', 'The Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.', 'Idempotency-Key');
    }
    const merchantId = c.get('merchantId');
    const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('base64url');

    // merchantAuth ran first, so the request carries a valid key.
    const apiKeySecret = bearerToken(c.req.header('Authorization'))!;

    const stored = await claimOrWait(db, merchantId, key, fingerprint);
    if (stored) return replay(c, stored, { apiKeySecret, merchantId, key, fingerprint });

    await next();
    if (c.res.status >= 500) {
      await db.query('DELETE FROM idempotency_keys WHERE merchant_id = $1 AND idempotency_key = $2', [merchantId, key]);
      return;
    }
    const status = c.res.status;
    const sealed = sealResponse(apiKeySecret, { merchantId, idempotencyKey: key, fingerprint, status }, await c.res.clone().text());
    await db.query('UPDATE idempotency_keys SET status = $3, response_body = $4 WHERE merchant_id = $1 AND idempotency_key = $2', [
      merchantId,
      key,
      status,
      sealed,
    ]);
  });
}

/** Seed 001's `idempotency_key` in a JSON body; a body that is not JSON is left for the route to refuse. */
function keyInBody(body: string): string | undefined {
  try {
    const key = (JSON.parse(body) as { idempotency_key?: unknown } | null)?.idempotency_key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims the key for this request (returns null: run it), or returns what a first request stored, waiting while
 * that request still runs. An expired key, or one abandoned by a server that died, is claimed afresh.
 */
async function claimOrWait(db: Database, merchantId: string, key: string, fingerprint: string): Promise<StoredKey | null> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (merchant_id, idempotency_key, request_fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id, idempotency_key) DO UPDATE
         SET request_fingerprint = EXCLUDED.request_fingerprint, status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - $4 * interval '1 hour'
            OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $5 * interval '1 millisecond')
       RETURNING 1`,
      [merchantId, key, fingerprint, KEY_LIFETIME_HOURS, ABANDONED_AFTER_MS],
    );
    if (claimed.length > 0) return null;
    const [stored] = await db.query<StoredKey>(
      `SELECT request_fingerprint, status, response_body FROM idempotency_keys WHERE merchant_id = $1 AND idempotency_key = $2`,
      [merchantId, key],
    );
    // Gone between the two statements (its first request failed with a 5xx): claim it again.
    if (!stored) continue;
    if (stored.request_fingerprint !== fingerprint || stored.status !== null) return stored;
    if (Date.now() > deadline) {
      throw new TillApiError('idempotency_key_in_use', 'A request with this Idempotency-Key is still running. Retry it shortly.', 'Idempotency-Key');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Retry {
  apiKeySecret: string;
  merchantId: string;
  key: string;
  fingerprint: string;
}

function replay(c: Context, stored: StoredKey, { apiKeySecret, merchantId, key, fingerprint }: Retry) {
  if (stored.request_fingerprint !== fingerprint) {
    throw new TillApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request. Use a new key for a new request.',
      'Idempotency-Key',
    );
  }
  const [status, kept] = [stored.status!, stored.response_body!];
  const body = isSealed(kept) ? openResponse(apiKeySecret, { merchantId, idempotencyKey: key, fingerprint, status }, kept) : kept;
  if (body === null) {
    throw new TillApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was used with another API key of this account; only that key gets its response again. Use a new Idempotency-Key.',
      'Idempotency-Key',
    );
  }
  return c.body(body, status as 200, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
}

/** Deletes keys past their 24 hours; run by the background worker's sweep, so the table holds a day of keys. */
export async function purgeExpiredIdempotencyKeys(db: Database): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - $1 * interval '1 hour'`, [KEY_LIFETIME_HOURS]);
}
