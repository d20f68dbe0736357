import type { DeclineCode } from '../../protocol/api/apiErrors';
import type { CardBrand } from '../../protocol/cardNumbers';
import type { BillingInterval } from '../api/CheckoutApi';
import { credits, period, plural, seats } from './englishCounts';

/** A number in the copy: `text` as the customer's locale writes it, `value` for choosing the plural form. */
export interface Count {
  value: number;
  text: string;
}

/** Errors of the checkout API that are the customer's to read (see `serverErrors`). */
export type CustomerFacingErrorCode =
  | 'email_locked'
  | 'promotion_code_not_found'
  | 'promotion_code_expired'
  | 'promotion_code_exhausted'
  | 'promotion_code_not_applicable'
  | 'promotion_codes_not_allowed'
  | 'already_subscribed'
  | 'subscription_required'
  | 'total_changed';

/**
 * Every sentence the customer can read. Components never hold copy of their own; each locale in `locales/` is
 * another object of this shape (with `FormExtrasMessages`), so a missing key there is a type error. English is here,
 * in the first load, but for its later groups (`LaterMessageGroup`) and the form extras' words.
 */
export interface Messages {
  /** The tab's title in redirect display; the merchant is null until the session is read. */
  documentTitle: (merchantName: string | null) => string;
  loading: string;
  checkoutEyebrow: string;
  signedInAs: (name: string, maskedEmail: string) => string;
  /** A plan's price per period of `count` intervals: "$19.00 / month", "$57.00 every 3 months". */
  pricePerInterval: (price: string, interval: BillingInterval, count: Count) => string;
  includedCredits: (credits: Count) => string;
  seatsTimesPrice: (seats: Count, unitPrice: string) => string;
  bundleCredits: (credits: Count) => string;
  /** A plan's first payment at the merchant's custom amount (seed 003), for all seats; later ones are the plan's. */
  firstPayment: (amount: string) => string;
  /** Seed 002: a subscription's later start (nothing is charged today) and a fixed term's end; dates arrive formatted. */
  term: { starts: (date: string) => string; ends: (date: string) => string };
  fields: { email: string; name: string; country: string; cardNumber: string; expiry: string; cvc: string };
  /** `country` is the select's empty first option, shown until the customer picks one. */
  placeholders: { cardNumber: string; expiry: string; cvc: string; country: string };
  /** Under an email the merchant fixed (`lock_email`), which the customer cannot edit. */
  emailLocked: (merchantName: string) => string;
  /** The brand detected from the number, shown beside it. */
  cardBrands: Record<CardBrand, string>;
  errors: {
    emailInvalid: string;
    nameRequired: string;
    cardNumberInvalid: string;
    expiryInvalid: string;
    expiryInPast: string;
    cvcInvalid: string;
    countryRequired: string;
    /** A number of a known brand with a length it does not issue; `lengths` are the ones it does (see `formatLengths`). */
    cardNumberLength: (brand: string, lengths: readonly number[]) => string;
    /** The right length, but the Luhn checksum fails: a typo. */
    cardNumberMistyped: string;
    cvcLength: (digits: number) => string;
    expiryTooFar: string;
    /** Stripe's Payment Element found a field of its own (the billing country, a postal code) to fix; it marks which. */
    cardDetailsIncomplete: string;
  };
  payButton: (amount: string) => string;
  /** No answer from the payment service (or the checkout's own code for paying): check the connection. */
  paymentUnreachable: string;
  breakdown: {
    label: string;
    subtotal: string;
    discount: (description: string) => string;
    tax: string;
    totalDueToday: string;
    /** The next charge of a subscription: amount and date, both already formatted. */
    thenOn: (amount: string, date: string) => string;
    /** The button beside the total that opens the explanation, and the explanation's heading. */
    explain: string;
    explanationHeading: string;
    /**
     * A promotion's discount in words, shown in `discount`; `off` is already formatted ("20%", "$5.00"). `payments`
     * is how many payments it discounts, the first of them today (1 for a `once` code), or null for every payment
     * (`forever`).
     */
    describeDiscount: (off: string, payments: Count | null) => string;
  };
  /** The explanation's lines: each line of the estimate in words; amounts arrive formatted. */
  explanation: {
    subtotalSeats: (seats: Count, unitPrice: string, subtotal: string) => string;
    subtotalPlan: (planName: string, price: string, interval: BillingInterval, count: Count) => string;
    subtotalBundle: (bundleName: string, price: string) => string;
    /** The subtotal of a first payment at the merchant's custom amount instead of the plan's price. */
    subtotalCustom: (amount: string) => string;
    discountOnce: (code: string, amount: string) => string;
    discountForever: (code: string, amount: string) => string;
    /** A `repeating` code that discounts `payments` (2 or more) payments, this one the first of them. */
    discountRepeating: (code: string, amount: string, payments: Count) => string;
    /** `rate` ("19%") and `taxName` ("VAT") are null when the server did not say which rate applies. */
    taxIncluded: (amount: string, rate: string | null, taxName: string | null) => string;
    taxAdded: (amount: string, rate: string | null, taxName: string | null) => string;
    total: (amount: string) => string;
    /** Instead of `next` when the subscription starts later: its first charge, on the start date. */
    firstCharge: (amount: string, date: string) => string;
    /** A fixed term's end (seed 002's end_date). */
    termEnds: (date: string) => string;
    next: (amount: string, date: string, interval: BillingInterval, count: Count) => string;
  };
  savedCard: {
    payWith: (last4: string) => string;
    useAnotherCard: string;
    useSavedCard: (last4: string) => string;
  };
  /** By the server's `decline_code`; `card_declined` is the generic one. */
  declines: Record<DeclineCode, string>;
  updateFailed: string;
  processing: string;
  /** The name of the bank's 3-D Secure challenge, shown over the form. */
  challenge: string;
  /** A payment accepted by the processor that settles later. */
  confirming: string;
  secureNote: string;
  /** Redirect display: leaves the open checkout for the merchant's cancel URL. */
  cancelAndReturn: (merchantName: string) => string;
  /** Redirect display: the way back from a checkout that has ended. */
  returnTo: (merchantName: string) => string;
  success: {
    heading: string;
    subscription: (planName: string, price: string) => string;
    /** A subscription that starts later (seed 002): nothing was charged today. */
    subscriptionStarting: (planName: string, date: string) => string;
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
  /**
   * By the server's error `code`, for the refusals a customer can meet, so they read in the checkout's language;
   * any other error keeps the server's own sentence.
   */
  serverErrors: Record<CustomerFacingErrorCode, string>;
  /** The modal dialog's close button, read by screen readers (it shows a ×). */
  closeCheckout: string;
}

/**
 * What only the form's extras say (`formExtras`: the plan switcher, seats, the promotion code field, the credit
 * balance). Each locale in `locales/` has these too; English's are in the extras' chunk (`englishFormExtrasMessages`),
 * which `formExtrasMessages` reads them from, so a checkout that shows no extras never fetches them.
 */
export interface FormExtrasMessages {
  creditBalance: { now: string; after: string };
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
}

/**
 * The groups only the later parts say (`laterParts`: checking the form, paying and its screens, the price
 * explanation, the wording of a refused change). Another language has them in its one chunk; English, whose first load they would grow, in theirs.
 */
export type LaterMessageGroup = 'explanation' | 'success' | 'declines' | 'errors' | 'serverErrors' | 'challenge';

/** What a localization is sure to hold as soon as it is chosen: everything the first screen can say. */
export type FirstMessages = Omit<Messages, LaterMessageGroup>;

/**
 * English, but for what only the later parts say. The rest (`LaterMessageGroup`) is in the
 * later parts' chunk (`englishLaterMessages`), which `completeMessages` adds.
 */
export const messages: FirstMessages = {
  documentTitle: (merchantName) => (merchantName ? `Checkout – ${merchantName}` : 'Checkout'),
  loading: 'Loading checkout…',
  checkoutEyebrow: 'Checkout',
  signedInAs: (name, maskedEmail) => `Signed in as ${name} · ${maskedEmail}`,
  pricePerInterval: (price, interval, count) => `${price}${count.value === 1 ? ' /' : ' every'} ${period(interval, count)}`,
  includedCredits: (count) => `Includes ${credits(count)}`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  firstPayment: (amount) => `First payment: ${amount}, then the plan’s price`,
  term: { starts: (date) => `Starts on ${date}: nothing is charged today`, ends: (date) => `Ends on ${date}` },
  fields: {
    email: 'Email',
    name: 'Full name',
    cardNumber: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'Security code',
    country: 'Country',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/YY', cvc: 'CVC', country: 'Choose your country' },
  emailLocked: (merchantName) => `${merchantName} set this email address for you.`,
  cardBrands: { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' },
  payButton: (amount) => `Pay ${amount}`,
  paymentUnreachable: 'We couldn’t reach the payment service. Check your connection and try again.',
  breakdown: {
    label: 'Price details',
    subtotal: 'Subtotal',
    discount: (description) => `Discount (${description})`,
    tax: 'Tax',
    totalDueToday: 'Total due today',
    thenOn: (amount, date) => `Then ${amount} on ${date}`,
    explain: 'How is this calculated?',
    explanationHeading: 'How your total is calculated',
    describeDiscount: (off, payments) =>
      `${off} off ${payments ? plural(payments, { one: 'the first payment', other: `the first ${payments.text} payments` }) : 'every payment'}`,
  },
  savedCard: {
    payWith: (last4) => `Pay with •••• ${last4}`,
    useAnotherCard: 'Use another card',
    useSavedCard: (last4) => `Use the saved card •••• ${last4}`,
  },
  updateFailed: 'We couldn’t update the checkout. Check your connection and try again.',
  processing: 'Processing…',
  confirming: 'Your payment is being confirmed. This can take a few seconds; please keep this page open.',
  secureNote: 'Your card details are sent securely and never shared with the merchant.',
  cancelAndReturn: (merchantName) => `Cancel and return to ${merchantName}`,
  returnTo: (merchantName) => `Return to ${merchantName}`,
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
