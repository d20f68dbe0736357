import type { Appearance, StripeElementLocale, StripeError } from '@stripe/stripe-js';
import { CheckoutApiError, CheckoutApiErrorCode } from '../api/CheckoutApiError';
import type { Messages } from '../i18n/messages';
import { stripeClient } from './stripeClient';
import { stripeErrorMessage } from './stripeErrorMessage';

/**
 * Stripe's Payment Element in the frame, in Stripe's deferred-intent flow ("finalize payments on the server"):
 * the card is typed into Stripe's own iframe and becomes a PaymentMethod there, and only its `pm_…` id goes to
 * Till's API, as the test processor's does; Till's server then creates and confirms the PaymentIntent (or, with
 * nothing due today, the SetupIntent). This module and Stripe's loader are a chunk of their own, fetched only for
 * sessions whose merchant uses Stripe.
 */

export interface PaymentElementOptions {
  publishableKey: string;
  /** What Pay charges, in the currency's minor units: the Element shows what suits it. */
  amount: number;
  currency: string;
  /** The checkout's BCP 47 tag, or undefined for the browser's. */
  locale: string | undefined;
}

export interface MountedPaymentElement {
  /** Checks the Element's fields and makes the card a PaymentMethod; rejects with the customer's sentence. */
  createPaymentMethod(messages: Messages): Promise<string>;
  /** A new total (another plan, seats, a code, the country's tax). */
  updateAmount(amount: number): void;
  destroy(): void;
}

/** The languages the checkout speaks that Stripe's Elements speak too; any other tag lets Stripe choose. */
const ELEMENT_LOCALES = ['en', 'de', 'fr', 'es', 'ja'];

function elementLocale(tag: string | undefined): StripeElementLocale {
  const language = tag?.split('-')[0]?.toLowerCase() ?? '';
  return ELEMENT_LOCALES.includes(language) ? (language as StripeElementLocale) : 'auto';
}

/** The checkout's theme, as far as Stripe's Appearance API takes it: dark or light, and the merchant's accent. */
function elementAppearance(root: HTMLElement): Appearance {
  const theme = root.dataset.theme;
  const dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  // Set on the root only when the merchant gave an accent the browser took as a colour (applyAppearance).
  const accent = root.style.getPropertyValue('--accent').trim();
  return { theme: dark ? 'night' : 'stripe', ...(accent ? { variables: { colorPrimary: accent } } : {}) };
}

/** A Stripe.js error as the app's one error class, carrying the sentence the form shows. */
export function toCheckoutApiError(error: StripeError, messages: Messages): CheckoutApiError {
  const unreachable = error.type === 'api_connection_error' || error.type === 'api_error' || error.type === 'rate_limit_error';
  return unreachable
    ? new CheckoutApiError(0, CheckoutApiErrorCode.NETWORK_ERROR, error.message ?? error.type)
    : new CheckoutApiError(400, CheckoutApiErrorCode.CARD_REFUSED, stripeErrorMessage(error, messages));
}

/**
 * What the Element is for, by the total: a payment, whose card the server keeps for later (a subscription's renewals,
 * a returning customer's one-step payment), so the Element says so; or, with nothing due today (a later start, a code
 * that takes it all), a card set up for later, as the server's SetupIntent does: Stripe charges no payment of nothing.
 * A SetupIntent is for later use by definition, so `setupFutureUsage` is cleared, not left from the payment before.
 */
export const elementsMode = (amount: number) =>
  amount > 0 ? ({ mode: 'payment', amount, setupFutureUsage: 'off_session' } as const) : ({ mode: 'setup', setupFutureUsage: null } as const);

export async function mountPaymentElement(container: HTMLElement, options: PaymentElementOptions): Promise<MountedPaymentElement> {
  const stripe = await stripeClient(options.publishableKey);
  const elements = stripe.elements({
    ...elementsMode(options.amount),
    currency: options.currency.toLowerCase(),
    // Cards only, as the server's PaymentIntent and SetupIntent allow (`allowed_payment_method_types`).
    allowedPaymentMethodTypes: ['card'],
    // Stripe.js makes the PaymentMethod itself (`createPaymentMethod`), for Till's server to confirm.
    paymentMethodCreation: 'manual',
    locale: elementLocale(options.locale),
    appearance: elementAppearance(document.documentElement),
  });
  const element = elements.create('payment', { layout: 'tabs' });
  element.mount(container);
  return {
    async createPaymentMethod(messages) {
      const submitted = await elements.submit();
      if (submitted.error) throw toCheckoutApiError(submitted.error, messages);
      const created = await stripe.createPaymentMethod({ elements });
      if (created.error) throw toCheckoutApiError(created.error, messages);
      return created.paymentMethod.id;
    },
    updateAmount(amount) {
      elements.update(elementsMode(amount));
    },
    destroy() {
      element.destroy();
    },
  };
}

/**
 * The bank's 3-D Secure challenge, shown by Stripe.js in the frame (`next_action.type = use_stripe_sdk`). It
 * resolves once the customer has answered, however: the checkout then asks Till's server how the payment ended, so
 * a failed challenge reads as the server's decline. Only when Stripe could not be reached does it reject, as the
 * payment's state is then unknown to the customer.
 */
export async function handleStripeNextAction(publishableKey: string, clientSecret: string, messages: Messages): Promise<void> {
  const stripe = await stripeClient(publishableKey);
  const { error } = await stripe.handleNextAction({ clientSecret });
  if (error && error.type !== 'card_error' && error.type !== 'invalid_request_error') throw toCheckoutApiError(error, messages);
}
