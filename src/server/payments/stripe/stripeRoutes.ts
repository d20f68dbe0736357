import { Hono } from 'hono';
import type Stripe from 'stripe';
import { settleWaitingPayment, type WaitingPaymentOutcome } from '../../checkout/settleWaitingPayment';
import { isLive } from '../../modes';
import type { Database } from '../../store/Database';
import { TillApiError } from '../../TillApiError';
import type { ProcessorFor } from '../ProcessorFor';
import { listProcessorCredentials, webhookSecretOf } from '../processorCredentials';
import { loadStripe } from './loadStripe';

const MERCHANT_ID = /^mer_(test|live)_[0-9A-Z]{26}$/;

/** The events that end a payment's wait; Stripe sends others too if the merchant's endpoint asks for them. */
const SETTLING_EVENTS = new Set([
  'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled',
  // A payment of nothing, whose card was saved without a charge.
  'setup_intent.succeeded', 'setup_intent.setup_failed', 'setup_intent.canceled',
]);

/** The event, if any of `secrets` signed it; the newest set's are tried first, as most events are theirs. */
function verifyEvent(payload: string, signature: string, secrets: string[], { webhooks, errors }: typeof Stripe): Stripe.Event {
  let refusal: Error | undefined;
  for (const secret of secrets) {
    try {
      return webhooks.constructEvent(payload, signature, secret);
    } catch (error) {
      if (!(error instanceof errors.StripeSignatureVerificationError)) throw error;
      refusal ??= error;
    }
  }
  throw new TillApiError('validation_error', `The Stripe-Signature header does not verify: ${refusal!.message}`, 'Stripe-Signature');
}

export interface StripeRoutesOptions {
  encryptionKey: Buffer | undefined;
  processorFor: ProcessorFor;
}

/**
 * Stripe's side of the server, outside the merchant API: the webhook Stripe calls for each merchant (the URL the
 * processor settings show). 3-D Secure needs no page here: the frame's Stripe.js shows the challenge in place.
 */
export function stripeRoutes(db: Database, { encryptionKey, processorFor }: StripeRoutesOptions) {
  return new Hono()
    .post('/webhooks/:merchantId', async (c) => {
      const merchantId = c.req.param('merchantId');
      // Every set of keys the merchant has had, not only its current one: a payment taken with older keys (another
      // Stripe account, or before a move to the test processor) still settles by that account's events.
      const credentials = MERCHANT_ID.test(merchantId) ? await listProcessorCredentials(db, merchantId) : [];
      if (credentials.length === 0) throw new TillApiError('resource_missing', 'No merchant takes Stripe payments at this URL.');
      // The signature is of the raw bytes: they are verified before anything is parsed.
      // Each secret once: keys saved again often keep the account's webhook secret.
      const secrets = [...new Set(credentials.map((set) => webhookSecretOf(set, encryptionKey)))];
      const event = verifyEvent(await c.req.text(), c.req.header('Stripe-Signature') ?? '', secrets, await loadStripe());
      let outcome: WaitingPaymentOutcome | 'ignored' = 'ignored';
      // An event of the Stripe account's other mode is not this merchant row's, whatever endpoint it was sent to.
      if (event.livemode === isLive(merchantId) && SETTLING_EVENTS.has(event.type)) {
        const intent = event.data.object as { object?: string; id?: string };
        if ((intent.object === 'payment_intent' || intent.object === 'setup_intent') && intent.id) outcome = await settleWaitingPayment(db, processorFor, merchantId, intent.id);
      }
      // 2xx for every verified event, as Stripe asks: it retries anything else for days.
      return c.json({ received: true, outcome });
    });
}
