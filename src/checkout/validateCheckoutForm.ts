import type { CheckoutFormValues, FieldErrors } from './checkoutFields';
import { digitsOnly } from './digitsOnly';
import type { Messages } from './messages';
import { parseExpiry } from './parseExpiry';

// Shape only: the server is the judge of deliverability; this just catches typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the form before it is sent; `today` decides whether the card has expired. */
export function validateCheckoutForm(
  values: CheckoutFormValues,
  options: { collectsIdentity: boolean; today: Date; messages: Messages },
): FieldErrors {
  const { collectsIdentity, today, messages } = options;
  const errors: FieldErrors = {};

  if (collectsIdentity) {
    if (!EMAIL_SHAPE.test(values.email.trim())) errors.email = messages.errors.emailInvalid;
    if (values.name.trim() === '') errors.name = messages.errors.nameRequired;
  }

  if (!/^\d{12,19}$/.test(digitsOnly(values.cardNumber))) errors.cardNumber = messages.errors.cardNumberInvalid;

  const expiry = parseExpiry(values.expiry);
  if (!expiry) errors.expiry = messages.errors.expiryInvalid;
  // A card is valid through the last day of its expiry month.
  else if (expiry.year * 12 + expiry.month < today.getFullYear() * 12 + today.getMonth() + 1) {
    errors.expiry = messages.errors.expiryInPast;
  }

  if (!/^\d{3,4}$/.test(values.cvc.trim())) errors.cvc = messages.errors.cvcInvalid;

  return errors;
}
