import type Stripe from 'stripe';

/**
 * Stripe's library, loaded when a merchant's first Stripe payment or Stripe's first webhook needs it rather than when
 * the server starts: importing it costs about 20 MB of memory, which a server whose merchants all use the test
 * processor never needs (issue 13 holds the embedded store's server to 200 MB).
 */
export async function loadStripe(): Promise<typeof Stripe> {
  return (await import('stripe')).default;
}
