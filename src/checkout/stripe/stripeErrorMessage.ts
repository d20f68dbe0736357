import type { StripeError } from '@stripe/stripe-js';
import { declineMessage } from '../api/declineMessage';
import type { Messages } from '../i18n/messages';

/**
 * What to tell the customer of an error from Stripe.js, in the checkout's language: Stripe's own sentences are in
 * Stripe's locale, which may not be the checkout's, and its codes map onto the sentences the test processor's
 * fields already say. Null for a field's validation error the app has no sentence of its own for: the Payment
 * Element shows that one beside the field, in the checkout's locale.
 */
export function stripeErrorMessage(error: StripeError, messages: Messages): string {
  const { errors } = messages;
  switch (error.code) {
    case 'incomplete_number':
    case 'invalid_number':
      return errors.cardNumberInvalid;
    case 'incorrect_number':
      return errors.cardNumberMistyped;
    case 'incomplete_expiry':
    case 'invalid_expiry_month':
    case 'invalid_expiry_year':
      return errors.expiryInvalid;
    case 'invalid_expiry_month_past':
    case 'invalid_expiry_year_past':
      return errors.expiryInPast;
    case 'incomplete_cvc':
    case 'invalid_cvc':
    case 'incorrect_cvc':
      return errors.cvcInvalid;
  }
  if (error.type === 'card_error') return declineMessage(error.decline_code ?? error.code ?? null, messages);
  // The Element's other fields (the billing country, a postal code): it points at the one to fix.
  if (error.type === 'validation_error') return errors.cardDetailsIncomplete;
  return messages.paymentUnreachable;
}
