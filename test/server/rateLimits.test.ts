import { tokenizeCard } from './support/tokenizeCard';
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { loadConfig } from '../../src/server/config';
import { createApp } from '../../src/server/createApp';
import { clientAddress } from '../../src/server/rateLimits/clientAddress';
import { purgeExpiredRateLimitCounters } from '../../src/server/rateLimits/countRateLimitHit';
import { DEFAULT_RATE_LIMITS, parseRateLimit, type RateLimits } from '../../src/server/rateLimits/rateLimitSettings';
import type { Database } from '../../src/server/store/Database';
import { openDatabase } from '../../src/server/store/openDatabase';
import { openStore } from '../../src/server/store/openStore';
import { captureLogs } from './support/captureLogs';
import { createTestDatabase } from './support/testDatabase';
import {
  DECLINED_VISA,
  expectApiError,
  newCustomerPayment,
  PUBLIC_URL,
  secretOf,
  useTestServer,
  validCard,
  type ApiResponse,
} from './support/testServer';

const till = useTestServer();

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const OFF: RateLimits = { paymentAttempts: null, promotionCodeAttempts: null, apiKey: null, checkoutAddress: null };

type App = ReturnType<typeof createApp>;

/** A request to `app` as the Node adapter hands it over: with the socket's peer address (none: in-process). */
async function send(app: App, path: string, { method = 'GET', key, body, address, headers = {} }: {
  method?: string;
  key?: string;
  body?: unknown;
  address?: string;
  headers?: Record<string, string>;
} = {}): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { ...headers, ...(key ? { Authorization: `Bearer ${key}` } : {}) } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await app.request(path, init, address ? { incoming: { socket: { remoteAddress: address } } } : undefined);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A 429 in the envelope whose `Retry-After` is a whole number of seconds within the window. */
function expectRateLimited(response: ApiResponse, windowSeconds: number) {
  expectApiError(response, 'rate_limited');
  const retryAfter = response.headers.get('Retry-After');
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

describe('payment attempts per checkout session', () => {
  it("refuses a session's 11th payment attempt with 429 and Retry-After, before it reaches the processor", async () => {
    const session = await till.createSession();
    const secret = secretOf(session);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expectApiError(await till.complete(secret, newCustomerPayment({ card: validCard(DECLINED_VISA) })), 'card_declined', 'payment_method');
    }

    const eleventh = await till.complete(secret, newCustomerPayment());

    expectRateLimited(eleventh, 24 * 60 * 60);
    expect(eleventh.body.error.message).toBe(
      'Too many payment attempts for this checkout: at most 10 per 24 hours. Please start a new checkout or try again later.',
    );
    const payments = await till.api('GET', `/v1/payments?checkout_session_id=${session.checkout_session_id}&limit=100`);
    expect(payments.body.data).toHaveLength(10);
    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body.status).toBe('open');
  });

  it('limits the promotion codes one session tries, counting only the changes that carry one', async () => {
    const app = createApp({ db: till.db, publicUrl: PUBLIC_URL, rateLimits: { ...OFF, promotionCodeAttempts: { max: 3, windowMs: 3_600_000 } } });
    const session = await till.createSession({ allow_promotion_codes: true });
    const change = (body: unknown) => send(app, '/api/checkout/session', { method: 'PATCH', key: secretOf(session), body });
    for (const guess of ['STAFF100', 'VIP50', 'FRIENDS']) expect((await change({ promotion_code: guess })).status).toBe(404);
    // Other changes, and removing a code, are not guesses.
    expect((await change({ country: 'DE' })).status).toBe(200);
    expect((await change({ promotion_code: null })).status).toBe(200);
    expectRateLimited(await change({ promotion_code: 'SUMMER' }), 3600);
    // Another session has its own tries.
    const other = await till.createSession({ allow_promotion_codes: true });
    expect((await send(app, '/api/checkout/session', { method: 'PATCH', key: secretOf(other), body: { promotion_code: 'SUMMER' } })).status).toBe(404);
  });

  it('counts each session on its own', async () => {
    const busy = await till.createSession();
    for (let attempt = 1; attempt <= 11; attempt++) await till.complete(secretOf(busy), newCustomerPayment({ card: validCard(DECLINED_VISA) }));
    const fresh = await till.createSession();
    expect((await till.complete(secretOf(fresh), newCustomerPayment())).status).toBe(200);
  });

  it('lets the session try again once its window has ended, and the sweep drops the ended counter', async () => {
    const app = createApp({ db: till.db, publicUrl: PUBLIC_URL, rateLimits: { ...OFF, paymentAttempts: { max: 1, windowMs: 60_000 } } });
    const session = await till.createSession();
    const pay = async () =>
      send(app, '/api/checkout/complete', {
        method: 'POST',
        key: secretOf(session),
        body: await tokenizeCard((path, init) => app.request(path, init), newCustomerPayment({ card: validCard(DECLINED_VISA) })),
      });
    expect((await pay()).status).toBe(402);
    expectRateLimited(await pay(), 60);

    const bucket = `payment_attempts:${session.checkout_session_id}`;
    await till.db.query("UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE bucket = $1", [bucket]);
    expect((await pay()).status).toBe(402);
    expectRateLimited(await pay(), 60);

    await till.db.query("UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE bucket = $1", [bucket]);
    await purgeExpiredRateLimitCounters(till.db);
    expect(await till.db.query('SELECT * FROM rate_limit_counters WHERE bucket = $1', [bucket])).toStrictEqual([]);
  });
});

