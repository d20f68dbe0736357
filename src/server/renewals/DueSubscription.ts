import type { BillingInterval } from '../addBillingInterval';
import type { SubscriptionRow } from '../connections/getConnection';

/** A subscription as the renewal worker reads it, under its row lock: with its plan's period, card and country. */
export interface DueSubscription extends SubscriptionRow {
  promotion_intervals_remaining: number | null;
  billing_interval: BillingInterval;
  interval_count: number;
  included_credit: number;
  /** The connection's saved card at the processor; null if none was ever saved. */
  payment_method_id: string | null;
  connection_country: string | null;
  /** The merchant's time: the real clock, plus the test clock's offset in test mode. */
  clock_now: Date;
}
