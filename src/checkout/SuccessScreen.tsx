import type { CheckoutSession } from './CheckoutApi';
import { formatCredits } from './formatCredits';
import { formatMoney } from './formatMoney';
import { useFocusOnMount } from './useFocusOnMount';
import { useLocalization } from './useLocalization';

/** Shown once the payment went through; Done asks the loader to close the frame. */
export function SuccessScreen({ session, onDone }: { session: CheckoutSession; onDone: () => void }) {
  const { messages, locale } = useLocalization();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const price = formatMoney(session.amount_due, session.currency, locale);
  const purchase =
    session.checkout_mode === 'credit_bundle' && session.bundle
      ? messages.success.creditBundle(session.bundle.name, formatCredits(session.bundle.credit_amount, locale))
      : messages.success.subscription(session.plan.name, messages.pricePerInterval(price, session.plan.billing_interval));

  return (
    <main class="card card--message">
      <div class="card__icon" aria-hidden="true" />
      <h1 class="card__title" tabIndex={-1} ref={headingRef}>
        {messages.success.heading}
      </h1>
      <p class="card__text">{purchase}</p>
      <div class="card__actions">
        <button type="button" class="button" onClick={onDone}>
          {messages.success.done}
        </button>
      </div>
    </main>
  );
}
