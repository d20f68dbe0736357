import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/protocol/api/events';
import type { Database, Queryable } from '../../src/server/store/Database';
import { expectApiError, useTestServer } from './support/testServer';

/** An endpoint to delete just before the next UPDATE of webhook endpoints: a DELETE racing a PATCH or a rotation. */
let deleteBeforeNextUpdate: string | null = null;

function deletingBeforeUpdate(db: Database): Database {
  const racing = (target: Queryable) => async (sql: string, params?: unknown[]) => {
    if (deleteBeforeNextUpdate !== null && /^\s*UPDATE webhook_endpoints\b/.test(sql)) {
      const id = deleteBeforeNextUpdate;
      deleteBeforeNextUpdate = null;
      await db.query('DELETE FROM webhook_endpoints WHERE webhook_endpoint_id = $1', [id]);
    }
    return target.query<never>(sql, params);
  };
  return { query: racing(db), transaction: (work) => db.transaction((tx) => work({ query: racing(tx) })), close: () => db.close() };
}

const till = useTestServer({ wrapDatabase: deletingBeforeUpdate });
const RECEIVER = 'http://127.0.0.1:9/hooks';

const create = (body: unknown) => till.api('POST', '/v1/webhook_endpoints', { body });

describe('webhook endpoints', () => {
  it('creates an endpoint and shows its secret once', async () => {
    const created = await create({ url: RECEIVER, enabled_events: ['checkout.completed', 'payment.failed'], description: 'orders' });
    expect(created.status).toBe(201);
    expect(created.body).toStrictEqual({
      webhook_endpoint_id: expect.stringMatching(/^we_test_[0-9A-Z]{26}$/),
      url: RECEIVER,
      description: 'orders',
      enabled_events: ['checkout.completed', 'payment.failed'],
      status: 'enabled',
      disabled_reason: null,
      livemode: false,
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const id = created.body.webhook_endpoint_id;
    const { secret, ...withoutSecret } = created.body;
    expect((await till.api('GET', `/v1/webhook_endpoints/${id}`)).body).toStrictEqual(withoutSecret);
    const list = await till.api('GET', '/v1/webhook_endpoints?limit=100');
    expect(list.body.data).toContainEqual(withoutSecret);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it.each([
    [{ enabled_events: ['*'] }, 'url'],
    [{ url: 'not a url', enabled_events: ['*'] }, 'url'],
    [{ url: 'ftp://127.0.0.1/hooks', enabled_events: ['*'] }, 'url'],
    [{ url: 'https://user:pass@hooks.example.com/', enabled_events: ['*'] }, 'url'],
    [{ url: RECEIVER }, 'enabled_events'],
    [{ url: RECEIVER, enabled_events: [] }, 'enabled_events'],
    [{ url: RECEIVER, enabled_events: ['checkout.paid'] }, 'enabled_events.0'],
    [{ url: RECEIVER, enabled_events: ['checkout.completed', 'checkout.completed'] }, 'enabled_events'],
    [{ url: RECEIVER, enabled_events: '*' }, 'enabled_events'],
    [{ url: RECEIVER, enabled_events: ['*'], description: 'x'.repeat(501) }, 'description'],
    [{ url: RECEIVER, enabled_events: ['*'], secret: 'whsec_mine' }, 'secret'],
  ])('refuses %j, naming %s', async (body, param) => {
    expectApiError(await create(body), 'validation_error', param);
  });

  it('accepts every event type, and * for all', async () => {
    expect((await create({ url: RECEIVER, enabled_events: [...EVENT_TYPES] })).status).toBe(201);
    expect((await create({ url: RECEIVER, enabled_events: ['*'] })).status).toBe(201);
  });

  it('updates url, events and description, and disables and re-enables', async () => {
    const { body: endpoint } = await create({ url: RECEIVER, enabled_events: ['*'] });
    const path = `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}`;
    const updated = await till.api('PATCH', path, {
      body: { url: 'http://localhost:9/other', enabled_events: ['checkout.expired'], description: 'expiries' },
    });
    expect(updated.body).toMatchObject({ url: 'http://localhost:9/other', enabled_events: ['checkout.expired'], description: 'expiries', status: 'enabled' });

    const disabled = await till.api('PATCH', path, { body: { disabled: true } });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabled_reason: 'Disabled by the merchant.', url: 'http://localhost:9/other' });
    const enabled = await till.api('PATCH', path, { body: { disabled: false, description: null } });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabled_reason: null, description: null });

    expectApiError(await till.api('PATCH', path, { body: { enabled_events: [] } }), 'validation_error', 'enabled_events');
    expectApiError(await till.api('PATCH', path, { body: { url: 'https://10.0.0.1/' } }), 'validation_error', 'url');
    expectApiError(await till.api('PATCH', path, { body: { status: 'enabled' } }), 'validation_error', 'status');
    expect((await till.api('GET', path)).body.url).toBe('http://localhost:9/other');
  });

  it('deletes an endpoint', async () => {
    const { body: endpoint } = await create({ url: RECEIVER, enabled_events: ['*'] });
    const path = `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}`;
    expect((await till.api('DELETE', path)).body).toStrictEqual({ webhook_endpoint_id: endpoint.webhook_endpoint_id, deleted: true });
    expectApiError(await till.api('GET', path), 'resource_missing', 'id');
    expectApiError(await till.api('DELETE', path), 'resource_missing', 'id');
  });

  it('rotates the secret, returning the new one once', async () => {
    const { body: endpoint } = await create({ url: RECEIVER, enabled_events: ['*'] });
    const rotated = await till.api('POST', `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const overlapHours = (Date.parse(rotated.body.previous_secret_expires_at) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
  });

  it.each([
    ['a PATCH', 'PATCH', '', { description: 'renamed' }],
    ['a rotation', 'POST', '/rotate_secret', undefined],
  ])('answers %s of an endpoint deleted meanwhile with 404, not 500', async (_, method, suffix, body) => {
    const { body: endpoint } = await create({ url: RECEIVER, enabled_events: ['*'] });
    deleteBeforeNextUpdate = endpoint.webhook_endpoint_id;
    const response = await till.api(method, `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}${suffix}`, body === undefined ? {} : { body });
    expect(deleteBeforeNextUpdate).toBeNull();
    expectApiError(response, 'resource_missing', 'id');
  });

  it("keeps one merchant's endpoints from another", async () => {
    const other = await till.insertOtherMerchant();
    const { body: mine } = await create({ url: RECEIVER, enabled_events: ['*'] });
    const path = `/v1/webhook_endpoints/${mine.webhook_endpoint_id}`;
    const as = { key: other.apiKey };
    expectApiError(await till.api('GET', path, as), 'resource_missing', 'id');
    expectApiError(await till.api('PATCH', path, { ...as, body: { disabled: true } }), 'resource_missing', 'id');
    expectApiError(await till.api('POST', `${path}/rotate_secret`, as), 'resource_missing', 'id');
    expectApiError(await till.api('GET', `${path}/deliveries`, as), 'resource_missing', 'id');
    expectApiError(await till.api('DELETE', path, as), 'resource_missing', 'id');
    expect((await till.api('GET', '/v1/webhook_endpoints', as)).body.data).toStrictEqual([]);
    expect((await till.api('GET', path)).body.status).toBe('enabled');
  });

  it('pages through endpoints with the usual cursor', async () => {
    const other = await till.insertOtherMerchant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await till.api('POST', '/v1/webhook_endpoints', { key: other.apiKey, body: { url: RECEIVER, enabled_events: ['*'] } })).body.webhook_endpoint_id);
    }
    const first = await till.api('GET', '/v1/webhook_endpoints?limit=2', { key: other.apiKey });
    expect(first.body).toMatchObject({ has_more: true, next_cursor: ids[1] });
    const second = await till.api('GET', `/v1/webhook_endpoints?limit=2&cursor=${ids[1]}`, { key: other.apiKey });
    expect(second.body.data.map((e: any) => e.webhook_endpoint_id)).toStrictEqual([ids[2]]);
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
  });
});
