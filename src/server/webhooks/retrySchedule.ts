const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How long to wait after each failed attempt before the next: the first retry within seconds, then backing off,
 * the last (the 12th attempt) about three days after the event. After that the delivery has failed.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 40 * HOUR,
];

/**
 * The wait after failed attempt number `attempt` (1-based), up to ±20 % either side so that many endpoints
 * failing at once do not retry in lockstep; null when no attempt is left.
 */
export function retryDelay(attempt: number, delays: readonly number[] = RETRY_DELAYS_MS, random = Math.random): number | null {
  const delay = delays[attempt - 1];
  return delay === undefined ? null : Math.round(delay * (0.8 + 0.4 * random()));
}
