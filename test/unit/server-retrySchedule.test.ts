import { describe, expect, it } from 'vitest';
import { retryDelay, RETRY_DELAYS_MS } from '../../src/server/webhooks/retrySchedule';

const HOUR = 3_600_000;

describe('retryDelay', () => {
  it('retries first within seconds and last about three days after the first attempt', () => {
    expect(retryDelay(1, RETRY_DELAYS_MS, () => 0.5)).toBeLessThanOrEqual(10_000);
    const total = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(66 * HOUR);
    expect(total).toBeLessThan(78 * HOUR);
  });

  it('waits longer after each failure', () => {
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) expect(RETRY_DELAYS_MS[i]).toBeGreaterThan(RETRY_DELAYS_MS[i - 1]!);
  });

  it('spreads each wait up to 20 % either side', () => {
    expect(retryDelay(2, [1000, 10_000], () => 0)).toBe(8000);
    expect(retryDelay(2, [1000, 10_000], () => 0.999_999)).toBe(12_000);
    expect(retryDelay(2, [1000, 10_000], () => 0.5)).toBe(10_000);
  });

  it('has no wait after the last attempt', () => {
    expect(retryDelay(RETRY_DELAYS_MS.length + 1)).toBeNull();
    expect(retryDelay(3, [1000, 2000])).toBeNull();
  });
});
