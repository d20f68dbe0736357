import { Hono } from 'hono';
import { html } from 'hono/html';
import Stripe from 'stripe';
import { settleWaitingPayment, type WaitingPaymentOutcome } from '../../checkout/settleWaitingPayment';
import { isLive } from '../../modes';
import type { Database } from '../../store/Database';
import { TillApiError } from '../../TillApiError';
import type { ProcessorFor } from '../ProcessorFor';
import { findProcessorSettings, stripeKeysOf } from '../processorSettings';

/** Where Stripe's 3-D Secure page sends the customer back: the end of the challenge, in the checkout's frame. */
export const stripeReturnUrl = (publicUrl: string) => `${publicUrl}stripe/authenticated`;

const MERCHANT_ID = /^mer_(test|live)_[0-9A-Z]{26}$/;

/** The events that end a payment's wait; Stripe sends others too if the merchant's endpoint asks for them. */
const SETTLING_EVENTS = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled']);

export interface StripeRoutesOptions {
  encryptionKey: Buffer | undefined;
  processorFor: ProcessorFor;
}

/**
 * Stripe's side of the server, outside the merchant API: the webhook Stripe calls for each merchant (the URL the
 * processor settings show), and the page its 3-D Secure challenge returns to.
 */
export function stripeRoutes(db: Database, { encryptionKey, processorFor }: StripeRoutesOptions) {
  return new Hono()
    .post('/webhooks/:merchantId', async (c) => {
      const merchantId = c.req.param('merchantId');
      const settings = MERCHANT_ID.test(merchantId) ? await findProcessorSettings(db, merchantId) : undefined;
      if (settings?.processor !== 'stripe') throw new TillApiError('resource_missing', 'No merchant takes Stripe payments at this URL.');
      const { webhookSecret } = stripeKeysOf(settings, encryptionKey)!;
      // The signature is of the raw bytes: they are verified before anything is parsed.
      const payload = await c.req.text();
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(payload, c.req.header('Stripe-Signature') ?? '', webhookSecret);
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
        throw new TillApiError('validation_error', `The Stripe-Signature header does not verify: ${error.message}`, 'Stripe-Signature');
      }
      let outcome: WaitingPaymentOutcome | 'ignored' = 'ignored';
      // An event of the Stripe account's other mode is not this merchant row's, whatever endpoint it was sent to.
      if (event.livemode === isLive(merchantId) && SETTLING_EVENTS.has(event.type)) {
        const intent = event.data.object as { object?: string; id?: string };
        if (intent.object === 'payment_intent' && intent.id) outcome = await settleWaitingPayment(db, processorFor, merchantId, intent.id);
      }
      // 2xx for every verified event, as Stripe asks: it retries anything else for days.
      return c.json({ received: true, outcome });
    })
    .get('/authenticated', async (c) => {
      // Stripe adds the PaymentIntent and `redirect_status`; the checkout asks the processor how it ended, not this.
      const origin = await originOfPayment(db, c.req.query('payment_intent'));
      const result = c.req.query('redirect_status') === 'succeeded' ? 'succeeded' : 'failed';
      return c.html(
        html`<!doctype html>
          <html lang="en">
            <head><meta charset="utf-8" /><title>Done</title></head>
            <body style="font: 16px/1.5 system-ui, sans-serif; text-align: center; padding: 24px">
              <p data-challenge-result="${result}">Returning to the checkout…</p>
            </body>
          </html>`,
        200,
        {
          // Framed by the checkout, itself framed by the merchant's page the session was opened from: both, no one else.
          'Content-Security-Policy': `default-src 'none'; frame-ancestors 'self'${origin ? ` ${origin}` : ''}; base-uri 'none'`,
          'Referrer-Policy': 'no-referrer',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      );
    });
}

/** The origin of the merchant's page a Stripe payment's checkout was opened on, if Till knows the payment. */
async function originOfPayment(db: Database, paymentIntentId: string | undefined): Promise<string | null> {
  if (!paymentIntentId || !/^pi_[A-Za-z0-9]{1,200}$/.test(paymentIntentId)) return null;
  const [row] = await db.query<{ origin_url: string | null }>(
    `SELECT s.origin_url FROM payments p JOIN checkout_sessions s USING (checkout_session_id)
     WHERE p.processor = 'stripe' AND p.processor_payment_id = $1`,
    [paymentIntentId],
  );
  return row?.origin_url ? new URL(row.origin_url).origin : null;
}
