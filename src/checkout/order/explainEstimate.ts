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

  const subtotal = bundle
    ? explanation.subtotalBundle(bundle.name, money(due.subtotal))
    : // A later start (seed 002) has nothing to itemise today: its first charge, below, says what is paid and when.
      session.start_date
      ? null
      : session.custom_amount !== null
        ? explanation.subtotalCustom(money(due.subtotal))
        : session.seat_limits
          ? explanation.subtotalSeats(formatCount(session.quantity, locale), money(plan.price), money(due.subtotal))
          : explanation.subtotalPlan(plan.name, money(due.subtotal), plan.billing_interval, period);
  if (subtotal) lines.push(subtotal);

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
  if (next && !bundle) {
    const date = formatDate(next.date, locale);
    // A later start's next invoice is the first payment, which a discount for the first payment only still lowers.
    if (session.start_date) lines.push(explanation.firstCharge(money(next.amount), date));
    else lines.push(explanation.next(money(next.amount), date, plan.billing_interval, period));
  }
  if (session.end_date && !bundle) lines.push(explanation.termEnds(formatDate(session.end_date, locale)));
  return lines;
}
