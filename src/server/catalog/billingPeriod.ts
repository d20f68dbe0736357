import type { BillingInterval } from '../addBillingInterval';
import { TillApiError } from '../TillApiError';

/**
 * The most intervals one period may span: three years, as Stripe caps it (migration 008 holds the same limits).
 * Every charge period of seed 003 fits: DAILY day × 1, WEEKLY week × 1, MONTHLY month × 1, THREE_MONTHS month × 3,
 * SIX_MONTHS month × 6, YEARLY year × 1.
 */
export const MAX_INTERVAL_COUNT: Record<BillingInterval, number> = { day: 1095, week: 156, month: 36, year: 3 };

export const BILLING_INTERVALS = ['day', 'week', 'month', 'year'] as const satisfies readonly BillingInterval[];

/** Refuses a period longer than three years, naming the field the merchant sent (the count, or the interval). */
export function checkBillingPeriod(interval: BillingInterval, count: number, param: 'interval_count' | 'billing_interval') {
  if (count > MAX_INTERVAL_COUNT[interval]) {
    throw new TillApiError(
      'validation_error',
      `Invalid '${param}': a period is at most three years, so '${interval}' takes an interval_count of at most ${MAX_INTERVAL_COUNT[interval]}.`,
      param,
    );
  }
}
