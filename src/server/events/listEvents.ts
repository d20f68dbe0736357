import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { serializeEvent, type EventRow } from './serializeEvent';
import { listEventsQuery } from '../../protocol/api/events';

/** The merchant's events, oldest first, so a cursor at the last one seen returns what happened since. */
export async function listEvents(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, type, created_gte, created_lt } = parseInput(listEventsQuery, query);
  const rows = await db.query<EventRow>(
    `SELECT * FROM events
     WHERE merchant_id = $1 AND event_id > $2 AND ($3::text IS NULL OR type = $3)
       AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
     ORDER BY event_id LIMIT $6`,
    [merchantId, cursor ?? '', type ?? null, created_gte ?? null, created_lt ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.event_id, (page) => page.map(serializeEvent));
}

export async function findEvent(db: Queryable, merchantId: string, eventId: string) {
  const [row] = await db.query<EventRow>('SELECT * FROM events WHERE event_id = $1 AND merchant_id = $2', [eventId, merchantId]);
  if (!row) throw new TillApiError('resource_missing', `No event with id '${eventId}'.`, 'id');
  return row;
}
