import type { BillingInterval } from '../addBillingInterval';
import { TillApiError } from '../TillApiError';
import { MAX_INTERVAL_COUNT } from '../../protocol/api/subscriptionConfigs';

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
