import { Webhook } from 'standardwebhooks';
import type { Event } from '../protocol/api/events';
import { TillApiError } from './TillApiError';

type HeaderValues = Headers | Record<string, string | string[] | undefined>;

/**
 * Checks a webhook's Standard Webhooks signature over the raw body, as received and before any parsing, and its
 * timestamp (at most five minutes old), then returns the event, typed by its `type`. `secret` is the endpoint's `whsec_…`; during a
 * rotation the signature header carries both secrets' signatures, and either verifies. Throws `TillApiError`
 * with code `invalid_webhook_signature` otherwise.
 *
 * @example
 * app.post('/webhooks/till', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.TILL_WEBHOOK_SECRET);
 *   …
 * });
 */
export function verifyWebhook(body: string | Uint8Array, headers: HeaderValues, secret: string): Event {
  const header = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(' ') : (value ?? '');
  };
  try {
    return new Webhook(secret).verify(body, {
      'webhook-id': header('webhook-id'),
      'webhook-timestamp': header('webhook-timestamp'),
      'webhook-signature': header('webhook-signature'),
    }) as Event;
  } catch (cause) {
    throw new TillApiError(0, 'invalid_webhook_signature', `The webhook did not verify: ${(cause as Error).message}`);
  }
}
