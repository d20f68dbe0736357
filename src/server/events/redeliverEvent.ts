import { z } from 'zod';
import { createId } from '../ids';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { findWebhookEndpoint } from '../webhooks/webhookEndpoints';
import { findEvent } from './listEvents';

const redeliverInput = z.strictObject({ webhook_endpoint_id: z.string().min(1).optional() });

/**
 * Sends an event again now: to one endpoint of the merchant, or to every enabled endpoint subscribed to its type.
 * Each event has one delivery per endpoint, so a delivery already in flight is not doubled; a delivery that had
 * used up its retries gets this one attempt more.
 */
export async function redeliverEvent(db: Queryable, merchantId: string, eventId: string, body: unknown) {
  const input = parseInput(redeliverInput, body);
  const event = await findEvent(db, merchantId, eventId);
  const endpointIds = input.webhook_endpoint_id
    ? [(await findWebhookEndpoint(db, merchantId, input.webhook_endpoint_id, 'webhook_endpoint_id')).webhook_endpoint_id]
    : (
        await db.query<{ webhook_endpoint_id: string }>(
          `SELECT webhook_endpoint_id FROM webhook_endpoints
           WHERE merchant_id = $1 AND status = 'enabled' AND ($2 = ANY(enabled_events) OR '*' = ANY(enabled_events))
           ORDER BY webhook_endpoint_id`,
          [merchantId, event.type],
        )
      ).map((row) => row.webhook_endpoint_id);
  for (const endpointId of endpointIds) {
    await db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event_id, webhook_endpoint_id) VALUES ($1, $2, $3)
       ON CONFLICT (event_id, webhook_endpoint_id) DO UPDATE SET status = 'pending', next_attempt_at = now()`,
      [createId('whd'), eventId, endpointId],
    );
  }
  return { event_id: eventId, webhook_endpoint_ids: endpointIds };
}
