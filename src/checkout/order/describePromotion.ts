import type { PromotionSummary } from '../api/CheckoutApi';
import { formatCount } from '../format/formatCount';
import { formatMoney } from '../format/formatMoney';
import { formatPercent } from '../format/formatPercent';
import type { FirstMessages } from '../i18n/messages';

/**
 * The discount in the checkout's language ("20 % auf die erste Zahlung"), from the server's fields rather than
 * its English description, so the customer reads it in the language the rest of the page is in.
 */
export function describePromotion(promotion: PromotionSummary, currency: string, messages: FirstMessages, locale: string | undefined): string {
  const off =
    promotion.percent_off !== null ? formatPercent(promotion.percent_off, locale) : formatMoney(promotion.amount_off ?? '0', currency, locale);
  const payments = promotion.duration === 'forever' ? null : formatCount(promotion.duration === 'repeating' ? (promotion.duration_in_intervals ?? 1) : 1, locale);
  return messages.breakdown.describeDiscount(off, payments);
}
