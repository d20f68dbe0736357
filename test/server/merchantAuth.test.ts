import { describe, expect, it, vi } from 'vitest';
import { insertApiKey } from '../../src/server/apiKeys/apiKeys';
import { VERIFIED_KEY_TTL_MS } from '../../src/server/apiKeys/verifiedKeys';
import { hashSecret } from '../../src/server/secrets';
import { expectApiError, useTestServer } from './support/testServer';

const till = useTestServer();

describe('merchant API authentication', () => {
  it('rejects a request without an Authorization header as authentication_required', async () => {
    expectApiError(await till.api('GET', '/v1/subscription_configs', { key: null }), 'authentication_required');
  });

  it.each([
    ['another scheme', 'Basic c2tfdGVzdDo='],
    ['a scheme without a key', 'Bearer'],
    ['a key without a scheme', 'sk_test_abc'],
  ])('rejects %s as authentication_required', async (_, authorization) => {
    const response = await till.api('GET', '/v1/subscription_configs', { key: null, headers: { Authorization: authorization } });
    expectApiError(response, 'authentication_required');
  });

  it('rejects an unknown key as invalid_api_key', async () => {
    expectApiError(await till.api('GET', '/v1/subscription_configs', { key: 'sk_test_not_a_real_key' }), 'invalid_api_key');
  });

  it('rejects a session secret used as an API key', async () => {
    const session = await till.createSession();
    const { secret } = JSON.parse(Buffer.from(session.checkout_session_token!, 'base64').toString());
    expectApiError(await till.api('GET', '/v1/subscription_configs', { key: secret }), 'invalid_api_key');
  });

  it('accepts the key with a lowercase bearer scheme', async () => {
    const response = await till.api('GET', '/v1/subscription_configs', {
      key: null,
      headers: { Authorization: `bearer ${till.demo.apiKey}` },
    });
    expect(response.status).toBe(200);
  });

  it('checks every /v1 route, POST included, before reading the body', async () => {
    expectApiError(await till.api('POST', '/v1/checkout_sessions', { key: null, body: '{not json' }), 'authentication_required');
    expectApiError(await till.api('GET', '/v1/connections/con_test_x', { key: 'sk_test_wrong' }), 'invalid_api_key');
  });

  it('stores API keys only as their hashes', async () => {
    const rows = await till.db.query<Record<string, unknown>>('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(till.demo.apiKey);
    expect(rows.map((row) => row.key_hash)).toContain(hashSecret(till.demo.apiKey));
  });

  it('refuses a key revoked in the store by another process once the few seconds it is trusted have passed', async () => {
    const { secret, api_key_id } = await insertApiKey(till.db, till.demo.merchantId);
    expect((await till.api('GET', '/v1/subscription_configs', { key: secret })).status).toBe(200);
    // As the CLI or a second server on the same Postgres would: not through this server.
    await till.db.query('UPDATE api_keys SET revoked_at = now() WHERE api_key_id = $1', [api_key_id]);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + VERIFIED_KEY_TTL_MS });
    try {
      expectApiError(await till.api('GET', '/v1/subscription_configs', { key: secret }), 'invalid_api_key');
    } finally {
      vi.useRealTimers();
    }
  });
});
