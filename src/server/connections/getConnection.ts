import type { PaymentCardBrand } from '../../protocol/api/paymentCardBrand';
import type { SavedCardOwner } from '../payments/savedCardOwner';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { serializeConnection } from './serializeConnection';

/** Migration 028: with the processor and keys that saved its card (`SavedCardOwner`). */
export interface ConnectionRow extends SavedCardOwner {
  connection_id: string;
  merchant_id: string;
  email: string;
  name: string;
  credit_balance: number;
  /** The brand of the card the customer last paid with; only `completeCheckout` writes it, from the charge. */
  card_brand: PaymentCardBrand | null;
  card_last4: string | null;
  /**
   * Migration 015: the card's expiry, and the processor's id for it, which a returning customer may pay with next,
   * and which renews the subscriptions made before migration 025 (later ones keep their own card).
   */
  card_exp_month: number | null;
  card_exp_year: number | null;
  payment_method_id: string | null;
  /** Added by migration 003: the country the customer gave last. */
  country: string | null;
  created_at: Date;
}

/** Migration 028: with the processor and keys that saved its own card (`SavedCardOwner`), null without one. */
export interface SubscriptionRow extends SavedCardOwner {
  subscription_id: string;
  /** Added by migration 006, copied from the connection, so the merchant's subscriptions are one index range. */
  merchant_id: string;
  connection_id: string;
  subscription_config_id: string;
  /**
   * Migration 013: `scheduled` until a later start date (seed 002) begins its first period. Migration 016: `past_due`
   * while a declined renewal is retried; it is still the customer's subscription.
   */
  status: 'scheduled' | 'active' | 'past_due' | 'canceled';
  current_period_start: Date;
  current_period_end: Date;
  quantity: number;
  promotion_code_id: string | null;
  /** Migration 006: a cancellation scheduled for `cancel_at`, the period's end; the subscription is active until then. */
  cancel_at_period_end: boolean;
  cancel_at: Date | null;
  /** Migration 006: when the subscription was canceled and ended (both set together, when it stops now). */
  canceled_at: Date | null;
  ended_at: Date | null;
  /** Migration 013 (seed 002's end_date): when a fixed term ends; null for a subscription that renews until canceled. */
  ends_at: Date | null;
  /** Migration 020: the first period's start; the n-th period ends n intervals after it (`anchoredPeriodEnd`). */
  billing_cycle_anchor: Date;
  /**
   * Migration 025: the card its renewals charge, the one that paid for it, and the country their tax is priced for.
   * Null card: made before migration 025, it renews with the connection's card and country.
   */
  payment_method_id: string | null;
  country: string | null;
  created_at: Date;
}

/** A merchant's connection, or a 404 naming `param`; another merchant's connection is just as missing. */
export async function findConnection(db: Queryable, merchantId: string, connectionId: string, param = 'connection_id') {
  const [row] = await db.query<ConnectionRow>(
    'SELECT * FROM connections WHERE connection_id = $1 AND merchant_id = $2',
    [connectionId, merchantId],
  );
  if (!row) throw new TillApiError('resource_missing', `No connection with id '${connectionId}'.`, param);
  return row;
}

/**
 * The connection's current subscription: the newest active one, else the newest scheduled to start (seed 002), so a
 * customer who bought a later start is not shown as having none.
 */
export async function findActiveSubscription(db: Queryable, connectionId: string) {
  const [row] = await db.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE connection_id = $1 AND status IN ('active', 'past_due', 'scheduled')
     ORDER BY status = 'scheduled', created_at DESC LIMIT 1`,
    [connectionId],
  );
  return row ?? null;
}

/**
 * Whether the connection holds an active subscription to this config, whatever else it subscribes to. With
 * `orScheduled`, one scheduled to start later counts too: it stops a second subscription to the plan, while credit
 * packs, which spend the plan's credit, wait until it is active.
 */
export async function hasActiveSubscription(db: Queryable, connectionId: string, configId: string, { orScheduled = false } = {}) {
  const rows = await db.query(
    `SELECT 1 FROM subscriptions WHERE connection_id = $1 AND subscription_config_id = $2 AND status = ANY($3) LIMIT 1`,
    // A past-due subscription is still held (a second one to the plan would bill twice) but spends no credit packs.
    [connectionId, configId, orScheduled ? ['active', 'past_due', 'scheduled'] : ['active']],
  );
  return rows.length > 0;
}

export async function getConnection(db: Queryable, merchantId: string, connectionId: string) {
  const connection = await findConnection(db, merchantId, connectionId, 'id');
  return serializeConnection(connection, await findActiveSubscription(db, connectionId));
}
