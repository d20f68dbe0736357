import { formatLengths } from '../format/formatLengths';
import { credits, period, seats } from './englishCounts';
import type { LaterMessageGroup, Messages } from './messages';

/** English's later groups (see `LaterMessageGroup`), in the later parts' chunk rather than the first load. */
export const englishLaterMessages: Pick<Messages, LaterMessageGroup> = {
  challenge: 'Confirm the payment with your bank',
  errors: {
    emailInvalid: 'Enter an email address like name@example.com.',
    nameRequired: 'Enter your full name.',
    cardNumberInvalid: 'Enter a card number of 13 to 19 digits.',
    expiryInvalid: 'Enter the expiry date as MM/YY.',
    expiryInPast: 'This card has expired.',
    cvcInvalid: 'Enter the 3 or 4 digit security code.',
    countryRequired: 'Choose your country.',
    cardNumberLength: (brand, lengths) => `${brand} card numbers have ${formatLengths(lengths, 'en')} digits.`,
    cardNumberMistyped: 'This card number isn’t valid. Check it for a typo.',
    cvcLength: (digits) => `Enter the ${digits} digit security code.`,
    expiryTooFar: 'Check the expiry year: it is too far in the future.',
    cardDetailsIncomplete: 'Complete your card details.',
  },
  explanation: {
    subtotalSeats: (count, unitPrice, subtotal) => `Subtotal: ${seats(count)} × ${unitPrice} per seat = ${subtotal}.`,
    subtotalPlan: (planName, price, interval, count) =>
      `Subtotal: ${planName} at ${price} ${count.value === 1 ? 'per' : 'every'} ${period(interval, count)}.`,
    subtotalBundle: (bundleName, price) => `Subtotal: ${bundleName}, a one-off purchase of ${price}.`,
    subtotalCustom: (amount) => `Subtotal: ${amount}, a price set for this first payment only; later payments are at the plan’s price.`,
    discountOnce: (code, amount) => `Discount: code ${code} takes ${amount} off this first payment only.`,
    discountForever: (code, amount) => `Discount: code ${code} takes ${amount} off today, and applies to every renewal too.`,
    discountRepeating: (code, amount, payments) => `Discount: code ${code} takes ${amount} off each of the first ${payments.text} payments, starting today.`,
    taxIncluded: (amount, rate, taxName) =>
      rate ? `Tax: the price already includes ${rate} ${taxName ?? 'tax'}, which is ${amount}.` : `Tax: the price already includes ${amount} of tax.`,
    taxAdded: (amount, rate, taxName) =>
      rate ? `Tax: ${rate} ${taxName ?? 'tax'} is added on top, which is ${amount}.` : `Tax: ${amount} is added on top.`,
    total: (amount) => `Total due today: ${amount}.`,
    firstCharge: (amount, date) => `First charge: ${amount} on ${date}, when the subscription starts.`,
    termEnds: (date) => `The subscription ends on ${date}.`,
    next: (amount, date, interval, count) => `Next charge: ${amount} on ${date}, then every ${period(interval, count)}.`,
  },
  declines: {
    card_declined: 'Your card was declined. Try another card.',
    insufficient_funds: 'Your card has insufficient funds. Try another card.',
    expired_card: 'Your card has expired. Try another card.',
    authentication_required: 'Your bank asked you to confirm this payment, and it was not confirmed. Try again or use another card.',
    test_mode_live_card: 'This is a test card, and this checkout takes real payments. Use a real card.',
    live_payments_unavailable: 'Card payments are not available for this checkout yet. You have not been charged.',
  },
  success: {
    heading: 'Payment successful',
    subscription: (planName, price) => `You’re subscribed to ${planName} for ${price}.`,
    subscriptionStarting: (planName, date) => `You’re subscribed to ${planName}, starting on ${date}.`,
    creditBundle: (bundleName, count) => `${bundleName}: ${credits(count)} added to your account.`,
    nextCharge: (amount, date) => `Your next charge is ${amount} on ${date}.`,
    done: 'Done',
    returning: (merchantName) => `Taking you back to ${merchantName}…`,
  },  serverErrors: {
    email_locked: 'This email address was set by the merchant and can’t be changed.',
    promotion_code_not_found: 'This promotion code doesn’t exist. Check it for a typo.',
    promotion_code_expired: 'This promotion code has expired.',
    promotion_code_exhausted: 'This promotion code has been used up.',
    total_changed: 'The total has changed since you opened the checkout. Nothing was charged: check the new total, then pay again.',
    promotion_code_not_applicable: 'This promotion code doesn’t apply to this plan.',
    promotion_codes_not_allowed: 'This checkout doesn’t take promotion codes.',
    already_subscribed: 'You already have an active subscription to this plan.',
    subscription_required: 'Credit packs need an active subscription to their plan.',
  },
};
