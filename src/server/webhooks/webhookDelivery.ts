import { serializeEvent, type EventRow } from '../events/serializeEvent';
import { createId } from '../ids';
import type { Database } from '../store/Database';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './checkWebhookUrl';
import { retryDelay } from './retrySchedule';
import type { WebhookConnector, WebhookResponse } from './sendWebhookRequest';
import { signWebhook } from './webhookSecret';

export interface DeliveryOptions {
  db: Database;
  /** Written into each claim; only the worker holding a claim can settle it. */
  workerId: string;
  urlPolicy: WebhookUrlPolicy;
  connector: WebhookConnector;
  /** For the whole attempt: resolving, connecting, sending and reading the answer. */
  timeoutMs: number;
  retryDelaysMs: readonly number[];
  /** An endpoint whose every attempt failed for this long is disabled. */
  disableAfterMs: number;
}

export interface Claim {
  delivery_id: string;
  event_id: string;
  webhook_endpoint_id: string;
  attempts: number;
}

interface Target {
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * A claim older than the attempt's timeout plus this margin belongs to a worker that died mid-attempt (a kill -9,
 * a lost machine): its delivery is due again. A live worker settles its claims within the timeout.
 */
const CLAIM_MARGIN_MS = 5000;

/**
 * One statement claims due deliveries (graphile-worker's `getJobs`): rows another worker holds are skipped, not
 * waited for, and the claim and the attempt count are written together, so a crash mid-attempt still counts.
 * Two server instances on one Postgres never hold the same delivery, so an event goes to an endpoint at most once
 * at a time. It takes the oldest due delivery of each endpoint that has none in flight: an endpoint receives one
 * webhook at a time, so one that hangs holds one of the worker's slots, never all of them.
 */
const CLAIM_DUE_DELIVERIES = `
  WITH ready AS (
    SELECT DISTINCT webhook_endpoint_id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
  ), due AS (
    SELECT next.delivery_id
    FROM ready JOIN webhook_endpoints e ON e.webhook_endpoint_id = ready.webhook_endpoint_id AND e.status = 'enabled'
    CROSS JOIN LATERAL (
      SELECT d.delivery_id FROM webhook_deliveries d
      WHERE d.webhook_endpoint_id = ready.webhook_endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= now()
        AND (d.locked_at IS NULL OR d.locked_at < now() - $3 * interval '1 millisecond')
      ORDER BY d.next_attempt_at, d.delivery_id
      LIMIT 1
      FOR UPDATE SKIP LOCKED) next
    WHERE NOT EXISTS (
      SELECT 1 FROM webhook_deliveries busy
      WHERE busy.webhook_endpoint_id = ready.webhook_endpoint_id AND busy.status = 'pending'
        AND busy.locked_at >= now() - $3 * interval '1 millisecond')
    LIMIT $2)
  UPDATE webhook_deliveries d SET locked_by = $1, locked_at = now(), attempts = d.attempts + 1
  FROM due WHERE d.delivery_id = due.delivery_id
  RETURNING d.delivery_id, d.event_id, d.webhook_endpoint_id, d.attempts`;

/** Claims up to `limit` due deliveries for this worker. */
export async function claimDueDeliveries(options: DeliveryOptions, limit: number): Promise<Claim[]> {
  return options.db.query<Claim>(CLAIM_DUE_DELIVERIES, [options.workerId, limit, options.timeoutMs + CLAIM_MARGIN_MS]);
}

type AttemptResult = { response: WebhookResponse; error: null } | { response: null; error: string };

/** Sends one claimed delivery and settles it; never throws for what the receiver does. */
export async function attemptDelivery(options: DeliveryOptions, claim: Claim) {
  const [row] = await options.db.query<EventRow & Target>(
    `SELECT ev.*, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at
     FROM events ev, webhook_endpoints w WHERE ev.event_id = $1 AND w.webhook_endpoint_id = $2`,
    [claim.event_id, claim.webhook_endpoint_id],
  );
  if (!row) return; // the endpoint was deleted since the claim, and its deliveries with it
  const started = performance.now();
  const result = await send(options, row);
  await settle(options, claim, result, Math.round(performance.now() - started));
}

