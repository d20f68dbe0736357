import type { CheckoutSession } from './CheckoutApi';
import type { CheckoutFormOptions } from './useCheckoutForm';
import { formatMoney } from './formatMoney';
import { OrderSummary } from './OrderSummary';
import { TextField } from './TextField';
import { useCheckoutForm } from './useCheckoutForm';
import { useLocalization } from './useLocalization';

type CheckoutFormProps = Omit<CheckoutFormOptions, 'collectsIdentity'> & {
  session: CheckoutSession;
  /** Redirect display: the way back to the merchant without paying. Framed, the loader's dialog has its own. */
  onCancel?: () => void;
};

/** The open checkout: what is bought, who is buying, the card, and the Pay button. */
export function CheckoutForm({ session, onSubmit, today, onCancel }: CheckoutFormProps) {
  const { messages, locale } = useLocalization();
  const collectsIdentity = session.collects_identity;
  const form = useCheckoutForm({ collectsIdentity, onSubmit, today });
  const { values, errors, inputRefs, setValue } = form;
  const field = (name: keyof typeof values) => ({
    value: values[name],
    error: errors[name],
    inputRef: inputRefs[name],
    onValueChange: (value: string) => setValue(name, value),
  });

  return (
    <main class="card">
      <header class="card__header">
        <p class="card__eyebrow">{messages.checkoutEyebrow}</p>
        <h1 class="card__title">{session.merchant_name}</h1>
      </header>
      <OrderSummary session={session} />
      {session.customer && (
        <p class="greeting">{messages.signedInAs(session.customer.name, session.customer.email)}</p>
      )}
      <form class="form" noValidate onSubmit={form.submit}>
        {collectsIdentity && (
          <>
            <TextField {...field('email')} label={messages.fields.email} name="email" type="email" autocomplete="email" inputmode="email" />
            <TextField {...field('name')} label={messages.fields.name} name="name" autocomplete="name" />
          </>
        )}
        <TextField
          {...field('cardNumber')}
          label={messages.fields.cardNumber}
          name="cardnumber"
          autocomplete="cc-number"
          inputmode="numeric"
          maxLength={26}
          placeholder={messages.placeholders.cardNumber}
        />
        <div class="form__row">
          <TextField
            {...field('expiry')}
            label={messages.fields.expiry}
            name="cc-exp"
            autocomplete="cc-exp"
            inputmode="numeric"
            maxLength={7}
            placeholder={messages.placeholders.expiry}
          />
          <TextField
            {...field('cvc')}
            label={messages.fields.cvc}
            name="cvc"
            autocomplete="cc-csc"
            inputmode="numeric"
            maxLength={4}
            placeholder={messages.placeholders.cvc}
          />
        </div>
        {form.alert && (
          <p class="form__alert" role="alert">
            {form.alert}
          </p>
        )}
        <button type="submit" class="button" disabled={form.submitting}>
          {form.submitting ? messages.processing : messages.payButton(formatMoney(session.amount_due, session.currency, locale))}
        </button>
        <p class="form__note">{messages.secureNote}</p>
      </form>
      {onCancel && (
        // Disabled while paying: leaving then would hide whether the card was charged.
        <button type="button" class="text-button" disabled={form.submitting} onClick={onCancel}>
          {messages.cancelAndReturn(session.merchant_name)}
        </button>
      )}
    </main>
  );
}
