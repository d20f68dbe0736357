import { isLive } from '../modes';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { advanceTimeBody, type TestClock } from '../../protocol/api/invoices';

/**
 * `POST /v1/test_helpers/advance_time`: moves the merchant's test-mode clock forward by `seconds`, for good (it
 * never goes back), so a test can see renewals, retries and cancellations at the period's end without waiting.
 * The clock is an offset on the merchant's row (migration 016) that the renewal worker adds to `now()`; the caller
 * wakes the worker. Live mode has no test clock, and the route answers there as if it did not exist.
 */
export async function advanceTestClock(db: Queryable, merchantId: string, method: string, path: string, body: unknown): Promise<TestClock> {
  if (isLive(merchantId)) throw new TillApiError('route_not_found', `No route for ${method} ${path}.`);
  const { seconds } = parseInput(advanceTimeBody, body);
  const [clock] = await db.query<{ now: Date; offset_seconds: number }>(
    `UPDATE merchants SET test_clock_offset_seconds = test_clock_offset_seconds + $2 WHERE merchant_id = $1
     RETURNING now() + test_clock_offset_seconds * interval '1 second' AS now, test_clock_offset_seconds::float8 AS offset_seconds`,
    [merchantId, seconds],
  );
  return { now: clock!.now.toISOString(), offset_seconds: clock!.offset_seconds };
}
