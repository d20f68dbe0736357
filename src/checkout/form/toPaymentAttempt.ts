import type { PaymentAttempt } from '../api/CheckoutApi';
import type { CheckoutFormValues } from './checkoutFields';
import { digitsOnly } from './digitsOnly';
import { parseExpiry } from './parseExpiry';

/** Turns validated form values into a payment attempt; call only after `validateCheckoutForm` found no error. */
export function toPaymentAttempt(values: CheckoutFormValues, collectsIdentity: boolean): PaymentAttempt {
  const expiry = parseExpiry(values.expiry);
  if (!expiry) throw new Error('toPaymentAttempt called with an invalid expiry');
  const card = {
    number: digitsOnly(values.cardNumber),
    exp_month: expiry.month,
    exp_year: expiry.year,
    cvc: values.cvc.trim(),
  };
  if (!collectsIdentity) return { card };
  return { customer: { email: values.email.trim(), name: values.name.trim(), country: values.country }, card };
}