async function send({ urlPolicy, connector, timeoutMs }: DeliveryOptions, row: EventRow & Target): Promise<AttemptResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const url = new URL(row.url);
    // Checked again at every attempt: the host's DNS may point somewhere else since the endpoint was created.
    const addresses = await abortable(checkWebhookUrl(url, urlPolicy), signal);
    const body = JSON.stringify(serializeEvent(row));
    const timestamp = new Date();
    const secrets = row.previous_secret && row.previous_secret_expires_at! > timestamp ? [row.secret, row.previous_secret] : [row.secret];
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Till-Webhooks/1',
      'webhook-id': row.event_id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signWebhook(secrets, row.event_id, timestamp, body),
    };
    return { response: await connector({ url, addresses, headers, body, signal }), error: null };
  } catch (error) {
    return { response: null, error: describeFailure(error, timeoutMs) };
  }
}

/** What the delivery log says of an attempt that got no HTTP answer. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof WebhookUrlRefusedError) return `Refused: ${error.message}`;
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || name === 'AbortError') return `No answer within ${timeoutMs / 1000} s.`;
  if (code === 'ECONNREFUSED') return 'Connection refused.';
  if (code === 'ECONNRESET') return 'Connection reset before an answer.';
  return code ? `${code}: ${message}` : (message ?? 'The request failed.');
}

/** Rejects with the signal's reason when it aborts first, so no step of an attempt outlasts its timeout. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
  ]);
}

/**
 * Records the attempt and settles the delivery, both only if this worker still holds the claim (graphile-worker's
 * `completeJob`/`failJob`): a 2xx delivers; anything else schedules the next attempt, or fails the delivery when
 * none is left. The endpoint remembers since when it has been failing, and is disabled after `disableAfterMs`.
 */
async function settle(options: DeliveryOptions, claim: Claim, result: AttemptResult, durationMs: number) {
  const succeeded = result.response !== null && result.response.status >= 200 && result.response.status < 300;
  const delay = succeeded ? null : retryDelay(claim.attempts, options.retryDelaysMs);
  const status = succeeded ? 'delivered' : delay === null ? 'failed' : 'pending';
  await options.db.transaction(async (tx) => {
    const [settled] = await tx.query<{ next_attempt_at: Date | null }>(
      `UPDATE webhook_deliveries
       SET status = $3, next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + $4 * interval '1 millisecond' ELSE next_attempt_at END,
           locked_by = NULL, locked_at = NULL
       WHERE delivery_id = $1 AND locked_by = $2
       RETURNING CASE WHEN status = 'pending' THEN next_attempt_at END AS next_attempt_at`,
      [claim.delivery_id, options.workerId, status, delay ?? 0],
    );
    if (!settled) return; // the claim went stale and another worker took the delivery over
    await tx.query(
      `INSERT INTO webhook_attempts (attempt_id, delivery_id, webhook_endpoint_id, event_id, attempt, succeeded,
         response_status, response_body, error, duration_ms, next_retry_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [createId('wha'), claim.delivery_id, claim.webhook_endpoint_id, claim.event_id, claim.attempts, succeeded,
        result.response?.status ?? null, result.response?.body ?? null, result.error, durationMs, settled.next_attempt_at],
    );
    if (succeeded) {
      await tx.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE webhook_endpoint_id = $1', [claim.webhook_endpoint_id]);
      return;
    }
    const reason = result.error ?? `Answered HTTP ${result.response!.status}.`;
    await tx.query(
      `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE webhook_endpoint_id = $1`,
      [claim.webhook_endpoint_id],
    );
    await tx.query(
      `UPDATE webhook_endpoints SET status = 'disabled',
         disabled_reason = 'Every delivery failed since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           || '; the last said: ' || $3 || ' Fix the endpoint, then enable it again with PATCH {"disabled": false}.'
       WHERE webhook_endpoint_id = $1 AND status = 'enabled' AND failing_since <= now() - $2 * interval '1 millisecond'`,
      [claim.webhook_endpoint_id, options.disableAfterMs, reason],
    );
  });
}
