import type { BillingInterval } from './CheckoutApi';
import { createPlural } from './createPlural';

/** A number in the copy: `text` as the customer's locale writes it, `value` for choosing the plural form. */
export interface Count {
  value: number;
  text: string;
}

/**
 * Every sentence the customer can read. Components never hold copy of their own; each locale in `locales/` is
 * another object of this shape, so a missing key there is a type error. English is here, in the first load.
 */
export interface Messages {
  /** The tab's title in redirect display; the merchant is null until the session is read. */
  documentTitle: (merchantName: string | null) => string;
  loading: string;
  checkoutEyebrow: string;
  signedInAs: (name: string, maskedEmail: string) => string;
  pricePerInterval: (price: string, interval: BillingInterval) => string;
  includedCredits: (credits: Count) => string;
  seatsTimesPrice: (seats: Count, unitPrice: string) => string;
  bundleCredits: (credits: Count) => string;
  fields: { email: string; name: string; cardNumber: string; expiry: string; cvc: string };
  placeholders: { cardNumber: string; expiry: string; cvc: string };
  errors: {
    emailInvalid: string;
    nameRequired: string;
    cardNumberInvalid: string;
    expiryInvalid: string;
    expiryInPast: string;
    cvcInvalid: string;
    paymentUnreachable: string;
  };
  payButton: (amount: string) => string;
  breakdown: {
    label: string;
    subtotal: string;
    discount: (description: string) => string;
    tax: string;
    totalDueToday: string;
    /** The next charge of a subscription: amount and date, both already formatted. */
    thenOn: (amount: string, date: string) => string;
  };
  creditBalance: { now: string; after: string };
  savedCard: {
    payWith: (last4: string) => string;
    useAnotherCard: string;
    useSavedCard: (last4: string) => string;
  };
  /** By the server's `decline_code`; `card_declined` is the generic one. */
  declines: Record<'card_declined' | 'insufficient_funds' | 'expired_card', string>;
  promotion: {
    label: string;
    apply: string;
    remove: string;
    applied: (code: string) => string;
    notApplicable: (code: string) => string;
    empty: string;
  };
  seats: { label: string; fewer: string; more: string; range: (min: Count, max: Count) => string };
  plans: { legend: string; option: (name: string, price: string) => string };
  updateFailed: string;
  processing: string;
  secureNote: string;
  /** Redirect display: leaves the open checkout for the merchant's cancel URL. */
  cancelAndReturn: (merchantName: string) => string;
  /** Redirect display: the way back from a checkout that has ended. */
  returnTo: (merchantName: string) => string;
  success: {
    heading: string;
    subscription: (planName: string, price: string) => string;
    creditBundle: (bundleName: string, credits: Count) => string;
    nextCharge: (amount: string, date: string) => string;
    done: string;
    /** Redirect display: said before going back to the merchant on its own. */
    returning: (merchantName: string) => string;
  };
  screens: Record<
    'notFramed' | 'expired' | 'completed' | 'notFound' | 'unreachable' | 'unavailable',
    { heading: string; body: string }
  >;
  retry: string;
  /** The modal dialog's close button, read by screen readers (it shows a ×). */
  closeCheckout: string;
}

const intervalNames: Record<BillingInterval, string> = { day: 'day', week: 'week', month: 'month', year: 'year' };
const plural = createPlural('en');
const credits = (count: Count) => `${count.text} ${plural(count, { one: 'credit', other: 'credits' })}`;
const seats = (count: Count) => `${count.text} ${plural(count, { one: 'seat', other: 'seats' })}`;

