import type { BillingInterval } from '../addBillingInterval';
import { creditToDecimalString, toDecimalString } from '../money';
import { isLive } from '../modes';
import type { CreditBundle } from '../../protocol/api/creditBundles';
import type { SubscriptionConfig } from '../../protocol/api/subscriptionConfigs';

export interface SubscriptionConfigRow {
  subscription_config_id: string;
  merchant_id: string;
  name: string;
  period_amount: number;
  currency: string;
  billing_interval: BillingInterval;
  /** Added by migration 008: a period is this many billing intervals (seed 003's THREE_MONTHS is month × 3). */
  interval_count: number;
  included_credit: number;
  /** Added by migration 003: the price is per seat, and a session's quantity stays within min..max. */
  seat_based: boolean;
  min_quantity: number;
  max_quantity: number;
  tax_behavior: 'inclusive' | 'exclusive';
  /** Added by migration 008: an archived plan starts no new checkout. */
  active: boolean;
  created_at: Date;
}

export interface CreditBundleRow {
  credit_bundle_id: string;
  subscription_config_id: string;
  name: string;
  cost: number;
  credit_amount: number;
  /** Added by migration 008: an archived bundle starts no new checkout. */
  active: boolean;
  created_at: Date;
  /** Joined from the owning config: a bundle is priced in its plan's currency. */
  currency: string;
}

export const CREDIT_BUNDLE_SELECT = `
  SELECT b.*, c.currency FROM credit_bundles b
  JOIN subscription_configs c USING (subscription_config_id)`;

export function serializeCreditBundle(row: CreditBundleRow): CreditBundle {
  return {
    credit_bundle_id: row.credit_bundle_id,
    livemode: isLive(row.credit_bundle_id),
    subscription_config_id: row.subscription_config_id,
    name: row.name,
    cost: toDecimalString(row.cost, row.currency),
    currency: row.currency,
    credit_amount: creditToDecimalString(row.credit_amount),
    active: row.active,
    created_at: row.created_at.toISOString(),
  };
}

export function serializeSubscriptionConfig(row: SubscriptionConfigRow, bundles: CreditBundleRow[]): SubscriptionConfig {
  return {
    subscription_config_id: row.subscription_config_id,
    livemode: isLive(row.subscription_config_id),
    name: row.name,
    period_amount: toDecimalString(row.period_amount, row.currency),
    currency: row.currency,
    billing_interval: row.billing_interval,
    interval_count: row.interval_count,
    included_credit: creditToDecimalString(row.included_credit),
    seat_based: row.seat_based,
    min_quantity: row.min_quantity,
    max_quantity: row.max_quantity,
    tax_behavior: row.tax_behavior,
    active: row.active,
    credit_bundles: bundles
      .filter((bundle) => bundle.subscription_config_id === row.subscription_config_id)
      .map(serializeCreditBundle),
    created_at: row.created_at.toISOString(),
  };
}
