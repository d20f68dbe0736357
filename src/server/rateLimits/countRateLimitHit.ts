import type { Queryable } from '../store/Database';

export interface RateLimitCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Whole seconds until the window ends, at least 1: the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
}

/**
 * Counts one hit on `bucket` in one statement, so servers sharing a Postgres count together and never lose a hit
 * to a race: the upsert takes the row's lock, and a window that has ended starts again at this hit. Times are the
 * store's clock, so servers whose clocks differ still agree on the window.
 */
export async function countRateLimitHit(db: Queryable, bucket: string, windowMs: number): Promise<RateLimitCount> {
  const [row] = await db.query<{ hits: number; retry_after: number }>(
    `INSERT INTO rate_limit_counters AS c (bucket, hits, window_ends_at)
     VALUES ($1, 1, now() + $2::integer * interval '1 millisecond')
     ON CONFLICT (bucket) DO UPDATE SET
       hits = CASE WHEN c.window_ends_at > now() THEN c.hits + 1 ELSE 1 END,
       window_ends_at = CASE WHEN c.window_ends_at > now() THEN c.window_ends_at ELSE EXCLUDED.window_ends_at END
     RETURNING hits, GREATEST(1, ceil(extract(epoch FROM window_ends_at - now())))::integer AS retry_after`,
    [bucket, windowMs],
  );
  return { hits: row!.hits, retryAfterSeconds: row!.retry_after };
}

/** Drops counters whose window has ended; the webhook worker's sweep runs it. */
export async function purgeExpiredRateLimitCounters(db: Queryable): Promise<void> {
  await db.query('DELETE FROM rate_limit_counters WHERE window_ends_at < now()');
}
