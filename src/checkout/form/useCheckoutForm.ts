import { createRef } from 'preact';
import type { RefObject } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaymentAttempt } from '../api/CheckoutApi';
import type { Messages } from '../i18n/messages';
import { useLocalization } from '../i18n/useLocalization';
import { laterParts } from '../laterParts';
import type { LaterParts } from '../laterParts';
import { checkoutFields, emptyCheckoutForm } from './checkoutFields';
import type { CheckoutField, CheckoutFormValues, FieldErrors } from './checkoutFields';

export interface CheckoutFormOptions {
  collectsIdentity: boolean;
  /** Sends the payment; a rejection is shown by the form (field error, declined card, network). */
  onSubmit: (attempt: PaymentAttempt) => Promise<void>;
  today: () => Date;
  /** The merchant's prefill; the customer may change all of it but a locked email. */
  initialValues?: Partial<CheckoutFormValues>;
  /**
   * The card is in the processor's own fields (Stripe's Payment Element), which check it themselves and make it a
   * payment method when Pay is pressed; the form then checks only who is paying.
   */
  collectPaymentMethod?: (messages: Messages) => Promise<string>;
  /** What the form says before the customer does anything; gone at the next submit, as any alert. */
  initialAlert?: string;
}

/** The form's state and submit logic, kept apart from its markup. */
export function useCheckoutForm({ collectsIdentity, onSubmit, today, initialValues, collectPaymentMethod, initialAlert }: CheckoutFormOptions) {
  const { messages } = useLocalization();
  const [values, setValues] = useState<CheckoutFormValues>(() => ({ ...emptyCheckoutForm, ...initialValues }));
  // Read by blur and submit, which can follow an input before its render; state would still hold the old value.
  const latest = useRef(values);
  // Fields the customer has typed in: leaving one they never touched is no mistake worth pointing out.
  const edited = useRef(new Set<CheckoutField>());
  const [errors, setErrors] = useState<FieldErrors>({});
  // Said by a live region: an error found on blur appears beside a field the customer's focus has just left.
  const [announcement, setAnnouncement] = useState('');
  const [alert, setAlert] = useState<string | null>(initialAlert ?? null);
  const [submitting, setSubmitting] = useState(false);
  // State updates render asynchronously, so a second click in the same tick would still see submitting=false.
  const submittingNow = useRef(false);
  const inputRefs = useMemo(
    () => Object.fromEntries(checkoutFields.map((field) => [field, createRef()])) as Record<CheckoutField, RefObject<HTMLElement>>,
    [],
  );
  // The first invalid field, focused once the render that shows its error is on the page: one locked while paying
  // (the country, see CheckoutForm) takes focus only when the payment's refusal has unlocked it.
  const focusAfterRender = useRef<CheckoutField>();
  useLayoutEffect(() => {
    const field = focusAfterRender.current;
    focusAfterRender.current = undefined;
    if (field) inputRefs[field].current?.focus();
  });

  // The checks are in the later parts' chunk, fetched as the form shows; mostly in before the customer leaves a field.
  const validate = ({ validateCheckoutForm, completeMessages }: LaterParts): FieldErrors => {
    const errors = validateCheckoutForm(latest.current, { collectsIdentity, today: today(), messages: completeMessages(messages) });
    if (!collectPaymentMethod) return errors;
    // The processor's fields judge the card; the form's card fields are not there.
    const { cardNumber, expiry, cvc, ...identity } = errors;
    return identity;
  };

  function setValue(field: CheckoutField, value: string) {
    latest.current = { ...latest.current, [field]: value };
    edited.current.add(field);
    setValues(latest.current);
    // The customer is fixing it; keeping the error while they type would contradict what they see.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }

  /** The customer left `field`: judge what they typed there, and only there. */
  function blur(field: CheckoutField) {
    if (!edited.current.has(field)) return;
    const later = laterParts.current;
    // Not in yet: judged once it is, as the customer left it (the server judges on Pay regardless).
    if (!later) return void laterParts.load().then(() => blur(field), () => undefined);
    const error = validate(later)[field];
    setErrors((current) => (current[field] === error ? current : { ...current, [field]: error }));
    if (error) setAnnouncement(error);
  }

  /** An error found elsewhere (a failed update of the field's choice) shown beside the field. */
  function showFieldError(field: CheckoutField, error: string) {
    setErrors((current) => ({ ...current, [field]: error }));
    setAnnouncement(error);
  }

  /** Shows the errors and focuses the first invalid field; returns false when there was none. */
  function showFieldErrors(found: FieldErrors): boolean {
    setErrors(found);
    const firstInvalid = checkoutFields.find((field) => found[field]);
    focusAfterRender.current = firstInvalid;
    return firstInvalid !== undefined;
  }

  function showSubmitError(error: unknown) {
    // Without the later parts nothing was sent: `pay` and `submit` refuse as a request that got no answer.
    const later = laterParts.current;
    const shown = later ? later.submitErrorOf(error, later.completeMessages(messages)) : { alert: messages.paymentUnreachable };
    if ('field' in shown) showFieldErrors({ [shown.field]: shown.message });
    else setAlert(shown.alert);
  }

  async function run(attempt: PaymentAttempt) {
    // Also here: a second press of Pay may have waited, like the first, for the checks to load.
    if (submittingNow.current) return;
    submittingNow.current = true;
    setSubmitting(true);
    try {
      await onSubmit(attempt);
    } catch (error) {
      showSubmitError(error);
    } finally {
      submittingNow.current = false;
      setSubmitting(false);
    }
  }

  /** A returning customer's one step: the card on file, no fields to check. */
  function paySavedCard() {
    if (submittingNow.current) return;
    setAlert(null);
    void run({ use_saved_card: true });
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (submittingNow.current) return;
    setAlert(null);
    // Mostly in already, and then not awaited: the errors, or the payment, follow the press at once.
    const later = laterParts.current ?? (await laterParts.load().catch(() => null));
    if (!later) return setAlert(messages.paymentUnreachable);
    if (showFieldErrors(validate(later))) return;

    await run(later.toPaymentAttempt(latest.current, collectsIdentity, collectPaymentMethod));
  }

  return { values, errors, announcement, alert, submitting, inputRefs, setValue, blur, showFieldError, submit, paySavedCard };
}
