import { tokenizeCard } from './support/tokenizeCard';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import { createLogger } from '../../src/server/logging/createLogger';
import { scrubSecrets } from '../../src/server/logging/scrubSecrets';
import type { Database } from '../../src/server/store/Database';
import { captureLogs } from './support/captureLogs';
import { PUBLIC_URL, secretOf, useTestServer, VISA } from './support/testServer';

const till = useTestServer();

/** The demo merchant's app on the test store, logging into memory. */
function appWithLogs(level: Parameters<typeof captureLogs>[0] = 'info') {
  const logs = captureLogs(level);
  return { logs, app: createApp({ db: till.db, publicUrl: PUBLIC_URL, logger: logs.logger }) };
}

describe('request log', () => {
  it('writes one JSON line per request with its method, route, status, duration and request id', async () => {
    const session = await till.createSession();
    const { logs, app } = appWithLogs();

    const response = await app.request(`/v1/checkout_sessions/${session.checkout_session_id}`, {
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'X-Request-Id': 'trace-log-1' },
    });

    expect(response.status).toBe(200);
    const [line, ...more] = logs.entries();
    expect(more).toStrictEqual([]);
    expect(line).toStrictEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      msg: 'request',
      request_id: 'trace-log-1',
      method: 'GET',
      route: '/v1/checkout_sessions/:id',
      status: 200,
      duration_ms: expect.any(Number),
    });
    expect(line!.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('names the route refused by authentication, and no route for an unknown path', async () => {
    const { logs, app } = appWithLogs();
    const refused = await app.request('/v1/subscription_configs');
    const unknown = await app.request('/nowhere');

    expect(logs.entries().map(({ method, route, status, request_id }) => ({ method, route, status, request_id }))).toStrictEqual([
      { method: 'GET', route: '/v1/subscription_configs', status: 401, request_id: refused.headers.get('X-Request-Id') },
      { method: 'GET', route: null, status: 404, request_id: unknown.headers.get('X-Request-Id') },
    ]);
  });

  it('logs health probes only at debug level', async () => {
    const quiet = appWithLogs('info');
    await quiet.app.request('/healthz');
    expect(quiet.logs.entries()).toStrictEqual([]);

    const chatty = appWithLogs('debug');
    await chatty.app.request('/healthz');
    expect(chatty.logs.entries()).toMatchObject([{ level: 'debug', msg: 'request', route: '/healthz', status: 200 }]);
  });

  it('never prints the API key, session secret, card number, CVC or email address a request carried', async () => {
    const email = 'carol.secret@example.com';
    const { logs, app } = appWithLogs('debug');
    const created = await app.request('/v1/checkout_sessions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(await till.sessionBody({ customer: { email } })),
    });
    expect(created.status).toBe(201);
    const secret = secretOf(await created.json());
    const body = { customer: { email, name: 'Carol' }, card: { number: VISA, exp_month: 12, exp_year: 2040, cvc: '987' } };
    const paid = await app.request('/api/checkout/complete', {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(await tokenizeCard((path, init) => app.request(path, init), body)),
    });
    expect(paid.status).toBe(200);
    // And a lookup that puts the address in the query string.
    await app.request(`/v1/connections?email=${encodeURIComponent(email)}`, { headers: { Authorization: `Bearer ${till.demo.apiKey}` } });

    expect(logs.entries().map((entry) => [entry.route, entry.status])).toStrictEqual([
      ['/v1/checkout_sessions', 201],
      ['/test-processor/payment_methods', 200],
      ['/api/checkout/complete', 200],
      ['/v1/connections', 200],
    ]);
    const text = logs.text();
    for (const revealing of [till.demo.apiKey, secret, VISA, '987', email, 'carol.secret']) expect(text).not.toContain(revealing);
  });

  it('logs a failure with its request id, and scrubs what the error quotes', async () => {
    const quoting = new Error(
      `duplicate key: Key (email)=(dave@example.com); card 4242 4242 4242 4242; Bearer ${till.demo.apiKey}; whsec_c2VjcmV0c2VjcmV0c2VjcmV0`,
    );
    Object.assign(quoting, { detail: 'Key (email)=(dave@example.com) already exists.', parameters: ['dave@example.com'] });
    const failing: Database = { query: () => Promise.reject(quoting), transaction: () => Promise.reject(quoting), close: async () => {} };
    const logs = captureLogs();

    const response = await createApp({ db: failing, publicUrl: PUBLIC_URL, logger: logs.logger }).request('/v1/subscription_configs', {
      headers: { Authorization: `Bearer ${till.demo.apiKey}` },
    });

    expect(response.status).toBe(500);
    const requestId = response.headers.get('X-Request-Id');
    const [failure, request] = logs.entries();
    expect(failure).toMatchObject({ level: 'error', msg: 'request failed', request_id: requestId, route: '/v1/subscription_configs' });
    expect(failure!.err).toStrictEqual({
      type: 'Error',
      message: 'duplicate key: Key (email)=([email]); card [card number]; Bearer [redacted]; whsec_[redacted]',
      stack: expect.stringContaining('duplicate key: Key (email)=([email])'),
    });
    expect(request).toMatchObject({ msg: 'request', request_id: requestId, status: 500 });
    for (const revealing of ['dave@example.com', '4242', till.demo.apiKey, 'c2VjcmV0']) expect(logs.text()).not.toContain(revealing);
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['an API key', 'key sk_test_AbC-12_x9 used', 'key sk_test_[redacted] used'],
    ['a live API key', 'sk_live_ZZZZZZZZ', 'sk_live_[redacted]'],
    ['a checkout session secret', 'secret css_test_abc123', 'secret css_test_[redacted]'],
    ['a webhook secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_[redacted]'],
    ['a bearer token of any shape', 'authorization: bearer abc.def', 'authorization: Bearer [redacted]'],
    ['a checkout token', `token ${Buffer.from('{"secret":"css_test_x","base":"http://a/"}').toString('base64')}!`, 'token [checkout token]!'],
    ['an email address', 'mail to jane.doe+tag@mail.example.co.uk.', 'mail to [email].'],
    ['a card number', 'card 4242424242424242', 'card [card number]'],
    ['a card number typed in groups', '4000 0000 0000 0002 / 3782-822463-10005', '[card number] / [card number]'],
    ['a 19-digit card number', '6011000990139424123', '[card number]'],
  ])('hides %s', (_, text, scrubbed) => {
    expect(scrubSecrets(text)).toBe(scrubbed);
  });

  it.each([
    ['a timestamp', '2026-12-04T16:16:44.923Z'],
    ['a duration and a status', 'took 1234ms, answered 201'],
    ['a request id', 'req_cN26TBBul1plMbXH'],
    ['an eleven-digit number', 'order 12345678901'],
  ])('keeps %s', (_, text) => {
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe('logger', () => {
  it('redacts secret fields at any depth and scrubs messages', () => {
    const logs = captureLogs();
    logs.logger.info({ customer: { email: 'x@example.com', name: 'X' }, headers: { authorization: 'Bearer sk_test_1' }, card: { cvc: '123' } }, 'paid by %s', 'y@example.com');
    expect(logs.entries()).toMatchObject([
      { msg: 'paid by [email]', customer: { email: '[redacted]', name: 'X' }, headers: { authorization: '[redacted]' }, card: '[redacted]' },
    ]);
  });

  it('writes one readable line per entry in the pretty format', () => {
    const written: string[] = [];
    const logger = createLogger({ format: 'pretty', destination: { write: (text: string) => written.push(text) } });
    logger.info({ request_id: 'req_1', method: 'POST', route: '/v1/checkout_sessions', status: 201, duration_ms: 12.5 }, 'request');
    logger.error({ err: new Error('it broke for z@example.com') }, 'webhook worker round failed');
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d INFO  POST \/v1\/checkout_sessions 201 12\.5ms req_1\n$/);
    expect(written[1]).toMatch(/^\d\d:\d\d:\d\d ERROR webhook worker round failed\nError: it broke for \[email\]\n {4}at /);
  });
});
