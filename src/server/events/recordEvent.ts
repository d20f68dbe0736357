import { createId } from '../ids';
import { modeOf } from '../modes';
import type { Queryable } from '../store/Database';
import type { EventData, EventType } from '../../protocol/api/events';

/**
 * Records an event in the caller's transaction (the outbox), with one pending delivery for each enabled endpoint
 * of the merchant that subscribes to its type: the event, and the promise to deliver it, exist if and only if the
 * change they describe committed. Endpoints added later do not receive it; `POST /v1/events/:id/redeliver` can.
 */
export async function recordEvent<Type extends EventType>(tx: Queryable, merchantId: string, type: Type, data: EventData<Type>): Promise<string> {
  const mode = modeOf(merchantId);
  const eventId = createId('evt', mode);
  await tx.query('INSERT INTO events (event_id, merchant_id, type, data, livemode) VALUES ($1, $2, $3, $4, $5)', [
    eventId,
    merchantId,
    type,
    JSON.stringify(data),
    mode === 'live',
  ]);
  for (const endpointId of await subscribedEndpointIds(tx, merchantId, type)) {
    await tx.query('INSERT INTO webhook_deliveries (delivery_id, event_id, webhook_endpoint_id) VALUES ($1, $2, $3)', [
      createId('whd', mode),
      eventId,
      endpointId,
    ]);
  }
  return eventId;
}

/** The merchant's enabled endpoints that receive events of `type` (named, or `*`), in id order. */
export async function subscribedEndpointIds(db: Queryable, merchantId: string, type: string): Promise<string[]> {
  const rows = await db.query<{ webhook_endpoint_id: string }>(
    `SELECT webhook_endpoint_id FROM webhook_endpoints
     WHERE merchant_id = $1 AND status = 'enabled' AND ($2 = ANY(enabled_events) OR '*' = ANY(enabled_events))
     ORDER BY webhook_endpoint_id`,
    [merchantId, type],
  );
  return rows.map((row) => row.webhook_endpoint_id);
}
