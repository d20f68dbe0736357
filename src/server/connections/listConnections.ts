import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import type { ConnectionRow, SubscriptionRow } from './getConnection';
import { serializeConnection } from './serializeConnection';
import { listConnectionsQuery } from '../../protocol/api/connections';

/**
 * The merchant's connections in id order (oldest first), each as `GET /v1/connections/:id` shows it. Served by
 * `connections_by_merchant`, or `connections_merchant_email` when filtered by email.
 */
export async function listConnections(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, email } = parseInput(listConnectionsQuery, query);
  const rows = await db.query<ConnectionRow>(
    `SELECT * FROM connections
     WHERE merchant_id = $1 AND connection_id > $2 AND ($3::text IS NULL OR lower(email) = lower($3))
     ORDER BY connection_id LIMIT $4`,
    [merchantId, cursor ?? '', email ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const subscriptions = await findActiveSubscriptions(db, page.map((row) => row.connection_id));
  return toList(rows, limit, (row) => row.connection_id, (connections) =>
    connections.map((connection) => serializeConnection(connection, subscriptions.get(connection.connection_id) ?? null)),
  );
}

/** Each connection's current subscription (as `findActiveSubscription` picks it), in one query for a page. */
async function findActiveSubscriptions(db: Queryable, connectionIds: string[]) {
  if (connectionIds.length === 0) return new Map<string, SubscriptionRow>();
  const rows = await db.query<SubscriptionRow>(
    `SELECT DISTINCT ON (connection_id) * FROM subscriptions
     WHERE connection_id = ANY($1) AND status IN ('active', 'past_due', 'scheduled')
     ORDER BY connection_id, status = 'scheduled', created_at DESC`,
    [connectionIds],
  );
  return new Map(rows.map((row) => [row.connection_id, row]));
}
