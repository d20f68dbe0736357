import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import type { Database } from '../../src/server/store/Database';
import { captureLogs } from './support/captureLogs';
import { expectApiError, useTestServer } from './support/testServer';

const till = useTestServer();

describe('error envelope', () => {
  it.each([
    ['GET', '/nope'],
    ['POST', '/checkout'],
    ['DELETE', '/v1/checkout_sessions/cs_test_x'],
    ['GET', '/v1/refunds'],
  ])('answers %s %s with a 404 route_not_found envelope', async (method, path) => {
    expectApiError(await till.api(method, path), 'route_not_found');
  });

  it('names the missing route in the message', async () => {
    const response = await till.api('GET', '/nope');
    expect(response.body.error.message).toContain('GET /nope');
  });

  it('answers an unexpected failure with a 500 internal_error that does not reveal its cause', async () => {
    const failing: Database = {
      query: () => Promise.reject(new Error('connection refused to db.internal:5432')),
      transaction: () => Promise.reject(new Error('connection refused')),
      close: async () => {},
    };
    const logs = captureLogs('error');
    const response = await createApp({ db: failing, publicUrl: 'http://localhost:3000/', logger: logs.logger }).request('/v1/subscription_configs', {
      headers: { Authorization: `Bearer ${till.demo.apiKey}` },
    });
    const body = await response.json();
    expectApiError({ status: response.status, headers: response.headers, body }, 'internal_error');
    expect(JSON.stringify(body)).not.toContain('db.internal');
    expect(logs.entries()).toMatchObject([{ level: 'error', msg: 'request failed', err: { message: 'connection refused to db.internal:5432' } }]);
  });

  it('does not log the Authorization header of a failed request', async () => {
    const failing: Database = {
      query: () => Promise.reject(new Error('boom')),
      transaction: () => Promise.reject(new Error('boom')),
      close: async () => {},
    };
    const logs = captureLogs('debug');
    await createApp({ db: failing, publicUrl: 'http://localhost:3000/', logger: logs.logger }).request('/v1/subscription_configs', {
      headers: { Authorization: `Bearer ${till.demo.apiKey}` },
    });
    expect(logs.entries().map((entry) => entry.msg)).toStrictEqual(['request failed', 'request']);
    expect(logs.text()).not.toContain(till.demo.apiKey);
  });
});
