import type { PaymentAttempt } from '../api/CheckoutApi';
import type { Messages } from '../i18n/messages';
import type { CheckoutFormValues } from './checkoutFields';
import { digitsOnly } from './digitsOnly';
import { parseExpiry } from './parseExpiry';

/**
 * Turns validated form values into a payment attempt; call only after `validateCheckoutForm` found no error. With
 * `collectPaymentMethod` the card is in the processor's own fields, and the form's card fields are not read.
 */
export function toPaymentAttempt(
  values: CheckoutFormValues,
  collectsIdentity: boolean,
  collectPaymentMethod?: (messages: Messages) => Promise<string>,
): PaymentAttempt {
  const customer = collectsIdentity ? { email: values.email.trim(), name: values.name.trim(), country: values.country } : null;
  if (collectPaymentMethod) return customer ? { customer, collectPaymentMethod } : { collectPaymentMethod };
  const expiry = parseExpiry(values.expiry);
  if (!expiry) throw new Error('toPaymentAttempt called with an invalid expiry');
  const card = {
    number: digitsOnly(values.cardNumber),
    exp_month: expiry.month,
    exp_year: expiry.year,
    cvc: values.cvc.trim(),
  };
  return customer ? { customer, card } : { card };
}
