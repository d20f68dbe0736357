import { beforeAll, describe, expect, it } from 'vitest';
import { createId } from '../../src/server/ids';
import { expectApiError, newCustomerPayment, secretOf, SHOP_ORIGIN_URL, useTestServer, validCard, type ApiResponse } from './support/testServer';

const till = useTestServer();

/** One object of every kind the merchant API has, all in one mode. */
interface ModeObjects {
  key: string;
  plan: string;
  bundle: string;
  promotionCode: string;
  taxRate: string;
  endpoint: string;
  session: string;
  apiKey: string;
  connection: string;
  subscription: string;
  payment: string;
  event: string;
}

async function created(response: Promise<ApiResponse>) {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Makes the catalog, an endpoint, a key and a session through the API with `key`, and returns their ids. */
async function makeCatalog(key: string) {
  const post = (path: string, body: unknown) => created(till.api('POST', path, { key, body }));
  const plan = await post('/v1/subscription_configs', { name: 'Pro', period_amount: '10.00', currency: 'USD', billing_interval: 'month' });
  const bundle = await post('/v1/credit_bundles', { subscription_config_id: plan.subscription_config_id, name: 'Pack', cost: '5.00', credit_amount: '5' });
  const promotionCode = await post('/v1/promotion_codes', { code: `MODE${createId('x', 'test').slice(-8)}`, percent_off: 10 });
  const taxRate = await post('/v1/tax_rates', { country: 'IT', percentage: 22, display_name: 'IVA' });
  const endpoint = await post('/v1/webhook_endpoints', { url: 'http://localhost:9/hooks', enabled_events: ['*'] });
  const apiKey = await post('/v1/api_keys', {});
  const session = await post('/v1/checkout_sessions', {
    checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: plan.subscription_config_id,
  });
  return {
    key, plan: plan.subscription_config_id, bundle: bundle.credit_bundle_id, promotionCode: promotionCode.promotion_code_id,
    taxRate: taxRate.tax_rate_id, endpoint: endpoint.webhook_endpoint_id, apiKey: apiKey.api_key_id, session,
  };
}

/** Test mode's objects, its customer, subscription, payment and event from a purchase with a test card. */
async function makeTestObjects(): Promise<ModeObjects> {
  const catalog = await makeCatalog(till.demo.apiKey);
  const { connectionId, session } = await till.subscribeTo(catalog.plan);
  const [subscription] = (await till.api('GET', `/v1/subscriptions?connection_id=${connectionId}`)).body.data;
  const [payment] = (await till.api('GET', `/v1/payments?connection_id=${connectionId}`)).body.data;
  const [event] = await till.eventsOfType('checkout.completed');
  return {
    ...catalog, session: session.checkout_session_id, connection: connectionId, subscription: subscription.subscription_id,
    payment: payment.payment_id, event: event!.event_id,
  };
}

/**
 * Live mode's objects. A live purchase needs a live processor (issue 12), so its payment and event come from a
 * declined attempt, and its customer and subscription are written straight into the store.
 */
async function makeLiveObjects(): Promise<ModeObjects> {
  const catalog = await makeCatalog(await till.insertLiveKey());
  expect((await till.complete(secretOf(catalog.session), newCustomerPayment())).status).toBe(402);
  const [event] = (await till.api('GET', '/v1/events?type=payment.failed', { key: catalog.key })).body.data;
  const [payment] = (await till.api('GET', '/v1/payments', { key: catalog.key })).body.data;
  const [{ merchant_id: merchantId }] = (await till.db.query<{ merchant_id: string }>(
    'SELECT merchant_id FROM checkout_sessions WHERE checkout_session_id = $1',
    [catalog.session.checkout_session_id],
  )) as [{ merchant_id: string }];
  const [connection, subscription] = [createId('con', 'live'), createId('sub', 'live')];
  await till.db.query("INSERT INTO connections (connection_id, merchant_id, email, name) VALUES ($1, $2, 'live@example.com', 'Live')", [connection, merchantId]);
  await till.db.query(
    `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end, billing_cycle_anchor)
     VALUES ($1, $2, $3, $4, 'active', now(), now() + interval '1 month', now())`,
    [subscription, merchantId, connection, catalog.plan],
  );
  return { ...catalog, session: catalog.session.checkout_session_id, connection, subscription, payment: payment.payment_id, event: event.event_id };
}

let test: ModeObjects;
let live: ModeObjects;
beforeAll(async () => {
  test = await makeTestObjects();
  live = await makeLiveObjects();
});

describe('live mode', () => {
  it('makes live objects with a live key: every id says _live_ and every object livemode true', async () => {
    const key = live.key;
    expect(key).toMatch(/^sk_live_/);
    const objects: [string, string][] = [
      ['/v1/subscription_configs/', live.plan], ['/v1/credit_bundles/', live.bundle], ['/v1/promotion_codes/', live.promotionCode],
      ['/v1/tax_rates/', live.taxRate], ['/v1/webhook_endpoints/', live.endpoint], ['/v1/checkout_sessions/', live.session],
      ['/v1/connections/', live.connection], ['/v1/subscriptions/', live.subscription], ['/v1/events/', live.event],
    ];
    for (const [path, id] of objects) {
      expect(id).toMatch(/^[a-z]+_live_[0-9A-Z]{26}$/);
      const response = await till.api('GET', `${path}${id}`, { key });
      expect(response.status, path).toBe(200);
      expect(response.body.livemode, path).toBe(true);
    }
    const [payment] = (await till.api('GET', '/v1/payments', { key })).body.data;
    expect(payment).toMatchObject({ payment_id: live.payment, livemode: true });
    expect((await till.api('GET', '/v1/api_keys', { key })).body.data.every((apiKey: { mode: string; livemode: boolean }) => apiKey.mode === 'live' && apiKey.livemode)).toBe(true);
  });

  it('gives a live session a live secret, and its events and webhook deliveries stay live', async () => {
    const session = await created(till.api('POST', '/v1/checkout_sessions', {
      key: live.key, body: { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: live.plan },
    }));
    expect(secretOf(session)).toMatch(/^css_live_/);
    const deliveries = await till.db.query<{ webhook_endpoint_id: string }>('SELECT webhook_endpoint_id FROM webhook_deliveries WHERE event_id = $1', [live.event]);
    expect(deliveries.map((delivery) => delivery.webhook_endpoint_id)).toEqual([live.endpoint]);
  });

  it('refuses a test card in live mode, saying it is a test card, and charges nothing', async () => {
    const session = await created(till.api('POST', '/v1/checkout_sessions', {
      key: live.key, body: { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: live.plan },
    }));
    const response = await till.complete(secretOf(session), newCustomerPayment());
    expectApiError(response, 'card_declined', 'payment_method');
    expect(response.body.error).toMatchObject({ decline_code: 'test_mode_live_card', message: expect.stringContaining('test card') });
    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`, { key: live.key })).body.status).toBe('open');
  });

  it('refuses any other card in live mode too, as there is no live processor yet', async () => {
    const session = await created(till.api('POST', '/v1/checkout_sessions', {
      key: live.key, body: { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: live.plan },
    }));
    // A valid Visa number that is none of Stripe's test cards.
    const response = await till.complete(secretOf(session), newCustomerPayment({ card: validCard('4111111111111111') }));
    expectApiError(response, 'card_declined', 'payment_method');
    expect(response.body.error.decline_code).toBe('live_payments_unavailable');
    const payments = (await till.api('GET', `/v1/payments?status=succeeded`, { key: live.key })).body.data;
    expect(payments).toEqual([]);
  });
});

describe('test and live isolation', () => {
  type Probe = [string, (objects: ModeObjects) => [method: string, path: string, body?: unknown]];
  /** Every route that names an object: each must answer the other mode's id exactly as it answers an id that never existed. */
  const probes: Probe[] = [
    ['get a plan', (o) => ['GET', `/v1/subscription_configs/${o.plan}`]],
    ['update a plan', (o) => ['PATCH', `/v1/subscription_configs/${o.plan}`, { name: 'Taken' }]],
    ['get a bundle', (o) => ['GET', `/v1/credit_bundles/${o.bundle}`]],
    ['update a bundle', (o) => ['PATCH', `/v1/credit_bundles/${o.bundle}`, { name: 'Taken' }]],
    ['get a promotion code', (o) => ['GET', `/v1/promotion_codes/${o.promotionCode}`]],
    ['update a promotion code', (o) => ['PATCH', `/v1/promotion_codes/${o.promotionCode}`, { active: false }]],
    ['get a tax rate', (o) => ['GET', `/v1/tax_rates/${o.taxRate}`]],
    ['update a tax rate', (o) => ['PATCH', `/v1/tax_rates/${o.taxRate}`, { active: false }]],
    ['get a webhook endpoint', (o) => ['GET', `/v1/webhook_endpoints/${o.endpoint}`]],
    ['update a webhook endpoint', (o) => ['PATCH', `/v1/webhook_endpoints/${o.endpoint}`, { description: 'Taken' }]],
    ['rotate a webhook secret', (o) => ['POST', `/v1/webhook_endpoints/${o.endpoint}/rotate_secret`]],
    ['read webhook deliveries', (o) => ['GET', `/v1/webhook_endpoints/${o.endpoint}/deliveries`]],
    ['delete a webhook endpoint', (o) => ['DELETE', `/v1/webhook_endpoints/${o.endpoint}`]],
    ['get a session', (o) => ['GET', `/v1/checkout_sessions/${o.session}`]],
    ['revoke an API key', (o) => ['POST', `/v1/api_keys/${o.apiKey}/revoke`]],
    ['get a connection', (o) => ['GET', `/v1/connections/${o.connection}`]],
    ['get a subscription', (o) => ['GET', `/v1/subscriptions/${o.subscription}`]],
    ['cancel a subscription', (o) => ['POST', `/v1/subscriptions/${o.subscription}/cancel`, { at_period_end: false }]],
    ['get an event', (o) => ['GET', `/v1/events/${o.event}`]],
    ['redeliver an event', (o) => ['POST', `/v1/events/${o.event}/redeliver`]],
    ['sell a plan', (o) => ['POST', '/v1/checkout_sessions', { checkout_mode: 'subscription', origin_url: SHOP_ORIGIN_URL, subscription_config_id: o.plan }]],
    ['sell a bundle to a connection', (o) => ['POST', '/v1/checkout_sessions', { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: o.bundle, connection_id: o.connection }]],
    ['attach a bundle to a plan', (o) => ['POST', '/v1/credit_bundles', { subscription_config_id: o.plan, name: 'Taken', cost: '1.00', credit_amount: '1' }]],
  ];

  /** The same request with every id of `objects` replaced by an id of the same kind that never existed. */
  const neverExisted = (objects: ModeObjects): ModeObjects => {
    const entries = Object.entries(objects).map(([name, id]) => [name, name === 'key' ? id : id.replace(/[0-9A-Z]{26}$/, '0'.repeat(26))]);
    return Object.fromEntries(entries) as ModeObjects;
  };

  const errorOf = ({ status, body }: ApiResponse) => ({ status, code: body.error?.code, param: body.error?.param });

  for (const [direction, owner, caller] of [['a live key', () => test, () => live], ['a test key', () => live, () => test]] as const) {
    it.each(probes)(`cannot %s of the other mode with ${direction}`, async (_, request) => {
      const [method, path, body] = request(owner());
      const [, absentPath, absentBody] = request(neverExisted(owner()));
      const response = await till.api(method, path, { key: caller().key, body });
      const absent = await till.api(method, absentPath, { key: caller().key, body: absentBody });
      expect(absent.status).toBe(404);
      expect(errorOf(response)).toEqual(errorOf(absent));
    });

    it(`lists none of the other mode's objects with ${direction}`, async () => {
      const lists: [string, keyof ModeObjects][] = [
        ['/v1/subscription_configs', 'plan'], ['/v1/credit_bundles', 'bundle'], ['/v1/promotion_codes', 'promotionCode'],
        ['/v1/tax_rates', 'taxRate'], ['/v1/webhook_endpoints', 'endpoint'], ['/v1/api_keys', 'apiKey'],
        ['/v1/connections', 'connection'], ['/v1/subscriptions', 'subscription'], ['/v1/payments', 'payment'], ['/v1/events', 'event'],
      ];
      for (const [path, kind] of lists) {
        const { status, body } = await till.api('GET', `${path}?limit=100`, { key: caller().key });
        expect(status, path).toBe(200);
        expect(JSON.stringify(body), path).not.toContain(owner()[kind]);
        expect(body.data.length, `${path} lists its own mode's`).toBeGreaterThan(0);
      }
    });
  }

  it('leaves every object as it was after the other mode tried to change it', async () => {
    expect((await till.api('GET', `/v1/subscription_configs/${test.plan}`)).body).toMatchObject({ name: 'Pro', livemode: false });
    expect((await till.api('GET', `/v1/webhook_endpoints/${live.endpoint}`, { key: live.key })).body).toMatchObject({ description: null });
    expect((await till.api('GET', `/v1/subscriptions/${live.subscription}`, { key: live.key })).body).toMatchObject({ status: 'active' });
    expect((await till.api('GET', '/v1/api_keys', { key: live.key })).body.data.find((key: { api_key_id: string }) => key.api_key_id === live.apiKey))
      .toMatchObject({ revoked_at: null });
  });
});
