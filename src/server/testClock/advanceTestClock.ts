import { isLive } from '../modes';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { advanceTimeBody, type TestClock } from '../../protocol/api/invoices';

/**
 * The latest time the test clock may show: past it timestamps need a five-digit year, which ISO 8601 answers
 * (`+010266-…`) do not allow, and a little further JavaScript's Date cannot hold the time at all.
 */
const LATEST_CLOCK_TIME = '9999-12-31T23:59:59Z';

/**
 * `POST /v1/test_helpers/advance_time`: moves the merchant's test-mode clock forward by `seconds`, for good (it
 * never goes back), so a test can see renewals, retries and cancellations at the period's end without waiting.
 * The clock is an offset on the merchant's row (migration 016) that the renewal worker adds to `now()`; the caller
 * wakes the worker. Live mode has no test clock, and the route answers there as if it did not exist.
 * A move past 9999-12-31T23:59:59Z is refused (400 `validation_error`); the bound is checked in the UPDATE
 * itself, so two moves at once cannot together pass it.
 */
export async function advanceTestClock(db: Queryable, merchantId: string, method: string, path: string, body: unknown): Promise<TestClock> {
  if (isLive(merchantId)) throw new TillApiError('route_not_found', `No route for ${method} ${path}.`);
  const { seconds } = parseInput(advanceTimeBody, body);
  const [clock] = await db.query<{ now: Date; offset_seconds: number }>(
    `UPDATE merchants SET test_clock_offset_seconds = test_clock_offset_seconds + $2
     WHERE merchant_id = $1 AND now() + (test_clock_offset_seconds + $2) * interval '1 second' <= $3::timestamptz
     RETURNING now() + test_clock_offset_seconds * interval '1 second' AS now, test_clock_offset_seconds::float8 AS offset_seconds`,
    [merchantId, seconds, LATEST_CLOCK_TIME],
  );
  if (!clock) throw await clockAtItsEnd(db, merchantId);
  return { now: clock.now.toISOString(), offset_seconds: clock.offset_seconds };
}

/** The refusal, saying how far the clock can still go: the merchant is there (its key was just checked). */
async function clockAtItsEnd(db: Queryable, merchantId: string): Promise<TillApiError> {
  const [left] = await db.query<{ seconds: number }>(
    `SELECT greatest(0, floor(extract(epoch FROM $2::timestamptz - now())) - test_clock_offset_seconds)::float8 AS seconds
     FROM merchants WHERE merchant_id = $1`,
    [merchantId, LATEST_CLOCK_TIME],
  );
  return new TillApiError(
    'validation_error',
    `Invalid 'seconds': the test clock cannot go past ${LATEST_CLOCK_TIME}; it can move at most ${left?.seconds ?? 0} seconds more.`,
    'seconds',
  );
}
