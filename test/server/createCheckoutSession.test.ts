import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  expectApiError,
  handleOf,
  PUBLIC_URL,
  secretOf,
  SHOP_ORIGIN_URL,
  useTestServer,
} from './support/testServer';

const till = useTestServer();

const DAY_MS = 24 * 60 * 60 * 1000;

async function postSession(body: unknown, key?: string) {
  return till.api('POST', '/v1/checkout_sessions', { body, key });
}

/** A valid https URL of exactly `length` characters. */
function urlOfLength(length: number): string {
  const start = 'https://shop.example.com/done?pad=';
  return start + 'a'.repeat(length - start.length);
}

describe('POST /v1/checkout_sessions', () => {
  it('creates an open subscription session for a new customer', async () => {
    const { configId } = await till.catalog();
    const before = Date.now();
    const response = await postSession(await till.sessionBody());

    expect(response.status).toBe(201);
    const session = response.body;
    expect(Object.keys(session).sort()).toEqual(
      [
        'checkout_session_id', 'checkout_session_token', 'checkout_url', 'checkout_mode', 'origin_url', 'success_url',
        'cancel_url', 'created_at', 'connection_id', 'subscription_config_id', 'credit_bundle_id', 'status', 'expires_at',
        'completed_at',
        // Issue 4
        'customer', 'quantity', 'subscription_config_ids', 'allow_promotion_codes', 'promotion_code', 'currency', 'locale',
        'metadata', 'reference_id', 'attribution', 'estimate',
        // Issue 9: what a completed session paid for
        'subscription_id', 'amount_total', 'credits_added',
        // Issue 10
        'pending_url', 'livemode', 'custom_amount', 'tax_behavior', 'start_date', 'end_date',
      ].sort(),
    );
    expect(session).toMatchObject({
      checkout_mode: 'subscription',
      livemode: false,
      origin_url: SHOP_ORIGIN_URL,
      success_url: null,
      cancel_url: null,
      connection_id: null,
      subscription_config_id: configId,
      credit_bundle_id: null,
      status: 'open',
      completed_at: null,
    });
    expect(session.checkout_session_id).toMatch(/^cs_test_[0-9A-Z]{26}$/);
    const createdAt = Date.parse(session.created_at);
    expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
    expect(createdAt).toBeLessThanOrEqual(Date.now());
    expect(new Date(createdAt).toISOString()).toBe(session.created_at);
    expect(Date.parse(session.expires_at) - createdAt).toBe(DAY_MS);
  });

  it('returns a token that decodes to the secret, the public URL and the page handle', async () => {
    const session = await till.createSession();
    const token = decodeToken(session.checkout_session_token!);
    expect(Object.keys(token).sort()).toEqual(['base', 'handle', 'secret']);
    expect(token.secret).toMatch(/^css_test_[A-Za-z0-9_-]{40,}$/);
    expect(token.base).toBe(PUBLIC_URL);
    expect(token.handle).toBe(handleOf(token.secret));
  });

  it('gives every session its own id and secret', async () => {
    const [a, b] = [await till.createSession(), await till.createSession()];
    expect(a.checkout_session_id).not.toBe(b.checkout_session_id);
    expect(secretOf(a)).not.toBe(secretOf(b));
  });

  it('keeps only a hash of the secret in the store', async () => {
    const session = await till.createSession();
    const secret = secretOf(session);
    const dump = await till.dumpStore();
    expect(dump).toContain(session.checkout_session_id);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice('css_test_'.length));
  });

  it('accepts an origin without the trailing slash and keeps it as given', async () => {
    const session = await till.createSession({ origin_url: 'https://shop.example.com' });
    expect(session.origin_url).toBe('https://shop.example.com');
  });

  it('creates a subscription session for a returning customer on another plan', async () => {
    const { connectionId } = await till.subscribe();
    const { configId } = await till.insertExtraPlan();
    const session = await till.createSession({ subscription_config_id: configId, connection_id: connectionId });
    expect(session).toMatchObject({ connection_id: connectionId, subscription_config_id: configId, status: 'open' });
  });

  it('creates a credit bundle session for a subscriber to the bundle’s plan', async () => {
    const { connectionId } = await till.subscribe();
    const { starterBundle } = await till.catalog();
    const session = await till.createBundleSession(connectionId);
    expect(session).toMatchObject({
      checkout_mode: 'credit_bundle',
      connection_id: connectionId,
      subscription_config_id: null,
      credit_bundle_id: starterBundle.id,
      status: 'open',
    });
  });

  describe('validation', () => {
    it.each([
      ['a missing checkout_mode', { checkout_mode: undefined }, 'checkout_mode'],
      ['an unknown checkout_mode', { checkout_mode: 'one_time' }, 'checkout_mode'],
      ['a checkout_mode of the wrong type', { checkout_mode: 1 }, 'checkout_mode'],
      ['a missing origin_url', { origin_url: undefined }, 'origin_url'],
      ['an ftp origin_url', { origin_url: 'ftp://x' }, 'origin_url'],
      ['an origin_url with a path', { origin_url: 'https://x.com/path' }, 'origin_url'],
      ['an origin_url with a query', { origin_url: 'https://x.com/?a=1' }, 'origin_url'],
      ['an origin_url that is not a URL', { origin_url: 'not a url' }, 'origin_url'],
      ['an origin_url with credentials', { origin_url: 'https://user:pw@x.com/' }, 'origin_url'],
      ['a javascript: origin_url', { origin_url: 'javascript:alert(1)' }, 'origin_url'],
      ['an origin_url whose host is a wildcard', { origin_url: 'https://*/' }, 'origin_url'],
      ['an origin_url with a ; in its host', { origin_url: 'https://a;b.example/' }, 'origin_url'],
      ['an origin_url with $ patterns in its host', { origin_url: "https://a$'b.example/" }, 'origin_url'],
      ['a subscription without subscription_config_id', { subscription_config_id: undefined }, 'subscription_config_id'],
      ['an empty subscription_config_id', { subscription_config_id: '' }, 'subscription_config_id'],
      ['a subscription with a credit_bundle_id', { credit_bundle_id: 'cb_test_x' }, 'credit_bundle_id'],
      ['a connection_id that is not a string', { connection_id: 42 }, 'connection_id'],
      ['an unknown parameter', { return_url: 'https://x.com/done' }, 'return_url'],
    ])('rejects %s', async (_, overrides, param) => {
      expectApiError(await postSession(await till.sessionBody(overrides)), 'validation_error', param);
    });

    it('rejects a credit_bundle session without credit_bundle_id', async () => {
      const { connectionId } = await till.subscribe();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, connection_id: connectionId };
      expectApiError(await postSession(body), 'validation_error', 'credit_bundle_id');
    });

    it('rejects a credit_bundle session without connection_id', async () => {
      const { starterBundle } = await till.catalog();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id };
      expectApiError(await postSession(body), 'validation_error', 'connection_id');
    });

    it('rejects a credit_bundle session with subscription_config_id', async () => {
      const { connectionId } = await till.subscribe();
      const { configId, starterBundle } = await till.catalog();
      const body = {
        checkout_mode: 'credit_bundle',
        origin_url: SHOP_ORIGIN_URL,
        credit_bundle_id: starterBundle.id,
        connection_id: connectionId,
        subscription_config_id: configId,
      };
      expectApiError(await postSession(body), 'validation_error', 'subscription_config_id');
    });

    it.each(['checkout_mode', 'origin_url'])('says that %s is missing when it was not sent', async (param) => {
      const response = await postSession(await till.sessionBody({ [param]: undefined }));
      expect(response.body.error.message).toBe(`Missing required parameter '${param}'.`);
    });

    it('calls a parameter of the wrong type invalid, not missing', async () => {
      const response = await postSession(await till.sessionBody({ connection_id: 42 }));
      expect(response.body.error.message).toMatch(/^Invalid 'connection_id': /);
    });

    it('names an unknown parameter in the message', async () => {
      const response = await postSession(await till.sessionBody({ return_url: 'https://x.com/' }));
      expect(response.body.error.message).toBe("Unknown parameter 'return_url'.");
    });

    it.each([
      ['malformed JSON', '{"checkout_mode": "subscription",'],
      ['a truncated body', '{'],
      ['plain text', 'checkout_mode=subscription'],
    ])('answers %s with 400 invalid_json, never 500', async (_, body) => {
      expectApiError(await postSession(body), 'invalid_json');
    });

    it.each([
      ['null', 'null'],
      ['an array', '[]'],
      ['a number', '42'],
    ])('rejects a JSON body that is %s as validation_error', async (_, body) => {
      const response = await postSession(body);
      expectApiError(response, 'validation_error');
      expect(response.body.error.message).toMatch(/^Invalid request body: /);
    });

    it('treats an empty body as an empty object and names the first missing parameter', async () => {
      expectApiError(await till.api('POST', '/v1/checkout_sessions'), 'validation_error', 'checkout_mode');
    });
  });

  describe('references', () => {
    it('answers an unknown subscription_config_id with 404 resource_missing', async () => {
      const response = await postSession(await till.sessionBody({ subscription_config_id: 'sc_test_missing' }));
      expectApiError(response, 'resource_missing', 'subscription_config_id');
    });

    it('answers an unknown credit_bundle_id with 404 resource_missing', async () => {
      const { connectionId } = await till.subscribe();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: 'cb_test_missing', connection_id: connectionId };
      expectApiError(await postSession(body), 'resource_missing', 'credit_bundle_id');
    });

    it('answers an unknown connection_id with 404 resource_missing', async () => {
      expectApiError(await postSession(await till.sessionBody({ connection_id: 'con_test_missing' })), 'resource_missing', 'connection_id');
      const { starterBundle } = await till.catalog();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: 'con_test_missing' };
      expectApiError(await postSession(body), 'resource_missing', 'connection_id');
    });

    it('does not find another merchant’s plan, bundle or connection', async () => {
      const other = await till.insertOtherMerchant();
      expectApiError(await postSession(await till.sessionBody({ subscription_config_id: other.configId })), 'resource_missing', 'subscription_config_id');

      const { connectionId } = await till.subscribe();
      const bundleBody = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: other.bundleId, connection_id: connectionId };
      expectApiError(await postSession(bundleBody), 'resource_missing', 'credit_bundle_id');

      const foreignConnection = { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: other.configId, connection_id: connectionId };
      expectApiError(await postSession(foreignConnection, other.apiKey), 'resource_missing', 'connection_id');
    });

    it('lets the other merchant use its own plan', async () => {
      const other = await till.insertOtherMerchant();
      const response = await postSession({ checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: other.configId }, other.apiKey);
      expect(response.status).toBe(201);
      expect(response.body.subscription_config_id).toBe(other.configId);
    });
  });

  describe('business rules', () => {
    it('refuses a credit bundle for a connection without an active subscription to its plan', async () => {
      const { connectionId } = await till.subscribe();
      await till.db.query("UPDATE subscriptions SET status = 'canceled' WHERE connection_id = $1", [connectionId]);
      const { starterBundle } = await till.catalog();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId };
      expectApiError(await postSession(body), 'subscription_required', 'connection_id');
    });

    it('refuses a credit bundle for a connection subscribed only to another plan', async () => {
      const extra = await till.insertExtraPlan();
      const { connectionId } = await till.subscribeTo(extra.configId);
      const { starterBundle } = await till.catalog();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId };
      expectApiError(await postSession(body), 'subscription_required', 'connection_id');
    });

    it('refuses a subscription for a connection already subscribed to the same plan', async () => {
      const { connectionId } = await till.subscribe();
      expectApiError(await postSession(await till.sessionBody({ connection_id: connectionId })), 'already_subscribed', 'connection_id');
    });

    it('refuses a second subscription to a plan even after the connection subscribed to another one', async () => {
      const { connectionId } = await till.subscribe();
      const extra = await till.insertExtraPlan();
      await till.subscribeTo(extra.configId, connectionId);
      expectApiError(await postSession(await till.sessionBody({ connection_id: connectionId })), 'already_subscribed', 'connection_id');
    });

    it('still sells bundles of the first plan to a connection that also subscribed to another one', async () => {
      const { connectionId } = await till.subscribe();
      const extra = await till.insertExtraPlan();
      await till.subscribeTo(extra.configId, connectionId);
      const session = await till.createBundleSession(connectionId);
      expect(session.status).toBe('open');
    });
  });
});