export const messages: Messages = {
  documentTitle: (merchantName) => (merchantName ? `Checkout – ${merchantName}` : 'Checkout'),
  loading: 'Loading checkout…',
  checkoutEyebrow: 'Checkout',
  signedInAs: (name, maskedEmail) => `Signed in as ${name} · ${maskedEmail}`,
  pricePerInterval: (price, interval) => `${price} / ${intervalNames[interval]}`,
  includedCredits: (count) => `Includes ${credits(count)}`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  fields: {
    email: 'Email',
    name: 'Full name',
    cardNumber: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'Security code',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/YY', cvc: 'CVC' },
  errors: {
    emailInvalid: 'Enter an email address like name@example.com.',
    nameRequired: 'Enter your full name.',
    cardNumberInvalid: 'Enter a card number of 12 to 19 digits.',
    expiryInvalid: 'Enter the expiry date as MM/YY.',
    expiryInPast: 'This card has expired.',
    cvcInvalid: 'Enter the 3 or 4 digit security code.',
    paymentUnreachable: 'We couldn’t reach the payment service. Check your connection and try again.',
  },
  payButton: (amount) => `Pay ${amount}`,
  breakdown: {
    label: 'Price details',
    subtotal: 'Subtotal',
    discount: (description) => `Discount (${description})`,
    tax: 'Tax',
    totalDueToday: 'Total due today',
    thenOn: (amount, date) => `Then ${amount} on ${date}`,
  },
  creditBalance: { now: 'Credit balance', after: 'Balance after purchase' },
  savedCard: {
    payWith: (last4) => `Pay with •••• ${last4}`,
    useAnotherCard: 'Use another card',
    useSavedCard: (last4) => `Use the saved card •••• ${last4}`,
  },
  declines: {
    card_declined: 'Your card was declined. Try another card.',
    insufficient_funds: 'Your card has insufficient funds. Try another card.',
    expired_card: 'Your card has expired. Try another card.',
  },
  promotion: {
    label: 'Promotion code',
    apply: 'Apply',
    remove: 'Remove',
    applied: (code) => `Code ${code} applied`,
    notApplicable: (code) => `Code ${code} does not apply to this plan.`,
    empty: 'Enter a promotion code.',
  },
  seats: {
    label: 'Seats',
    fewer: 'Remove a seat',
    more: 'Add a seat',
    range: (min, max) => `From ${min.text} to ${seats(max)}`,
  },
  plans: { legend: 'Plan', option: (name, price) => `${name} · ${price}` },
  updateFailed: 'We couldn’t update the checkout. Check your connection and try again.',
  processing: 'Processing…',
  secureNote: 'Your card details are sent securely and never shared with the merchant.',
  cancelAndReturn: (merchantName) => `Cancel and return to ${merchantName}`,
  returnTo: (merchantName) => `Return to ${merchantName}`,
  success: {
    heading: 'Payment successful',
    subscription: (planName, price) => `You’re subscribed to ${planName} for ${price}.`,
    creditBundle: (bundleName, count) => `${bundleName}: ${credits(count)} added to your account.`,
    nextCharge: (amount, date) => `Your next charge is ${amount} on ${date}.`,
    done: 'Done',
    returning: (merchantName) => `Taking you back to ${merchantName}…`,
  },
  screens: {
    notFramed: {
      heading: 'Open this checkout from the merchant’s site',
      body: 'This page only works inside the checkout on the merchant’s website. Go back to their site to continue.',
    },
    expired: {
      heading: 'This checkout has expired',
      body: 'This checkout has expired. Start again from the merchant’s site.',
    },
    completed: {
      heading: 'This checkout is already complete',
      body: 'This checkout is already complete. You have not been charged again.',
    },
    notFound: {
      heading: 'Checkout not found',
      body: 'We couldn’t find this checkout. Start again from the merchant’s site.',
    },
    unreachable: {
      heading: 'We couldn’t load the checkout',
      body: 'Check your connection and try again.',
    },
    unavailable: {
      heading: 'This checkout is unavailable',
      body: 'Something is wrong with this checkout page. Start again from the merchant’s site.',
    },
  },
  retry: 'Retry',
  closeCheckout: 'Close checkout',
};
