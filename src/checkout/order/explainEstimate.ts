import type { CheckoutSession } from '../api/CheckoutApi';
import { formatCount } from '../format/formatCount';
import { formatDate } from '../format/formatDate';
import { formatMoney } from '../format/formatMoney';
import { formatPercent } from '../format/formatPercent';
import type { Messages } from '../i18n/messages';
import { isZeroAmount } from './isZeroAmount';

/**
 * The estimate in sentences, one per line of the price breakdown: how the subtotal comes about, the discount
 * with its code and how long it lasts, the tax and whether the price includes it, the total, the next charge.
 * Every amount is the server's; this only puts them into words.
 */
export function explainEstimate(session: CheckoutSession, messages: Messages, locale: string | undefined): string[] {
  const { explanation } = messages;
  const { estimate, plan, bundle } = session;
  const { due_today: due, next_invoice: next, tax_rate: taxRate } = estimate;
  const money = (amount: string) => formatMoney(amount, session.currency, locale);
  const lines: string[] = [];
  const period = formatCount(plan.interval_count, locale);

  if (bundle) lines.push(explanation.subtotalBundle(bundle.name, money(due.subtotal)));
  else if (session.seat_limits) lines.push(explanation.subtotalSeats(formatCount(session.quantity, locale), money(plan.price), money(due.subtotal)));
  else lines.push(explanation.subtotalPlan(plan.name, money(due.subtotal), plan.billing_interval, period));

  const promotion = session.promotion?.applies ? session.promotion : null;
  if (promotion && !isZeroAmount(due.discount)) {
    const payments = promotion.duration === 'repeating' ? (promotion.duration_in_intervals ?? 1) : 1;
    if (promotion.duration === 'forever') lines.push(explanation.discountForever(promotion.code, money(due.discount)));
    else if (payments > 1) lines.push(explanation.discountRepeating(promotion.code, money(due.discount), formatCount(payments, locale)));
    else lines.push(explanation.discountOnce(promotion.code, money(due.discount)));
  }

  if (!isZeroAmount(due.tax)) {
    const rate = taxRate ? formatPercent(taxRate.percentage, locale) : null;
    const describe = estimate.tax_behavior === 'inclusive' ? explanation.taxIncluded : explanation.taxAdded;
    lines.push(describe(money(due.tax), rate, taxRate?.display_name ?? null));
  }

  lines.push(explanation.total(money(due.total)));
  if (next && !bundle) lines.push(explanation.next(money(next.amount), formatDate(next.date, locale), plan.billing_interval, period));
  return lines;
}
