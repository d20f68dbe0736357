import { createId } from '../ids';
import { modeOf } from '../modes';
import { toList, type List, type Page } from '../pagination';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import type { EventType } from '../../protocol/api/events';
import {
  createWebhookEndpointBody,
  updateWebhookEndpointBody,
  type DeletedWebhookEndpoint,
  type NewWebhookEndpoint,
  type RotatedWebhookEndpoint,
  type WebhookEndpoint,
} from '../../protocol/api/webhookEndpoints';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './checkWebhookUrl';
import { createWebhookSecret } from './webhookSecret';

interface WebhookEndpointRow {
  webhook_endpoint_id: string;
  merchant_id: string;
  url: string;
  description: string | null;
  enabled_events: ('*' | EventType)[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  livemode: boolean;
  created_at: Date;
}

/** How long a rotated secret keeps signing beside the new one, so receivers can switch without downtime. */
const ROTATION_OVERLAP_HOURS = 24;

function serializeWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    webhook_endpoint_id: row.webhook_endpoint_id,
    url: row.url,
    description: row.description,
    enabled_events: row.enabled_events,
    status: row.status,
    disabled_reason: row.disabled_reason,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

/** The secret, only in the answers that made it: creation and rotation. */
function withSecret(row: WebhookEndpointRow): NewWebhookEndpoint {
  return { ...serializeWebhookEndpoint(row), secret: row.secret };
}

/** A URL refused by the address rules is bad input like any other, named by `param`. */
async function assertDeliverable(url: string, policy: WebhookUrlPolicy) {
  try {
    await checkWebhookUrl(new URL(url), policy);
  } catch (error) {
    if (error instanceof WebhookUrlRefusedError) throw new TillApiError('validation_error', `Invalid 'url': ${error.message}`, 'url');
    throw error;
  }
}

function endpointMissing(id: string, param = 'id') {
  return new TillApiError('resource_missing', `No webhook endpoint with id '${id}'.`, param);
}

export async function findWebhookEndpoint(db: Queryable, merchantId: string, id: string, param = 'id') {
  const [row] = await db.query<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE webhook_endpoint_id = $1 AND merchant_id = $2', [
    id,
    merchantId,
  ]);
  if (!row) throw endpointMissing(id, param);
  return row;
}

export async function createWebhookEndpoint(db: Queryable, merchantId: string, body: unknown, policy: WebhookUrlPolicy): Promise<NewWebhookEndpoint> {
  const input = parseInput(createWebhookEndpointBody, body);
  await assertDeliverable(input.url, policy);
  const [row] = await db.query<WebhookEndpointRow>(
    `INSERT INTO webhook_endpoints (webhook_endpoint_id, merchant_id, url, description, enabled_events, secret, livemode)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [createId('we', modeOf(merchantId)), merchantId, input.url, input.description ?? null, input.enabled_events, createWebhookSecret(),
      modeOf(merchantId) === 'live'],
  );
  return withSecret(row!);
}

export async function listWebhookEndpoints(db: Queryable, merchantId: string, { limit, cursor }: Page): Promise<List<WebhookEndpoint>> {
  const rows = await db.query<WebhookEndpointRow>(
    `SELECT * FROM webhook_endpoints WHERE merchant_id = $1 AND webhook_endpoint_id > $2
     ORDER BY webhook_endpoint_id LIMIT $3`,
    [merchantId, cursor ?? '', limit + 1],
  );
  return toList(rows, limit, (row) => row.webhook_endpoint_id, (page) => page.map(serializeWebhookEndpoint));
}

export async function getWebhookEndpoint(db: Queryable, merchantId: string, id: string): Promise<WebhookEndpoint> {
  return serializeWebhookEndpoint(await findWebhookEndpoint(db, merchantId, id));
}

export async function updateWebhookEndpoint(db: Queryable, merchantId: string, id: string, body: unknown, policy: WebhookUrlPolicy): Promise<WebhookEndpoint> {
  const input = parseInput(updateWebhookEndpointBody, body);
  // Looked up first so an unknown id is answered before the URL's address check, which takes a DNS lookup.
  await findWebhookEndpoint(db, merchantId, id);
  if (input.url !== undefined) await assertDeliverable(input.url, policy);
  const status = input.disabled === undefined ? null : input.disabled ? 'disabled' : 'enabled';
  // Only what was sent is written: the worker may disable the endpoint meanwhile, and a change of description must
  // not enable it again. A DELETE since the lookup leaves no row to update: that is a 404 too.
  const [row] = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET url = coalesce($2, url), enabled_events = coalesce($3, enabled_events),
       description = CASE WHEN $4 THEN $5 ELSE description END,
       disabled_reason = CASE WHEN $6::text IS NULL THEN disabled_reason WHEN $6 = 'enabled' THEN NULL
         WHEN status = 'enabled' THEN 'Disabled by the merchant.' ELSE disabled_reason END,
       failing_since = CASE WHEN $6 = 'enabled' AND status = 'disabled' THEN NULL ELSE failing_since END,
       status = coalesce($6, status)
     WHERE webhook_endpoint_id = $1 AND merchant_id = $7 RETURNING *`,
    [id, input.url ?? null, input.enabled_events ?? null, input.description !== undefined, input.description ?? null, status, merchantId],
  );
  if (!row) throw endpointMissing(id);
  return serializeWebhookEndpoint(row);
}

/** Deletes the endpoint and its delivery log; events stay, and deliveries in flight settle into nothing. */
export async function deleteWebhookEndpoint(db: Queryable, merchantId: string, id: string): Promise<DeletedWebhookEndpoint> {
  // One statement: of two DELETEs at once, one deletes it and the other is told it is gone.
  const deleted = await db.query('DELETE FROM webhook_endpoints WHERE webhook_endpoint_id = $1 AND merchant_id = $2 RETURNING 1', [id, merchantId]);
  if (deleted.length === 0) throw endpointMissing(id);
  return { webhook_endpoint_id: id, deleted: true };
}

/**
 * A new secret, returned once; the one it replaces keeps signing beside it for 24 hours (two `v1,` signatures),
 * then stops. A second rotation within those hours retires the oldest secret at once.
 */
export async function rotateWebhookSecret(db: Queryable, merchantId: string, id: string): Promise<RotatedWebhookEndpoint> {
  // One statement scoped to the merchant, with no lookup before it that a DELETE could follow.
  const [row] = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET previous_secret = secret, secret = $2,
       previous_secret_expires_at = now() + $3 * interval '1 hour'
     WHERE webhook_endpoint_id = $1 AND merchant_id = $4 RETURNING *`,
    [id, createWebhookSecret(), ROTATION_OVERLAP_HOURS, merchantId],
  );
  if (!row) throw endpointMissing(id);
  return { ...withSecret(row), previous_secret_expires_at: row.previous_secret_expires_at!.toISOString() };
}
