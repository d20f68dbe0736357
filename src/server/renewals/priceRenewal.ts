import type { SubscriptionConfigRow } from '../catalog/catalogRows';
import { priceCheckout, type InvoiceAmounts } from '../pricing/priceCheckout';
import { findTaxRate } from '../pricing/priceSession';
import { findPromotionCodeById, toDiscount } from '../promotions/promotionCodes';
import type { Queryable } from '../store/Database';
import type { DueSubscription } from './DueSubscription';

/**
 * What one period of `subscription` costs now, by the same `priceCheckout` that showed the checkout's
 * `estimate.next_invoice`: the plan's price for every seat, the subscription's promotion code while it still
 * discounts (a `forever` one, or a `repeating` one with invoices left), and the tax of the subscription's country with
 * the plan's tax behaviour. It is one invoice's price, so it is priced as a payment made today, not as a checkout.
 */
export async function priceRenewal(db: Queryable, subscription: DueSubscription): Promise<InvoiceAmounts & { currency: string }> {
  const [config] = await db.query<SubscriptionConfigRow>('SELECT * FROM subscription_configs WHERE subscription_config_id = $1', [
    subscription.subscription_config_id,
  ]);
  const discounts = subscription.promotion_code_id !== null && (subscription.promotion_intervals_remaining ?? 1) > 0;
  const promotion = discounts ? await findPromotionCodeById(db, subscription.promotion_code_id!) : null;
  const taxRate = await findTaxRate(db, subscription.merchant_id, subscription.renewal_country);
  const { dueToday } = priceCheckout({
    unitAmount: config!.period_amount,
    currency: config!.currency,
    quantity: subscription.quantity,
    seatBased: config!.seat_based,
    discount: promotion && toDiscount(promotion),
    taxRateBps: taxRate?.rate_bps ?? 0,
    taxBehavior: config!.tax_behavior,
  });
  return { ...dueToday, currency: config!.currency };
}
