import { createId } from '../ids';
import { modeOf } from '../modes';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { findWebhookEndpoint } from '../webhooks/webhookEndpoints';
import { findEvent } from './listEvents';
import { subscribedEndpointIds } from './recordEvent';
import { redeliverEventBody, type EventRedelivery } from '../../protocol/api/events';

/**
 * Sends an event again now: to one enabled endpoint of the merchant, or to every enabled endpoint subscribed to its
 * type, on a fresh retry schedule. Each event has one delivery per endpoint, so a delivery in flight is not doubled:
 * it is asked for one more attempt once it settles, whatever its answer.
 */
export async function redeliverEvent(db: Queryable, merchantId: string, eventId: string, body: unknown): Promise<EventRedelivery> {
  const input = parseInput(redeliverEventBody, body);
  const event = await findEvent(db, merchantId, eventId);
  const endpointIds = input.webhook_endpoint_id
    ? [await enabledEndpoint(db, merchantId, input.webhook_endpoint_id)]
    : await subscribedEndpointIds(db, merchantId, event.type);
  for (const endpointId of endpointIds) {
    await db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event_id, webhook_endpoint_id) VALUES ($1, $2, $3)
       ON CONFLICT (event_id, webhook_endpoint_id) DO UPDATE SET
         redeliver_requested = webhook_deliveries.locked_by IS NOT NULL,
         status = CASE WHEN webhook_deliveries.locked_by IS NULL THEN 'pending' ELSE webhook_deliveries.status END,
         next_attempt_at = CASE WHEN webhook_deliveries.locked_by IS NULL THEN now() ELSE webhook_deliveries.next_attempt_at END,
         schedule_from = CASE WHEN webhook_deliveries.locked_by IS NULL THEN webhook_deliveries.attempts ELSE webhook_deliveries.schedule_from END`,
      [createId('whd', modeOf(eventId)), eventId, endpointId],
    );
  }
  return { event_id: eventId, webhook_endpoint_ids: endpointIds };
}

/** A redelivery to a disabled endpoint would wait until it is enabled again: say so rather than accept it. */
async function enabledEndpoint(db: Queryable, merchantId: string, endpointId: string) {
  const endpoint = await findWebhookEndpoint(db, merchantId, endpointId, 'webhook_endpoint_id');
  if (endpoint.status !== 'enabled') {
    throw new TillApiError('webhook_endpoint_disabled', 'This webhook endpoint is disabled: enable it first.', 'webhook_endpoint_id');
  }
  return endpoint.webhook_endpoint_id;
}
