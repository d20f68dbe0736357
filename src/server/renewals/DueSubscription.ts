import type { BillingInterval } from '../addBillingInterval';
import type { SubscriptionRow } from '../connections/getConnection';
import type { SavedCardOwner } from '../payments/savedCardOwner';

/** A subscription as the renewal worker reads it, under its row lock: with its plan's period, card and country. */
export interface DueSubscription extends SubscriptionRow {
  promotion_intervals_remaining: number | null;
  billing_interval: BillingInterval;
  interval_count: number;
  included_credit: number;
  /**
   * The card its renewals charge at the processor: its own (migration 025), else, made before that, the connection's
   * saved card; null if there is none.
   */
  renewal_payment_method_id: string | null;
  /** Who saved that card (migration 028): the subscription's own card's, else the connection's. */
  renewal_payment_method_processor: SavedCardOwner['payment_method_processor'];
  renewal_payment_method_credentials_id: string | null;
  /** The country its renewals are taxed for: its own, else, made before migration 025, the connection's. */
  renewal_country: string | null;
  /** The merchant's time: the real clock, plus the test clock's offset in test mode. */
  clock_now: Date;
}
