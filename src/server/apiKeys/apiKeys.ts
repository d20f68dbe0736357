import { createId } from '../ids';
import { forgetVerifiedKeys } from './verifiedKeys';
import { modeOf } from '../modes';
import { toList, type List, type Page } from '../pagination';
import { createSecret, hashSecret } from '../secrets';
import type { Database, Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { createApiKeyBody, type ApiKey, type NewApiKey } from '../../protocol/api/apiKeys';

interface ApiKeyRow {
  api_key_id: string;
  merchant_id: string;
  last4: string | null;
  description: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A key as lists show it: never the secret, which exists only in the answer that made it. */
function serializeApiKey(row: ApiKeyRow): ApiKey {
  const mode = modeOf(row.api_key_id);
  return {
    api_key_id: row.api_key_id,
    livemode: mode === 'live',
    prefix: `sk_${mode}`,
    last4: row.last4,
    mode,
    description: row.description,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Stores a key for the merchant, as its hash and last four characters, and returns it with its secret, shown
 * this once. `secret` pins a known key (the demo's `TILL_API_KEY`); otherwise a new one is made. A key's mode is
 * its merchant row's.
 */
export async function insertApiKey(db: Queryable, merchantId: string, { secret = createSecret('sk', modeOf(merchantId)), description = null as string | null } = {}): Promise<NewApiKey> {
  const mode = modeOf(merchantId);
  if (!secret.startsWith(`sk_${mode}_`)) throw new Error(`A ${mode} mode key must start with 'sk_${mode}_'.`);
  const [row] = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (api_key_id, key_hash, merchant_id, last4, description) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [createId('key', mode), hashSecret(secret), merchantId, secret.slice(-4), description],
  );
  return { ...serializeApiKey(row!), secret };
}

export async function createApiKey(db: Queryable, merchantId: string, body: unknown): Promise<NewApiKey> {
  const input = parseInput(createApiKeyBody, body);
  return insertApiKey(db, merchantId, { description: input.description ?? null });
}

export async function listApiKeys(db: Queryable, merchantId: string, { limit, cursor }: Page): Promise<List<ApiKey>> {
  const rows = await db.query<ApiKeyRow>(
    'SELECT * FROM api_keys WHERE merchant_id = $1 AND api_key_id > $2 ORDER BY api_key_id LIMIT $3',
    [merchantId, cursor ?? '', limit + 1],
  );
  return toList(rows, limit, (row) => row.api_key_id, (page) => page.map(serializeApiKey));
}

/**
 * Revokes a key at once: the next request with it answers 401. Revoking again changes nothing. Over the API a
 * merchant cannot revoke its last active key, which would lock it out (the CLI, run on the server, can).
 */
export async function revokeApiKey(db: Database, merchantId: string, apiKeyId: string, { allowLast = false } = {}): Promise<ApiKey> {
  return db.transaction(async (tx) => {
    // The merchant's keys are locked together, so two revocations at once cannot each leave the other as the last.
    const keys = await tx.query<ApiKeyRow>('SELECT * FROM api_keys WHERE merchant_id = $1 ORDER BY api_key_id FOR UPDATE', [merchantId]);
    const key = keys.find((row) => row.api_key_id === apiKeyId);
    if (!key) throw new TillApiError('resource_missing', `No API key with id '${apiKeyId}'.`, 'id');
    if (key.revoked_at) return serializeApiKey(key);
    if (!allowLast && !keys.some((row) => row.api_key_id !== apiKeyId && row.revoked_at === null)) {
      throw new TillApiError('last_api_key', 'This is your last active API key: create another before revoking it.', 'id');
    }
    const [revoked] = await tx.query<ApiKeyRow>('UPDATE api_keys SET revoked_at = now() WHERE api_key_id = $1 RETURNING *', [apiKeyId]);
    return serializeApiKey(revoked!);
  }).finally(() => {
    // After the commit: a request that looked the key up while the revocation ran is forgotten too.
    forgetVerifiedKeys();
  });
}
