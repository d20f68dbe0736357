import { findCardNumberProblem } from '../../protocol/cardNumberProblems';
import { cardBrandRules, detectCardBrand } from '../../protocol/cardNumbers';
import type { Messages } from '../i18n/messages';
import type { CheckoutFormValues, FieldErrors } from './checkoutFields';
import { digitsOnly } from './digitsOnly';
import { parseExpiry } from './parseExpiry';

// Shape only: the server is the judge of deliverability; this just catches typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Cards are issued for a few years at most; an expiry further out is a mistyped year. */
const MAX_YEARS_AHEAD = 20;

function cardNumberError(cardNumber: string, messages: Messages): string | undefined {
  const digits = digitsOnly(cardNumber);
  const brand = detectCardBrand(digits);
  switch (findCardNumberProblem(digits)) {
    case 'not_digits':
      return messages.errors.cardNumberInvalid;
    case 'length':
      // Without a brand there is no length to name: the number is too short or too long for any card.
      return brand
        ? messages.errors.cardNumberLength(messages.cardBrands[brand], cardBrandRules[brand].lengths)
        : messages.errors.cardNumberInvalid;
    case 'checksum':
      return messages.errors.cardNumberMistyped;
    case null:
      return undefined;
  }
}

function expiryError(text: string, today: Date, messages: Messages): string | undefined {
  const expiry = parseExpiry(text);
  if (!expiry) return messages.errors.expiryInvalid;
  const months = expiry.year * 12 + expiry.month;
  const thisMonth = today.getFullYear() * 12 + today.getMonth() + 1;
  // A card is valid through the last day of its expiry month.
  if (months < thisMonth) return messages.errors.expiryInPast;
  if (months > thisMonth + MAX_YEARS_AHEAD * 12) return messages.errors.expiryTooFar;
  return undefined;
}

function cvcError(cvc: string, cardNumber: string, messages: Messages): string | undefined {
  const brand = detectCardBrand(digitsOnly(cardNumber));
  if (!brand) return /^\d{3,4}$/.test(cvc.trim()) ? undefined : messages.errors.cvcInvalid;
  const { cvcLength } = cardBrandRules[brand];
  return new RegExp(`^\\d{${cvcLength}}$`).test(cvc.trim()) ? undefined : messages.errors.cvcLength(cvcLength);
}

/** Checks the form before it is sent; `today` decides whether the card has expired. */
export function validateCheckoutForm(
  values: CheckoutFormValues,
  options: { collectsIdentity: boolean; today: Date; messages: Messages },
): FieldErrors {
  const { collectsIdentity, today, messages } = options;
  const errors: FieldErrors = {
    cardNumber: cardNumberError(values.cardNumber, messages),
    expiry: expiryError(values.expiry, today, messages),
    cvc: cvcError(values.cvc, values.cardNumber, messages),
  };
  if (collectsIdentity) {
    if (!EMAIL_SHAPE.test(values.email.trim())) errors.email = messages.errors.emailInvalid;
    if (values.name.trim() === '') errors.name = messages.errors.nameRequired;
    if (values.country === '') errors.country = messages.errors.countryRequired;
  }
  // Only invalid fields have an entry, so `{}` means the form can be sent.
  return Object.fromEntries(Object.entries(errors).filter(([, error]) => error !== undefined));
}
