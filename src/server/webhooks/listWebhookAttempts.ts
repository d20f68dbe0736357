import { toList, type List } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { findWebhookEndpoint } from './webhookEndpoints';
import { isLive } from '../modes';
import type { EventType } from '../../protocol/api/events';
import { listWebhookAttemptsQuery, type WebhookAttempt } from '../../protocol/api/webhookAttempts';

interface WebhookAttemptRow {
  attempt_id: string;
  event_id: string;
  event_type: EventType;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  next_retry_at: Date | null;
  created_at: Date;
}

/** An endpoint's delivery log, every attempt oldest first; `event_id` narrows it to one event. */
export async function listWebhookAttempts(db: Queryable, merchantId: string, endpointId: string, query: unknown): Promise<List<WebhookAttempt>> {
  const { limit, cursor, event_id } = parseInput(listWebhookAttemptsQuery, query);
  await findWebhookEndpoint(db, merchantId, endpointId);
  const rows = await db.query<WebhookAttemptRow>(
    `SELECT a.*, e.type AS event_type FROM webhook_attempts a JOIN events e USING (event_id)
     WHERE a.webhook_endpoint_id = $1 AND a.attempt_id > $2 AND ($3::text IS NULL OR a.event_id = $3)
     ORDER BY a.attempt_id LIMIT $4`,
    [endpointId, cursor ?? '', event_id ?? null, limit + 1],
  );
  return toList(rows, limit, (row) => row.attempt_id, (page) =>
    page.map((row) => ({
      attempt_id: row.attempt_id,
      livemode: isLive(row.attempt_id),
      event_id: row.event_id,
      event_type: row.event_type,
      attempt: row.attempt,
      status: row.succeeded ? 'succeeded' : 'failed',
      response_status: row.response_status,
      response_body: row.response_body,
      error: row.error,
      duration_ms: row.duration_ms,
      next_retry_at: row.next_retry_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
    })),
  );
}