describe('requests per API key', () => {
  it('refuses the request past the limit with 429 and Retry-After, key by key, and logs it', async () => {
    const logs = captureLogs();
    const app = createApp({ db: till.db, publicUrl: PUBLIC_URL, logger: logs.logger, rateLimits: { ...OFF, apiKey: { max: 3, windowMs: 60_000 } } });
    const limited = await till.insertOtherMerchant();
    const other = await till.insertOtherMerchant();

    for (let request = 1; request <= 3; request++) expect((await send(app, '/v1/subscription_configs', { key: limited.apiKey })).status).toBe(200);
    const fourth = await send(app, '/v1/subscription_configs', { key: limited.apiKey });

    expectRateLimited(fourth, 60);
    expect(fourth.body.error.message).toBe('Too many requests with this API key: at most 3 per 1 minute. Retry after the time in Retry-After.');
    expectRateLimited(await send(app, '/v1/checkout_sessions', { method: 'POST', key: limited.apiKey, body: {} }), 60);
    expect((await send(app, '/v1/subscription_configs', { key: other.apiKey })).status).toBe(200);
    expect(logs.entries().filter((line) => line.status === 429).map((line) => line.route)).toStrictEqual(['/v1/subscription_configs', '/v1/checkout_sessions']);
  });

  it('does not count a refused key, and lets a limited request claim no Idempotency-Key', async () => {
    const app = createApp({ db: till.db, publicUrl: PUBLIC_URL, rateLimits: { ...OFF, apiKey: { max: 1, windowMs: 60_000 } } });
    const merchant = await till.insertOtherMerchant();
    for (let request = 1; request <= 3; request++) expectApiError(await send(app, '/v1/subscription_configs', { key: 'sk_test_not_a_key_at_all' }), 'invalid_api_key');

    const body = { checkout_mode: 'subscription', origin_url: 'http://localhost:4000/', subscription_config_id: merchant.configId };
    const headers = { 'Idempotency-Key': 'limited-then-retried' };
    expect((await send(app, '/v1/subscription_configs', { key: merchant.apiKey })).status).toBe(200);
    expectRateLimited(await send(app, '/v1/checkout_sessions', { method: 'POST', key: merchant.apiKey, body, headers }), 60);
    // Later, under no limit, the same key runs: the 429 was not stored as its outcome.
    const unlimited = createApp({ db: till.db, publicUrl: PUBLIC_URL, rateLimits: OFF });
    expect((await send(unlimited, '/v1/checkout_sessions', { method: 'POST', key: merchant.apiKey, body, headers })).status).toBe(201);
  });
});

describe('checkout API requests per client address', () => {
  it('refuses an address past the limit before checking the secret, and counts other addresses apart', async () => {
    const app = createApp({ db: till.db, publicUrl: PUBLIC_URL, rateLimits: { ...OFF, checkoutAddress: { max: 2, windowMs: 60_000 } } });
    const guess = (address: string) => send(app, '/api/checkout/session', { key: 'css_test_guessed', address });

    expectApiError(await guess('203.0.113.7'), 'invalid_session_secret');
    expectApiError(await guess('203.0.113.7'), 'invalid_session_secret');
    const third = await guess('203.0.113.7');

    expectRateLimited(third, 60);
    expect(third.body.error.message).toBe('Too many requests from your network: at most 2 per 1 minute. Please wait a moment and try again.');
    expectApiError(await guess('203.0.113.8'), 'invalid_session_secret');
    // One IPv6 customer's /64 is one address; its IPv4-mapped form is the IPv4 address.
    expectApiError(await guess('2001:db8:1:2::1'), 'invalid_session_secret');
    expectApiError(await guess('2001:db8:1:2:ffff::9'), 'invalid_session_secret');
    expectRateLimited(await guess('2001:db8:1:2:abcd::5'), 60);
    expectRateLimited(await guess('::ffff:203.0.113.7'), 60);
  });

  it.each([
    ['no proxy: the peer, whatever the header says', 0, '198.51.100.4', '1.2.3.4', '198.51.100.4'],
    ['one proxy: what the proxy saw, not what the client wrote', 1, '10.0.0.2', '1.2.3.4, 198.51.100.9', '198.51.100.9'],
    ['two proxies', 2, '10.0.0.2', '1.2.3.4, 198.51.100.9, 10.0.0.1', '198.51.100.9'],
    ['one proxy that sent no header: the peer', 1, '10.0.0.2', '', '10.0.0.2'],
    ['an IPv6 client, by its /64', 1, '10.0.0.2', '2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
  ])('counts the client address with %s', async (_, trustedProxies, peer, forwarded, counted) => {
    const app = new Hono().get('/', (c) => c.text(String(clientAddress(c, trustedProxies))));
    const headers: Record<string, string> = forwarded ? { 'X-Forwarded-For': forwarded } : {};
    const response = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } });
    expect(await response.text()).toBe(counted);
  });
});

