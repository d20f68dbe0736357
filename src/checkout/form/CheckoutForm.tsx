import { useRef, useState } from 'preact/hooks';
import type { MountedPaymentElement } from '../stripe/mountPaymentElement';
import type { CheckoutSession, CheckoutSessionUpdate } from '../api/CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from '../api/CheckoutApiError';
import { updateFailureMessage } from '../api/updateFailureMessage';
import { formatMoney } from '../format/formatMoney';
import { useLocalization } from '../i18n/useLocalization';
import { OrderSummary } from '../order/OrderSummary';
import { PriceBreakdown } from '../order/PriceBreakdown';
import { CardFields } from './CardFields';
import type { FieldProps } from './CardFields';
import type { CheckoutField } from './checkoutFields';
import { formExtras } from './formExtras';
import type { CheckoutFormOptions } from './useCheckoutForm';
import { useCheckoutForm } from './useCheckoutForm';

type CheckoutFormProps = Omit<CheckoutFormOptions, 'collectsIdentity'> & {
  session: CheckoutSession;
  /** Redirect display: the way back to the merchant without paying. Framed, the loader's dialog has its own. */
  onCancel?: () => void;
  /** Changes the customer's choices (plan, seats, promotion code); rejects with the error to show. */
  onUpdate: (changes: CheckoutSessionUpdate) => Promise<void>;
  /** A change is on its way: paying now could charge a total the customer has not seen. */
  updating: boolean;
  /** What the form says before the customer does anything. */
  alert?: string;
};

/** The open checkout: what is bought, who is buying, the card, and the Pay button. */
export function CheckoutForm({ session, onSubmit, today, onCancel, onUpdate, updating, alert: firstAlert }: CheckoutFormProps) {
  const { messages, locale } = useLocalization();
  // Loaded by CheckoutApp before a session that shows any of them (`needsFormExtras`).
  const extras = formExtras.current;
  const [usingAnotherCard, setUsingAnotherCard] = useState(false);
  const savedCard = session.saved_card;

  const collectsIdentity = session.collects_identity;
  const { processor } = session;
  const stripeElement = useRef<MountedPaymentElement | null>(null);
  const form = useCheckoutForm({
    collectsIdentity,
    onSubmit,
    today,
    collectPaymentMethod:
      processor.name === 'stripe'
        ? (wholeMessages) => stripeElement.current?.createPaymentMethod(wholeMessages) ?? Promise.reject(new CheckoutApiError(0, CheckoutApiErrorCode.NETWORK_ERROR, 'Stripe.js is not loaded'))
        : undefined,
    initialValues: { email: session.prefill?.email ?? '', name: session.prefill?.name ?? '', country: session.country ?? '' },
    initialAlert: firstAlert,
  });
  const { values, errors, inputRefs, setValue } = form;
  const emailLocked = session.lock_email && Boolean(session.prefill?.email);
  const payDisabled = form.submitting || updating;
  const alert = form.alert && (
    <p class="form__alert" role="alert">
      {form.alert}
    </p>
  );
  // Compared with the last country asked for, not the session's, which lags while an answer is on its way.
  const requestedCountry = useRef(session.country);
  /** The tax follows the country, so the server prices the new one before the customer can pay it. */
  function changeCountry(country: string) {
    setValue('country', country);
    if (country === '' || country === requestedCountry.current) return;
    requestedCountry.current = country;
    onUpdate({ country }).catch(async (error: unknown) => {
      // The server kept its country: whatever the customer picks next must be asked for.
      requestedCountry.current = null;
      form.showFieldError('country', await updateFailureMessage(error, messages));
    });
  }
  const field = (name: CheckoutField): FieldProps => ({
    // The country prices the tax: as the order's parts, it stays while paying.
    disabled: name === 'country' && form.submitting,
    value: values[name],
    error: errors[name],
    inputRef: inputRefs[name],
    onValueChange: name === 'country' ? changeCountry : (value: string) => setValue(name, value),
    onBlur: () => form.blur(name),
  });

  return (
    <main class="card">
      <header class="card__header">
        {/* Decorative: the heading beside it names the merchant, so an alt text would be read twice. */}
        {session.merchant_logo_url && (
          <img class="card__logo" src={session.merchant_logo_url} alt="" width={40} height={40} />
        )}
        <div>
          <p class="card__eyebrow">{messages.checkoutEyebrow}</p>
          <h1 class="card__title">{session.merchant_name}</h1>
        </div>
      </header>
      <OrderSummary session={session} />
      {session.customer && (
        <p class="greeting">{messages.signedInAs(session.customer.name, session.customer.email)}</p>
      )}
      {extras && (
        // Not while paying: a change then would reprice the order its payment is for, or cancel the bank's challenge.
        <fieldset class="order" disabled={form.submitting}>
          {session.plan_options.length > 1 && (
            <extras.PlanOptions options={session.plan_options} currentId={session.plan.subscription_config_id} onUpdate={onUpdate} />
          )}
          {/* A custom first payment is for the seats the merchant set: the server refuses other seats. */}
          {session.seat_limits && session.custom_amount === null && <extras.SeatsField quantity={session.quantity} limits={session.seat_limits} onUpdate={onUpdate} />}
          {session.allows_promotion_codes && <extras.PromotionCodeField promotion={session.promotion} onUpdate={onUpdate} />}
        </fieldset>
      )}
      <PriceBreakdown session={session} />
      {extras && <extras.CreditBalance session={session} />}
      {savedCard && !usingAnotherCard ? (
        <div class="form">
          {alert}
          <button type="button" class="button" disabled={payDisabled} onClick={form.paySavedCard}>
            {form.submitting ? messages.processing : messages.savedCard.payWith(savedCard.last4)}
          </button>
          <button type="button" class="text-button" disabled={form.submitting} onClick={() => setUsingAnotherCard(true)}>
            {messages.savedCard.useAnotherCard}
          </button>
        </div>
      ) : (
        <form class="form" noValidate onSubmit={form.submit}>
          <CardFields
            field={field}
            collectsIdentity={collectsIdentity}
            emailLockedBy={emailLocked ? session.merchant_name : null}
            processorFields={
              extras && processor.name === 'stripe' ? (
                <extras.StripePaymentElement
                  publishableKey={processor.publishable_key}
                  amount={session.estimate.due_today.total}
                  currency={session.currency}
                  element={stripeElement}
                />
              ) : undefined
            }
          />
          {/* Not role=status: that one is the loading screen's, and this region speaks only of field errors. */}
          <p class="visually-hidden" aria-live="polite">
            {form.announcement}
          </p>
          {alert}
          <button type="submit" class="button" disabled={payDisabled}>
            {form.submitting
              ? messages.processing
              : messages.payButton(formatMoney(session.estimate.due_today.total, session.currency, locale))}
          </button>
          {savedCard && (
            <button type="button" class="text-button" disabled={form.submitting} onClick={() => setUsingAnotherCard(false)}>
              {messages.savedCard.useSavedCard(savedCard.last4)}
            </button>
          )}
          <p class="form__note">{messages.secureNote}</p>
        </form>
      )}
      {onCancel && (
        // Disabled while paying: leaving then would hide whether the card was charged.
        <button type="button" class="text-button" disabled={form.submitting} onClick={onCancel}>
          {messages.cancelAndReturn(session.merchant_name)}
        </button>
      )}
    </main>
  );
}
