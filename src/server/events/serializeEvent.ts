import type { Event, EventType } from '../../protocol/api/events';

export interface EventRow {
  event_id: string;
  merchant_id: string;
  type: EventType;
  livemode: boolean;
  /** The object as JSON text, so it comes back exactly as it was recorded. */
  data: string;
  created_at: Date;
  /** The transaction that recorded it (`xid8`, as text): the list's order (`listEvents`). */
  txid: string;
}

/**
 * An event as `GET /v1/events/:id` returns it and as a webhook's body carries it. `data` was typed by its `type` when
 * `recordEvent` stored it, which the store cannot say again; the server suite checks every event it reads back.
 */
export function serializeEvent(event: EventRow): Event {
  return {
    event_id: event.event_id,
    type: event.type,
    created_at: event.created_at.toISOString(),
    livemode: event.livemode,
    data: JSON.parse(event.data),
  } as Event;
}
