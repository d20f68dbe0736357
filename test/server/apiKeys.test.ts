import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/store/seedDemo';
import { expectApiError, useTestServer } from './support/testServer';

const till = useTestServer();

/** A second merchant of its own for each test, so revoking keys never touches the demo merchant's. */
async function merchant() {
  const other = await till.insertOtherMerchant();
  return {
    key: other.apiKey,
    api: (method: string, path: string, body?: unknown, key = other.apiKey) => till.api(method, path, { key, body }),
  };
}

describe('/v1/api_keys', () => {
  it('creates a key, showing its secret once, which then works', async () => {
    const { api } = await merchant();
    const created = await api('POST', '/v1/api_keys', { description: 'reporting job' });
    expect(created.status).toBe(201);
    expect(created.body).toStrictEqual({
      api_key_id: expect.stringMatching(/^key_test_[0-9A-Z]{26}$/),
      livemode: false,
      prefix: 'sk_test',
      last4: created.body.secret.slice(-4),
      mode: 'test',
      description: 'reporting job',
      created_at: expect.any(String),
      last_used_at: null,
      revoked_at: null,
      secret: expect.stringMatching(/^sk_test_[A-Za-z0-9_-]{48}$/),
    });
    expect((await api('GET', '/v1/subscription_configs', undefined, created.body.secret)).status).toBe(200);
    const list = await api('GET', '/v1/api_keys');
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const listed = list.body.data.find((key: any) => key.api_key_id === created.body.api_key_id);
    expect(listed.last_used_at).not.toBeNull();
    const { secret, ...withoutSecret } = created.body;
    expect({ ...listed, last_used_at: null }).toStrictEqual(withoutSecret);
  });

  it('refuses a revoked key at once, with 401', async () => {
    const { api } = await merchant();
    const { body: second } = await api('POST', '/v1/api_keys', {});
    expect((await api('GET', '/v1/api_keys', undefined, second.secret)).status).toBe(200);
    const revoked = await api('POST', `/v1/api_keys/${second.api_key_id}/revoke`);
    expect(revoked.body).toMatchObject({ api_key_id: second.api_key_id, revoked_at: expect.any(String) });
    expectApiError(await api('GET', '/v1/api_keys', undefined, second.secret), 'invalid_api_key');
    // Revoking again changes nothing.
    expect((await api('POST', `/v1/api_keys/${second.api_key_id}/revoke`)).body.revoked_at).toBe(revoked.body.revoked_at);
  });

  it('will not revoke the last active key over the API', async () => {
    const { api } = await merchant();
    const [only] = (await api('GET', '/v1/api_keys')).body.data;
    expectApiError(await api('POST', `/v1/api_keys/${only.api_key_id}/revoke`), 'last_api_key', 'id');
    expect((await api('GET', '/v1/api_keys')).status).toBe(200);
  });

  it("keeps one merchant's keys from another", async () => {
    const mine = await merchant();
    const theirs = await merchant();
    const [key] = (await mine.api('GET', '/v1/api_keys')).body.data;
    expect((await theirs.api('GET', '/v1/api_keys')).body.data.map((k: any) => k.api_key_id)).not.toContain(key.api_key_id);
    expectApiError(await theirs.api('POST', `/v1/api_keys/${key.api_key_id}/revoke`), 'resource_missing', 'id');
  });

  it.each([[{ description: '' }, 'description'], [{ description: 'x'.repeat(201) }, 'description'], [{ mode: 'live' }, 'mode']])(
    'refuses %j, naming %s',
    async (body, param) => {
      const { api } = await merchant();
      expectApiError(await api('POST', '/v1/api_keys', body), 'validation_error', param);
    },
  );

  it('revokes the key TILL_API_KEY pinned when it pins another', async () => {
    const before = till.demo.apiKey;
    const replacement = `sk_test_replacement_${Date.now()}`;
    const { apiKey } = await seedDemo(till.db, replacement);
    expect(apiKey).toBe(replacement);
    expectApiError(await till.api('GET', '/v1/api_keys', { key: before }), 'invalid_api_key');
    expect((await till.api('GET', '/v1/api_keys', { key: replacement })).status).toBe(200);
    // And pinning the first again brings it back.
    await seedDemo(till.db, before);
    expect((await till.api('GET', '/v1/api_keys', { key: before })).status).toBe(200);
    expectApiError(await till.api('GET', '/v1/api_keys', { key: replacement }), 'invalid_api_key');
  });
});
