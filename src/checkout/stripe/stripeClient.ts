import type { Stripe } from '@stripe/stripe-js';
// `pure`: nothing is fetched from Stripe on import, only when a Stripe session asks (`loadStripe`).
import { loadStripe } from '@stripe/stripe-js/pure';
import { CheckoutApiError, CheckoutApiErrorCode } from '../api/CheckoutApiError';

const clients = new Map<string, Promise<Stripe>>();

/**
 * Stripe.js for the merchant's publishable key, loaded once from js.stripe.com (Stripe's terms, and its fraud
 * signals, require its own copy; the page's CSP lets Stripe sessions load it). One instance per key, as Stripe
 * asks. A failed load is not kept, so the next attempt loads again.
 */
export function stripeClient(publishableKey: string): Promise<Stripe> {
  let client = clients.get(publishableKey);
  if (!client) {
    client = loadStripe(publishableKey).then(
      (stripe) => stripe ?? Promise.reject(new Error('Stripe.js needs a browser.')),
      (cause: unknown) => {
        clients.delete(publishableKey);
        throw new CheckoutApiError(0, CheckoutApiErrorCode.NETWORK_ERROR, `Stripe.js did not load: ${String(cause)}`);
      },
    );
    clients.set(publishableKey, client);
  }
  return client;
}
