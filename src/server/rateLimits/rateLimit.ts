import type { Context, Env } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { countRateLimitHit } from './countRateLimitHit';
import type { RateLimit } from './rateLimitSettings';

export interface RateLimitOptions<E extends Env> {
  /** Names the counters, so one key limited twice (by two limits) has two. */
  name: string;
  /** Null: no limit. */
  limit: RateLimit | null;
  /** What is counted: a session id, an API key id, an address; null lets the request through uncounted. */
  keyOf(c: Context<E>): string | null;
  /** The refusal's sentence. */
  message(limit: RateLimit): string;
}

/**
 * Refuses a request past its limit with 429 `rate_limited` in the error envelope and `Retry-After` (seconds until
 * the window ends). Counters live in the store (see `countRateLimitHit`), so every server on it enforces one limit.
 * Written here rather than taken from hono-rate-limiter: its middleware is this function's dozen lines, while the
 * part that matters, a store shared by servers, would be ours either way.
 *
 * @example
 * app.post('/complete', rateLimit(db, { name: 'payment', limit, keyOf: (c) => c.get('session').checkout_session_id, message }), handler);
 */
export function rateLimit<E extends Env>(db: Database, options: RateLimitOptions<E>) {
  return createMiddleware<E>(async (c, next) => {
    await countHit(db, options, c);
    await next();
  });
}

/**
 * The same count, for a handler that decides what to count only once it has read the request: a middleware runs
 * before the body is read. Throws 429 `rate_limited` past the limit.
 */
export async function countHit<E extends Env>(db: Database, { name, limit, keyOf, message }: RateLimitOptions<E>, c: Context<E>): Promise<void> {
  const key = limit && keyOf(c);
  if (!limit || !key) return;
  const { hits, retryAfterSeconds } = await countRateLimitHit(db, `${name}:${key}`, limit.windowMs);
  if (hits > limit.max) throw TillApiError.rateLimited(message(limit), retryAfterSeconds);
}