describe('limits shared by servers on one store', () => {
  it('counts a session’s payment attempts across two app instances', async () => {
    const place = await createTestDatabase({ migrated: true });
    const { db, demo } = await openStore(place.options);
    // On Postgres a second pool, as a second server has; PGlite is one process's store, so the apps share it.
    const second: Database = process.env.TEST_DATABASE_URL ? await openDatabase(place.options) : db;
    cleanups.push(async () => {
      if (second !== db) await second.close();
      await db.close();
      await place.drop();
    });
    const rateLimits = { ...DEFAULT_RATE_LIMITS, paymentAttempts: { max: 3, windowMs: 600_000 } };
    const apps = [createApp({ db, publicUrl: PUBLIC_URL, rateLimits }), createApp({ db: second, publicUrl: PUBLIC_URL, rateLimits })];
    const plans = await send(apps[0]!, '/v1/subscription_configs', { key: demo.apiKey });
    const created = await send(apps[1]!, '/v1/checkout_sessions', {
      method: 'POST',
      key: demo.apiKey,
      body: { checkout_mode: 'subscription', origin_url: 'http://localhost:4000/', subscription_config_id: plans.body.data[0].subscription_config_id },
    });
    const pay = async (app: App) =>
      send(app, '/api/checkout/complete', {
        method: 'POST',
        key: secretOf(created.body),
        body: await tokenizeCard((path, init) => app.request(path, init), newCustomerPayment({ card: validCard(DECLINED_VISA) })),
      });

    // Three at once, spread over both, then a fourth on each: the counter takes every hit, races included.
    const first = await Promise.all([pay(apps[0]!), pay(apps[1]!), pay(apps[0]!)]);
    expect(first.map((response) => response.status)).toStrictEqual([402, 402, 402]);
    expectRateLimited(await pay(apps[1]!), 600);
    expectRateLimited(await pay(apps[0]!), 600);
  });
});

describe('configuration', () => {
  it('defaults to 10 payment attempts and 20 promotion codes per session in 24 hours, 6000 requests a minute per key, 300 a minute per address', () => {
    expect(loadConfig({}).rateLimits).toStrictEqual({
      paymentAttempts: { max: 10, windowMs: 86_400_000 },
      promotionCodeAttempts: { max: 20, windowMs: 86_400_000 },
      apiKey: { max: 6000, windowMs: 60_000 },
      checkoutAddress: { max: 300, windowMs: 60_000 },
    });
    expect(loadConfig({}).trustedProxies).toBe(0);
  });

  it('reads each limit from its variable, and off switches one off', () => {
    const config = loadConfig({
      TILL_RATE_LIMIT_PAYMENT_ATTEMPTS: '5/10m', TILL_RATE_LIMIT_PROMOTION_CODES: '3/1h', TILL_RATE_LIMIT_API_KEY: 'off', TILL_RATE_LIMIT_CHECKOUT_ADDRESS: '90/30s',
      TILL_TRUSTED_PROXIES: '1',
    });
    expect(config.rateLimits).toStrictEqual({
      paymentAttempts: { max: 5, windowMs: 600_000 }, promotionCodeAttempts: { max: 3, windowMs: 3_600_000 }, apiKey: null, checkoutAddress: { max: 90, windowMs: 30_000 },
    });
    expect(config.trustedProxies).toBe(1);
  });

  it.each(['10', '10/', '0/1m', '10/0m', '-1/1m', '10/1d', '10/25h', '1.5/1m', 'ten/1m'])('refuses %j at start, naming the variable', (value) => {
    expect(() => parseRateLimit('TILL_RATE_LIMIT_API_KEY', value)).toThrow(/^TILL_RATE_LIMIT_API_KEY must be .*'off'; not '.*'\.$/);
  });

  it('refuses a number of proxies that is not one', () => {
    expect(() => loadConfig({ TILL_TRUSTED_PROXIES: 'yes' })).toThrow(/^TILL_TRUSTED_PROXIES must be/);
  });
});
