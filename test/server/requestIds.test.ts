import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import type { Database } from '../../src/server/store/Database';
import { captureLogs } from './support/captureLogs';
import { expectApiError, handleOf, newCustomerPayment, secretOf, useTestServer, validCard, DECLINED_VISA } from './support/testServer';

const till = useTestServer();

const NEW_ID = /^req_[\w-]{16}$/;

describe('X-Request-Id', () => {
  it('is on every kind of response, each request its own', async () => {
    const session = await till.createSession();
    const { src } = await (await till.request('GET', '/checkout.json', { key: null })).json();
    const html = await (await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null })).text();
    const asset = /src="\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const responses = await Promise.all([
      till.request('GET', `/v1/checkout_sessions/${session.checkout_session_id}`),
      till.request('GET', '/api/checkout/session', { key: secretOf(session) }),
      till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null }),
      till.request('GET', '/checkout/not-a-session', { key: null }),
      till.request('GET', '/checkout.js', { key: null }),
      till.request('GET', new URL(src).pathname, { key: null }),
      till.request('GET', `/${asset}`, { key: null }),
      till.request('GET', '/assets/missing.js', { key: null }),
      till.request('GET', '/', { key: null }),
      till.request('GET', '/nope', { key: null }),
      till.request('GET', '/v1/checkout_sessions/cs_test_missing'),
      till.request('GET', '/v1/subscription_configs', { key: 'sk_test_wrong' }),
    ]);
    expect(responses.map((response) => response.status)).toStrictEqual([200, 200, 200, 404, 200, 200, 200, 404, 200, 404, 404, 401]);
    const ids = responses.map((response) => response.headers.get('X-Request-Id'));
    for (const id of ids) expect(id).toMatch(NEW_ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['a W3C trace id', '4bf92f3577b34da6a3ef63f97d1ed2a0'],
    ['its own format', 'req_AbCdEfGhIjKlMnOp'],
    ['200 characters', 'a'.repeat(200)],
  ])('keeps a well-formed incoming id: %s', async (_, id) => {
    const ok = await till.request('GET', '/v1/subscription_configs', { headers: { 'X-Request-Id': id } });
    expect(ok.headers.get('X-Request-Id')).toBe(id);
    const failed = await till.api('GET', '/v1/checkout_sessions/cs_test_missing', { headers: { 'X-Request-Id': id } });
    expectApiError(failed, 'resource_missing', 'id');
    expect(failed.body.error.request_id).toBe(id);
  });

  it.each([
    ['longer than 200 characters', 'a'.repeat(201)],
    ['with spaces', 'trace id'],
    ['with markup', '<script>alert(1)</script>'],
    ['with a line of log', 'x\tERROR forged'],
    ['with dots and colons', 'trace:1.2'],
  ])('replaces an incoming id %s with a new one', async (_, id) => {
    const response = await till.api('GET', '/nope', { headers: { 'X-Request-Id': id } });
    expectApiError(response, 'route_not_found');
    expect(response.headers.get('X-Request-Id')).toMatch(NEW_ID);
  });

  it('is the request_id of a 500, and of its log line, which still reveals nothing of the request', async () => {
    const failing: Database = {
      query: () => Promise.reject(new Error('boom')),
      transaction: () => Promise.reject(new Error('boom')),
      close: async () => {},
    };
    const logs = captureLogs('error');
    const response = await createApp({ db: failing, publicUrl: 'http://localhost:3000/', logger: logs.logger }).request('/v1/subscription_configs', {
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'X-Request-Id': 'trace-500' },
    });
    expectApiError({ status: response.status, headers: response.headers, body: await response.json() }, 'internal_error');
    expect(response.headers.get('X-Request-Id')).toBe('trace-500');
    expect(logs.entries()).toMatchObject([
      { level: 'error', msg: 'request failed', request_id: 'trace-500', method: 'GET', route: '/v1/subscription_configs', err: { message: 'boom' } },
    ]);
    expect(logs.text()).not.toContain(till.demo.apiKey);
  });

  it("gives a replayed checkout decline the retry's own id", async () => {
    const session = await till.createSession();
    const headers = (id: string) => ({ 'Idempotency-Key': 'replayed-decline', 'X-Request-Id': id });
    const body = newCustomerPayment({ card: validCard(DECLINED_VISA) });
    expect((await till.complete(secretOf(session), body, headers('first-attempt'))).body.error.request_id).toBe('first-attempt');
    const retry = await till.complete(secretOf(session), body, headers('second-attempt'));
    expectApiError(retry, 'card_declined', 'payment_method');
    expect(retry.body.error.request_id).toBe('second-attempt');
  });

  it("gives a replayed merchant refusal (Idempotency-Key) the retry's own id", async () => {
    const body = await till.sessionBody({ quantity: 0 });
    const post = (id: string) =>
      till.api('POST', '/v1/checkout_sessions', { body, headers: { 'Idempotency-Key': `refusal-${till.demo.merchantId}`, 'X-Request-Id': id } });
    expect((await post('first-post')).body.error.request_id).toBe('first-post');
    const retry = await post('second-post');
    expectApiError(retry, 'validation_error', 'quantity');
    expect(retry.body.error.request_id).toBe('second-post');
  });
});
