import type { CheckoutSession } from './CheckoutApi';
import { formatCredits } from './formatCredits';
import { formatMoney } from './formatMoney';
import { useLocalization } from './useLocalization';

/** What the customer is buying: a plan with its price per interval, or a one-off credit bundle. */
export function OrderSummary({ session }: { session: CheckoutSession }) {
  const { messages, locale } = useLocalization();
  const price = formatMoney(session.amount_due, session.currency, locale);

  if (session.checkout_mode === 'credit_bundle' && session.bundle) {
    return (
      <dl class="summary">
        <dt class="summary__name">{session.bundle.name}</dt>
        <dd class="summary__price">{price}</dd>
        <dd class="summary__detail">{messages.bundleCredits(formatCredits(session.bundle.credit_amount, locale))}</dd>
      </dl>
    );
  }

  const { plan } = session;
  return (
    <dl class="summary">
      <dt class="summary__name">{plan.name}</dt>
      <dd class="summary__price">{messages.pricePerInterval(price, plan.billing_interval)}</dd>
      <dd class="summary__detail">{messages.includedCredits(formatCredits(plan.included_credit, locale))}</dd>
    </dl>
  );
}
