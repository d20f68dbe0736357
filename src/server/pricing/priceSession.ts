import { CREDIT_BUNDLE_SELECT, type CreditBundleRow, type SubscriptionConfigRow } from '../catalog/catalogRows';
import { toDecimalString } from '../money';
import {
  findPromotionCodeById,
  promotionProblem,
  toDiscount,
  type PromotionCode,
  type PromotionProblem,
} from '../promotions/promotionCodes';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { priceCheckout, type Estimate } from './priceCheckout';
import type { Estimate as EstimateBody } from '../../protocol/api/estimate';

export interface TaxRateRow {
  tax_rate_id: string;
  merchant_id: string;
  country: string;
  rate_bps: number;
  display_name: string;
  /** Archived rates stay for the record, and price nothing. */
  active: boolean;
  created_at: Date;
}

/** Everything a session's price depends on, read from the catalog, and the price itself. */
export interface SessionPrice {
  config: SubscriptionConfigRow;
  bundle: CreditBundleRow | null;
  /** The session's promotion code, whether or not it applies to the plan now. */
  promotion: PromotionCode | null;
  /** Why `promotion` does not discount this price (null when it does, or when there is none). */
  promotionProblem: PromotionProblem | null;
  taxRate: TaxRateRow | null;
  estimate: Estimate;
}

export async function findTaxRate(db: Queryable, merchantId: string, country: string | null) {
  if (!country) return null;
  const [row] = await db.query<TaxRateRow>('SELECT * FROM tax_rates WHERE merchant_id = $1 AND country = $2 AND active', [
    merchantId,
    country,
  ]);
  return row ?? null;
}

export interface PriceSessionOptions {
  now?: Date;
  /** Lock the promotion code's row (completion), so its redemption count is read and raised by one at a time. */
  lockPromotion?: boolean;
  /** The session's plan, when the caller has just read it (creation): not read again. */
  config?: SubscriptionConfigRow;
  /**
   * Fulfilment: when the payment being fulfilled was asked for. Its promotion was checked then, under the code's lock,
   * and charged for: it applies as it did then, though the code may have run out or expired while the payment waited.
   */
  chargedAt?: Date;
}

/**
 * The price of a session as it stands: its plan or bundle (or the merchant's custom amount for the first payment),
 * seats, promotion, and the tax of the customer's country. An open session is priced as if paid `now`; a completed one as it was paid, so its next invoice is
 * the subscription's renewal.
 */
export async function priceSession(
  db: Queryable,
  session: CheckoutSessionRow,
  { now = new Date(), lockPromotion = false, config: known, chargedAt }: PriceSessionOptions = {},
): Promise<SessionPrice> {
  const [config] = known?.subscription_config_id === session.subscription_config_id
    ? [known]
    : await db.query<SubscriptionConfigRow>('SELECT * FROM subscription_configs WHERE subscription_config_id = $1', [session.subscription_config_id]);
  const [bundle] = session.credit_bundle_id
    ? await db.query<CreditBundleRow>(`${CREDIT_BUNDLE_SELECT} WHERE b.credit_bundle_id = $1`, [session.credit_bundle_id])
    : [];
  const promotion = session.promotion_code_id ? await findPromotionCodeById(db, session.promotion_code_id, lockPromotion) : null;
  const paidAt = session.status === 'completed' && session.completed_at ? session.completed_at : now;
  // A completed session's redemption is already counted, and a payment being fulfilled had its code's limit checked
  // when it was asked for: only expiry (then) and the plan can make it not apply.
  const checked = session.status === 'completed' || chargedAt !== undefined;
  const problem = promotion && promotionProblem(checked ? { ...promotion, max_redemptions: null } : promotion, config!, chargedAt ?? paidAt);
  const taxRate = await findTaxRate(db, session.merchant_id, session.customer_country);
  const estimate = priceCheckout({
    unitAmount: bundle ? bundle.cost : config!.period_amount,
    currency: config!.currency,
    quantity: bundle ? 1 : session.quantity,
    seatBased: !bundle && config!.seat_based,
    discount: promotion && !problem && !bundle ? toDiscount(promotion) : null,
    taxRateBps: taxRate?.rate_bps ?? 0,
    taxBehavior: config!.tax_behavior,
    recurring: bundle
      ? null
      : { interval: config!.billing_interval, intervalCount: config!.interval_count, periodStart: session.start_date ?? paidAt },
    firstPayment: session.custom_amount === null ? null : { amount: session.custom_amount, taxBehavior: session.custom_tax_behavior! },
    // Seed 002: a later start moves the first payment there; an end date stops invoices on or after it.
    deferredStart: session.start_date !== null,
    endsAt: session.end_date,
  });
  return { config: config!, bundle: bundle ?? null, promotion, promotionProblem: problem, taxRate, estimate };
}

/** The estimate as both APIs show it: amounts as decimal strings in the currency, like every other amount. */
export function serializeEstimate({ estimate, taxRate }: Pick<SessionPrice, 'estimate' | 'taxRate'>): EstimateBody {
  const money = (minorUnits: number) => toDecimalString(minorUnits, estimate.currency);
  const { dueToday, nextInvoice } = estimate;
  return {
    currency: estimate.currency,
    quantity: estimate.quantity,
    unit_amount: money(estimate.unitAmount),
    tax_behavior: estimate.taxBehavior,
    tax_rate: taxRate && { country: taxRate.country, percentage: taxRate.rate_bps / 100, display_name: taxRate.display_name },
    due_today: {
      subtotal: money(dueToday.subtotal),
      discount: money(dueToday.discount),
      tax: money(dueToday.tax),
      total: money(dueToday.total),
    },
    next_invoice: nextInvoice && { date: nextInvoice.date.toISOString(), amount: money(nextInvoice.amount) },
  };
}
