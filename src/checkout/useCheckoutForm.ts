import { createRef } from 'preact';
import type { RefObject } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { CompleteCheckoutBody } from './CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from './CheckoutApiError';
import { declineMessage } from './declineMessage';
import { checkoutFields, emptyCheckoutForm } from './checkoutFields';
import type { CheckoutField, CheckoutFormValues, FieldErrors } from './checkoutFields';
import { fieldForParam } from './fieldForParam';
import { humanErrorMessage } from './humanErrorMessage';
import { toCompleteCheckoutBody } from './toCompleteCheckoutBody';
import { useLocalization } from './useLocalization';
import { validateCheckoutForm } from './validateCheckoutForm';

export interface CheckoutFormOptions {
  collectsIdentity: boolean;
  /** Sends the payment; a rejection is shown by the form (field error, declined card, network). */
  onSubmit: (body: CompleteCheckoutBody) => Promise<void>;
  today: () => Date;
}

/** The form's state and submit logic, kept apart from its markup. */
export function useCheckoutForm({ collectsIdentity, onSubmit, today }: CheckoutFormOptions) {
  const { messages } = useLocalization();
  const [values, setValues] = useState<CheckoutFormValues>(emptyCheckoutForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // State updates render asynchronously, so a second click in the same tick would still see submitting=false.
  const submittingNow = useRef(false);
  const inputRefs = useMemo(
    () => Object.fromEntries(checkoutFields.map((field) => [field, createRef()])) as Record<CheckoutField, RefObject<HTMLInputElement>>,
    [],
  );

  function setValue(field: CheckoutField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    // The customer is fixing it; keeping the error until the next submit would contradict what they see.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }

  /** Shows the errors and focuses the first invalid field; returns false when there was none. */
  function showFieldErrors(found: FieldErrors): boolean {
    setErrors(found);
    const firstInvalid = checkoutFields.find((field) => found[field]);
    if (firstInvalid) inputRefs[firstInvalid].current?.focus();
    return firstInvalid !== undefined;
  }

  function showSubmitError(error: unknown) {
    const field = error instanceof CheckoutApiError && error.status === 400 ? fieldForParam(error.param) : null;
    if (field && error instanceof CheckoutApiError) {
      showFieldErrors({ [field]: error.message });
      return;
    }
    if (error instanceof CheckoutApiError && error.code === CheckoutApiErrorCode.CARD_DECLINED) {
      setAlert(declineMessage(error.declineCode, messages));
      return;
    }
    setAlert(humanErrorMessage(error, messages.errors.paymentUnreachable));
  }

  async function run(body: CompleteCheckoutBody) {
    submittingNow.current = true;
    setSubmitting(true);
    try {
      await onSubmit(body);
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
    const found = validateCheckoutForm(values, { collectsIdentity, today: today(), messages });
    if (showFieldErrors(found)) return;

    await run(toCompleteCheckoutBody(values, collectsIdentity));
  }

  return { values, errors, alert, submitting, inputRefs, setValue, submit, paySavedCard };
}
