import type { CheckoutSession } from '../api/CheckoutApi';
import { formatCount } from '../format/formatCount';
import { formatDate } from '../format/formatDate';
import { formatMoney } from '../format/formatMoney';
import { useLocalization } from '../i18n/useLocalization';

/** What the customer is buying: a plan with its price per interval (per seat), or a one-off credit bundle. */
export function OrderSummary({ session }: { session: CheckoutSession }) {
  const { messages, locale } = useLocalization();
  // A bundle is one item: its price before discount and tax is the estimate's subtotal.
  const price = formatMoney(session.estimate.due_today.subtotal, session.currency, locale);

  if (session.checkout_mode === 'credit_bundle' && session.bundle) {
    return (
      <dl class="summary">
        <dt class="summary__name">{session.bundle.name}</dt>
        <dd class="summary__price">{price}</dd>
        <dd class="summary__detail">{messages.bundleCredits(formatCount(session.bundle.credit_amount, locale))}</dd>
      </dl>
    );
  }

  const { plan } = session;
  const planPrice = formatMoney(plan.price, session.currency, locale);
  return (
    <dl class="summary">
      <dt class="summary__name">{plan.name}</dt>
      <dd class="summary__price">{messages.pricePerInterval(planPrice, plan.billing_interval, formatCount(plan.interval_count, locale))}</dd>
      {session.seat_limits && <dd class="summary__detail">{messages.seatsTimesPrice(formatCount(session.quantity, locale), planPrice)}</dd>}
      {session.custom_amount !== null && (
        <dd class="summary__detail">{messages.firstPayment(formatMoney(session.custom_amount, session.currency, locale))}</dd>
      )}
      <dd class="summary__detail">{messages.includedCredits(formatCount(plan.included_credit, locale))}</dd>
      {session.start_date && <dd class="summary__detail">{messages.term.starts(formatDate(session.start_date, locale))}</dd>}
      {session.end_date && <dd class="summary__detail">{messages.term.ends(formatDate(session.end_date, locale))}</dd>}
    </dl>
  );
}
