import { useEffect, useRef } from 'preact/hooks';
import type { CheckoutSession } from '../api/CheckoutApi';
import { formatCount } from '../format/formatCount';
import { formatDate } from '../format/formatDate';
import { formatMoney } from '../format/formatMoney';
import { completeMessages } from '../i18n/completeMessages';
import { useLocalization } from '../i18n/useLocalization';
import { useFocusOnMount } from './useFocusOnMount';

interface SuccessScreenProps {
  session: CheckoutSession;
  /** Framed: asks the loader to close. Redirect display: goes back to the merchant. */
  onDone: () => void;
  /** Redirect display: calls `onDone` on its own after this many milliseconds, and says so. */
  doneAfterMs?: number;
}

/** Shown once the payment went through. */
export function SuccessScreen({ session, onDone, doneAfterMs }: SuccessScreenProps) {
  const localization = useLocalization();
  const { locale } = localization;
  const messages = completeMessages(localization.messages);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const next = session.estimate.next_invoice;
  // The recurring price is the next invoice's: today's total may carry a first-payment-only discount.
  const price = formatMoney(next?.amount ?? session.amount_due, session.currency, locale);
  const purchase =
    session.checkout_mode === 'credit_bundle' && session.bundle
      ? messages.success.creditBundle(session.bundle.name, formatCount(session.bundle.credit_amount, locale))
      : session.start_date
        ? // The next invoice is then the first payment, not necessarily the recurring price: it is said on its own line.
          messages.success.subscriptionStarting(session.plan.name, formatDate(session.start_date, locale))
        : messages.success.subscription(session.plan.name, messages.pricePerInterval(price, session.plan.billing_interval, formatCount(session.plan.interval_count, locale)));

  // The latest onDone, read when the timer fires: the app passes a new function on each render, and the timer
  // must start once rather than restart with every one.
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (doneAfterMs === undefined) return;
    const timer = setTimeout(() => done.current(), doneAfterMs);
    return () => clearTimeout(timer);
  }, [doneAfterMs]);

  return (
    <main class="card card--message">
      <div class="card__icon" aria-hidden="true" />
      <h1 class="card__title" tabIndex={-1} ref={headingRef}>
        {messages.success.heading}
      </h1>
      <p class="card__text">{purchase}</p>
      {next && (
        <p class="card__text">{messages.success.nextCharge(formatMoney(next.amount, session.currency, locale), formatDate(next.date, locale))}</p>
      )}
      {session.end_date && <p class="card__text">{messages.term.ends(formatDate(session.end_date, locale))}</p>}
      {doneAfterMs !== undefined && <p class="card__text">{messages.success.returning(session.merchant_name)}</p>}
      <div class="card__actions">
        <button type="button" class="button" onClick={onDone}>
          {messages.success.done}
        </button>
      </div>
    </main>
  );
}
