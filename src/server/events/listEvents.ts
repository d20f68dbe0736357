import { z } from 'zod';
import { pageQuery, toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { EVENT_TYPES } from './eventTypes';
import { serializeEvent, type EventRow } from './serializeEvent';

/** An ISO 8601 date-time, passed on in UTC: the store refuses some offsets and years that the format allows. */
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, like 2026-12-04T10:00:00Z' })
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, 'must be between the years 1970 and 9999')
  .transform((value) => new Date(value).toISOString());

const eventsQuery = pageQuery.extend({
  type: z.enum(EVENT_TYPES).optional(),
  /** Created at or after this instant. */
  created_gte: instant.optional(),
  /** Created before this instant. */
  created_lt: instant.optional(),
});

/** The merchant's events, oldest first, so a cursor at the last one seen returns what happened since. */
export async function listEvents(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, type, created_gte, created_lt } = parseInput(eventsQuery, query);
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