describe('POST /v1/checkout_sessions: redirect display', () => {
  it('stores success_url and cancel_url as given and returns them', async () => {
    const urls = {
      success_url: 'https://shop.example.com/thanks?plan=pro&ref=a%20b#top',
      cancel_url: 'http://localhost:4000/pricing',
    };
    const session = await till.createSession(urls);
    expect(session).toMatchObject(urls);
    const [row] = await till.db.query('SELECT success_url, cancel_url FROM checkout_sessions WHERE checkout_session_id = $1', [
      session.checkout_session_id,
    ]);
    expect(row).toStrictEqual(urls);
  });

  it('accepts one of them without the other', async () => {
    const session = await till.createSession({ cancel_url: 'https://shop.example.com/pricing' });
    expect(session).toMatchObject({ success_url: null, cancel_url: 'https://shop.example.com/pricing' });
  });

  it('returns a checkout_url for the hosted page, with the secret only in its fragment', async () => {
    const session = await till.createSession();
    const secret = secretOf(session);
    const url = new URL(session.checkout_url!);

    expect(session.checkout_url).toBe(`${PUBLIC_URL}checkout/${handleOf(secret)}#${secret}`);
    expect(url.hash).toBe(`#${secret}`);
    // Everything a browser sends to a server (path, query, Referer) is what precedes the fragment.
    const beforeFragment = session.checkout_url!.slice(0, session.checkout_url!.indexOf('#'));
    expect(beforeFragment).not.toContain(secret);
    expect(beforeFragment).not.toContain(secret.slice('css_test_'.length));
    expect(url.search).toBe('');
  });

  it('makes a checkout_url whose page the server serves', async () => {
    const session = await till.createSession();
    const { pathname } = new URL(session.checkout_url!);
    const response = await till.request('GET', pathname, { key: null });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`content="${session.checkout_session_id}"`);
  });

  it('keeps no checkout_url in the store', async () => {
    const session = await till.createSession();
    expect(await till.dumpStore()).not.toContain(session.checkout_url!);
  });

  it.each(['success_url', 'cancel_url'])('accepts a %s of 2083 characters', async (param) => {
    const session = await till.createSession({ [param]: urlOfLength(2083) });
    expect(session[param as 'success_url' | 'cancel_url']).toHaveLength(2083);
  });

  describe.each(['success_url', 'cancel_url'])('validation of %s', (param) => {
    it.each([
      ['2084 characters', urlOfLength(2084)],
      ['an empty string', ''],
      ['a relative path', '/checkout/done'],
      ['a URL without a scheme', 'shop.example.com/done'],
      ['a URL without //', 'https:shop.example.com/done'],
      ['a URL with three slashes', 'https:///shop.example.com/done'],
      ['an ftp URL', 'ftp://shop.example.com/done'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a data: URL', 'data:text/html,hi'],
      ['a URL with credentials', 'https://user:pw@shop.example.com/done'],
      ['a URL with leading whitespace', ' https://shop.example.com/done'],
      ['a URL with a space', 'https://shop.example.com/thank you'],
      ['a URL with a newline', 'https://shop.example.com/\ndone'],
      ['not a URL', 'not a url'],
      ['a number', 42],
    ])('rejects %s', async (_, value) => {
      expectApiError(await postSession(await till.sessionBody({ [param]: value })), 'validation_error', param);
    });

    it('names the length limit in the message', async () => {
      const response = await postSession(await till.sessionBody({ [param]: urlOfLength(2084) }));
      expect(response.body.error.message).toBe(`Invalid '${param}': must be at most 2083 characters`);
    });
  });
});
