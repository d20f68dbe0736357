import { serializeEvent, type EventRow } from '../events/serializeEvent';
import { createId } from '../ids';
import { modeOf } from '../modes';
import type { Database, Queryable } from '../store/Database';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './checkWebhookUrl';
import { retryDelay } from './retrySchedule';
import type { WebhookConnector, WebhookResponse } from './sendWebhookRequest';
import { signWebhook } from './webhookSecret';

export interface DeliveryOptions {
  db: Database;
  /** Written into each claim; with the attempt count, the token that settles it. */
  workerId: string;
  urlPolicy: WebhookUrlPolicy;
  connector: WebhookConnector;
  /** For the whole attempt, from its claim: reading the event, resolving, connecting, sending, reading the answer. */
  timeoutMs: number;
  retryDelaysMs: readonly number[];
}

export interface Claim {
  delivery_id: string;
  event_id: string;
  webhook_endpoint_id: string;
  attempts: number;
  schedule_from: number;
  /** The worker that held this delivery before, when its claim ran out unsettled (it died mid-attempt). */
  abandoned_by: string | null;
}

interface Target {
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * How long past its own timeout a claim holds, for settling after the answer. A claim past that belongs to a worker
 * that died mid-attempt (a kill -9, a lost machine), and the endpoint may be claimed again. The end is written into
 * the claim, so servers with different timeouts agree on it.
 */
const CLAIM_MARGIN_MS = 5000;

/**
 * One statement claims due deliveries (graphile-worker's `getJobs`), at most one per endpoint: endpoints that are
 * enabled, not busy and have a due delivery are locked with SKIP LOCKED (Postgres checks `busy_until` again on the
 * locked row, so two workers claiming at once cannot both take an endpoint), the oldest due first across endpoints;
 * each is marked busy until its claim runs out, and its oldest due delivery is claimed with its attempt counted,
 * so an attempt cut short by a crash still counts. An endpoint thus gets one webhook at a time, whatever the number
 * of server instances: one that hangs holds one slot, never all of them, and never delays another endpoint.
 */
const CLAIM_DUE_DELIVERIES = `
  WITH picked AS (
    SELECT e.webhook_endpoint_id, next.delivery_id, next.locked_by AS abandoned_by
    FROM webhook_endpoints e
    CROSS JOIN LATERAL (
      SELECT d.delivery_id, d.next_attempt_at, d.locked_by FROM webhook_deliveries d
      WHERE d.webhook_endpoint_id = e.webhook_endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= now()
      ORDER BY d.next_attempt_at, d.delivery_id
      LIMIT 1) next
    WHERE e.status = 'enabled' AND (e.busy_until IS NULL OR e.busy_until < now())
    ORDER BY next.next_attempt_at
    LIMIT $2
    FOR UPDATE OF e SKIP LOCKED
  ), busy AS (
    UPDATE webhook_endpoints e SET busy_by = $1, busy_until = now() + $3 * interval '1 millisecond'
    FROM picked WHERE e.webhook_endpoint_id = picked.webhook_endpoint_id
  )
  UPDATE webhook_deliveries d SET locked_by = $1, attempts = d.attempts + 1
  FROM picked WHERE d.delivery_id = picked.delivery_id AND d.status = 'pending'
  RETURNING d.delivery_id, d.event_id, d.webhook_endpoint_id, d.attempts, d.schedule_from, picked.abandoned_by`;

/** Claims up to `limit` due deliveries, each of another endpoint, for this worker. */
export async function claimDueDeliveries(options: DeliveryOptions, limit: number): Promise<Claim[]> {
  return options.db.query<Claim>(CLAIM_DUE_DELIVERIES, [options.workerId, limit, options.timeoutMs + CLAIM_MARGIN_MS]);
}

type AttemptResult = { response: WebhookResponse; error: null } | { response: null; error: string };

/** Sends one claimed delivery and settles it; what the receiver does never makes it throw. */
export async function attemptDelivery(options: DeliveryOptions, claim: Claim) {
  const signal = AbortSignal.timeout(options.timeoutMs);
  if (claim.abandoned_by) await recordAbandonedAttempt(options.db, claim);
  const [row] = await options.db.query<EventRow & Target>(
    `SELECT ev.*, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at
     FROM events ev, webhook_endpoints w WHERE ev.event_id = $1 AND w.webhook_endpoint_id = $2`,
    [claim.event_id, claim.webhook_endpoint_id],
  );
  if (!row) return; // the endpoint was deleted since the claim, and its deliveries with it
  const started = performance.now();
  const result = await send(options, row, signal);
  await settle(options, claim, result, Math.round(performance.now() - started));
}

async function send({ urlPolicy, connector, timeoutMs }: DeliveryOptions, row: EventRow & Target, signal: AbortSignal): Promise<AttemptResult> {
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

/** The attempt a dead worker made and never recorded, so that the log still shows every attempt. */
async function recordAbandonedAttempt(db: Queryable, claim: Claim) {
  await insertAttempt(db, claim, claim.attempts - 1, {
    succeeded: false,
    response: null,
    error: 'No result: the server making this attempt stopped before it was recorded.',
    durationMs: 0,
    nextRetryAt: null,
  });
}

interface AttemptRecord {
  succeeded: boolean;
  response: WebhookResponse | null;
  error: string | null;
  durationMs: number;
  nextRetryAt: Date | null;
}

async function insertAttempt(db: Queryable, claim: Claim, attempt: number, record: AttemptRecord) {
  await db.query(
    `INSERT INTO webhook_attempts (attempt_id, delivery_id, webhook_endpoint_id, event_id, attempt, succeeded,
       response_status, response_body, error, duration_ms, next_retry_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE delivery_id = $2)`,
    [createId('wha', modeOf(claim.event_id)), claim.delivery_id, claim.webhook_endpoint_id, claim.event_id, attempt, record.succeeded,
      record.response?.status ?? null, record.response?.body ?? null, record.error, record.durationMs, record.nextRetryAt],
  );
}

/**
 * Records the attempt, frees the endpoint and settles the delivery, the last two only while this worker's claim
 * (worker and attempt count) still holds, as graphile-worker's `completeJob`/`failJob`: a 2xx delivers; anything
 * else schedules the next attempt, or fails the delivery when none is left. A redelivery asked for meanwhile makes
 * it due at once, on a fresh schedule. The endpoint is locked before the delivery, in the order a deletion of the
 * endpoint locks them, so the two cannot deadlock. When a delivery fails for good and the endpoint has not
 * succeeded since that delivery's first attempt (every attempt of a whole schedule failed, about three days), the
 * endpoint is disabled, saying why.
 */
async function settle(options: DeliveryOptions, claim: Claim, result: AttemptResult, durationMs: number) {
  const succeeded = result.response !== null && result.response.status >= 200 && result.response.status < 300;
  const delay = succeeded ? null : retryDelay(claim.attempts - claim.schedule_from, options.retryDelaysMs);
  const failure = result.error ?? `Answered HTTP ${result.response?.status}.`;
  await options.db.transaction(async (tx) => {
    await tx.query('UPDATE webhook_endpoints SET busy_by = NULL, busy_until = NULL WHERE webhook_endpoint_id = $1 AND busy_by = $2', [
      claim.webhook_endpoint_id,
      options.workerId,
    ]);
    const [settled] = await tx.query<{ status: string; next_attempt_at: Date }>(
      `UPDATE webhook_deliveries SET
         status = CASE WHEN redeliver_requested OR $4::integer IS NOT NULL THEN 'pending' WHEN $3 THEN 'delivered' ELSE 'failed' END,
         next_attempt_at = CASE WHEN redeliver_requested THEN now() WHEN $4::integer IS NOT NULL THEN now() + $4 * interval '1 millisecond' ELSE next_attempt_at END,
         schedule_from = CASE WHEN redeliver_requested THEN attempts ELSE schedule_from END,
         redeliver_requested = false, locked_by = NULL
       WHERE delivery_id = $1 AND locked_by = $2 AND attempts = $5
       RETURNING status, next_attempt_at`,
      [claim.delivery_id, options.workerId, succeeded, delay, claim.attempts],
    );
    // Without the claim (another worker took it over after ours ran out) the attempt is still logged, nothing else.
    const nextRetryAt = settled?.status === 'pending' ? settled.next_attempt_at : null;
    await insertAttempt(tx, claim, claim.attempts, { succeeded, response: result.response, error: result.error, durationMs, nextRetryAt });
    if (!settled) return;
    if (succeeded) {
      await tx.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE webhook_endpoint_id = $1', [claim.webhook_endpoint_id]);
      return;
    }
    await tx.query('UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE webhook_endpoint_id = $1', [
      claim.webhook_endpoint_id,
    ]);
    if (settled.status !== 'failed') return;
    await tx.query(
      `UPDATE webhook_endpoints SET status = 'disabled',
         disabled_reason = 'Every delivery attempt failed since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           || '; the last said: ' || $3 || ' Fix the endpoint, then enable it again with PATCH {"disabled": false}.'
       WHERE webhook_endpoint_id = $1 AND status = 'enabled'
         AND failing_since <= (SELECT min(created_at) FROM webhook_attempts WHERE delivery_id = $2)`,
      [claim.webhook_endpoint_id, claim.delivery_id, failure],
    );
  });
}
