export interface EventRow {
  event_id: string;
  merchant_id: string;
  type: string;
  livemode: boolean;
  /** The object as JSON text, so it comes back exactly as it was recorded. */
  data: string;
  created_at: Date;
}

/** An event as `GET /v1/events/:id` returns it and as a webhook's body carries it. */
export function serializeEvent(event: EventRow) {
  return {
    event_id: event.event_id,
    type: event.type,
    created_at: event.created_at.toISOString(),
    livemode: event.livemode,
    data: JSON.parse(event.data) as Record<string, unknown>,
  };
}
