import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { serializeEvent, type EventRow } from './serializeEvent';
import { listEventsQuery } from '../../protocol/api/events';

/**
 * The merchant's events, oldest first, so a cursor at the last one seen returns what happened since. An id is made
 * when its event is inserted, and two transactions can commit in the other order than their ids (migration 024):
 * so the list holds back each event whose transaction (`txid`) is not older than every transaction still running,
 * and goes in transaction order, then id order. Every event it returns then belongs to a transaction that ended, and
 * a transaction still to end, or still to begin, is younger than all of them: none can add an event before the
 * cursor. The cost is latency: an event waits, after its commit, for the transactions begun before it to end (on
 * the whole Postgres server, not only Till's). On PGlite a statement runs between transactions, so none waits.
 * The cursor is an event id, looked up for its transaction; one naming none of the merchant's events sorts by id
 * alone among those recorded before migration 024, and before every later one.
 */
export async function listEvents(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, type, created_gte, created_lt } = parseInput(listEventsQuery, query);
  const rows = await db.query<EventRow>(
    `SELECT * FROM events
     WHERE merchant_id = $1
       AND (txid, event_id) > (COALESCE((SELECT txid FROM events WHERE event_id = $2 AND merchant_id = $1), '0'), $2)
       AND txid < pg_snapshot_xmin(pg_current_snapshot())
       AND ($3::text IS NULL OR type = $3)
       AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
     ORDER BY txid, event_id LIMIT $6`,
    [merchantId, cursor ?? '', type ?? null, created_gte ?? null, created_lt ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.event_id, (page) => page.map(serializeEvent));
}

export async function findEvent(db: Queryable, merchantId: string, eventId: string) {
  const [row] = await db.query<EventRow>('SELECT * FROM events WHERE event_id = $1 AND merchant_id = $2', [eventId, merchantId]);
  if (!row) throw new TillApiError('resource_missing', `No event with id '${eventId}'.`, 'id');
  return row;
}
