import { createId } from '../ids';
import type { Queryable } from '../store/Database';
import type { EventType } from './eventTypes';

/**
 * Records an event in the caller's transaction (the outbox), with one pending delivery for each enabled endpoint
 * of the merchant that subscribes to its type: the event, and the promise to deliver it, exist if and only if the
 * change they describe committed. Endpoints added later do not receive it; `POST /v1/events/:id/redeliver` can.
 */
export async function recordEvent(tx: Queryable, merchantId: string, type: EventType, data: object): Promise<string> {
  const eventId = createId('evt');
  await tx.query('INSERT INTO events (event_id, merchant_id, type, data) VALUES ($1, $2, $3, $4)', [
    eventId,
    merchantId,
    type,
    JSON.stringify(data),
  ]);
  const endpoints = await tx.query<{ webhook_endpoint_id: string }>(
    `SELECT webhook_endpoint_id FROM webhook_endpoints
     WHERE merchant_id = $1 AND status = 'enabled' AND ($2 = ANY(enabled_events) OR '*' = ANY(enabled_events))`,
    [merchantId, type],
  );
  for (const { webhook_endpoint_id } of endpoints) {
    await tx.query('INSERT INTO webhook_deliveries (delivery_id, event_id, webhook_endpoint_id) VALUES ($1, $2, $3)', [
      createId('whd'),
      eventId,
      webhook_endpoint_id,
    ]);
  }
  return eventId;
}
