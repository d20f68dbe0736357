import type { CheckoutSession } from '../api/CheckoutApi';
import { formatDate } from '../format/formatDate';
import { formatMoney } from '../format/formatMoney';
import { useLocalization } from '../i18n/useLocalization';
import { describePromotion } from './describePromotion';
import { isZeroAmount } from './isZeroAmount';
import { PriceExplanation } from './PriceExplanation';

/**
 * The server's estimate line by line: subtotal, discount and tax when there are any, the total charged today,
 * and for a subscription the next charge. The app only shows these amounts; it never computes one.
 */
export function PriceBreakdown({ session }: { session: CheckoutSession }) {
  const { messages, locale } = useLocalization();
  const { due_today: due, next_invoice: next } = session.estimate;
  const money = (amount: string) => formatMoney(amount, session.currency, locale);
  const promotion = session.promotion?.applies ? session.promotion : null;
  const itemised = !isZeroAmount(due.discount) || !isZeroAmount(due.tax);

  return (
    <section class="breakdown" aria-label={messages.breakdown.label}>
      <dl class="breakdown__lines">
        {itemised && (
          <div class="breakdown__line">
            <dt>{messages.breakdown.subtotal}</dt>
            <dd>{money(due.subtotal)}</dd>
          </div>
        )}
        {!isZeroAmount(due.discount) && (
          <div class="breakdown__line">
            <dt>{messages.breakdown.discount(promotion ? describePromotion(promotion, session.currency, messages, locale) : '')}</dt>
            <dd>{money(`-${due.discount}`)}</dd>
          </div>
        )}
        {!isZeroAmount(due.tax) && (
          <div class="breakdown__line">
            <dt>{messages.breakdown.tax}</dt>
            <dd>{money(due.tax)}</dd>
          </div>
        )}
        <div class="breakdown__line breakdown__line--total">
          <dt>{messages.breakdown.totalDueToday}</dt>
          <dd>{money(due.total)}</dd>
        </div>
      </dl>
      {next && <p class="breakdown__next">{messages.breakdown.thenOn(money(next.amount), formatDate(next.date, locale))}</p>}
      {/* After the next charge, which it explains too, so the total and its "then" line stay together. */}
      <PriceExplanation session={session} />
    </section>
  );
}
