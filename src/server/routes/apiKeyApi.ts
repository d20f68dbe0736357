import { Hono } from 'hono';
import { createApiKey, listApiKeys, revokeApiKey } from '../apiKeys/apiKeys';
import type { Database } from '../store/Database';
import { parseInput, readJsonBody } from '../validation';
import type { MerchantEnv } from './merchantAuth';
import { pageQuery } from '../../protocol/api/lists';

/** `/v1/api_keys`: a merchant's keys, made, listed and revoked with a key of that merchant. */
export function apiKeyApi(db: Database) {
  return new Hono<MerchantEnv>()
    .post('/api_keys', async (c) => c.json(await createApiKey(db, c.get('merchantId'), await readJsonBody(c)), 201))
    .get('/api_keys', async (c) => c.json(await listApiKeys(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))))
    .post('/api_keys/:id/revoke', async (c) => c.json(await revokeApiKey(db, c.get('merchantId'), c.req.param('id'))));
}
