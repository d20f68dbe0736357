import { describe, expect, it } from 'vitest';
import { expectApiError, secretOf, useTestServer, validCard, type ApiResponse } from './support/testServer';

const till = useTestServer();

/** A new subscriber's subscription, as `GET /v1/subscriptions/:id` returns it. */
async function newSubscription() {
  const { connectionId } = await till.subscribe();
  const { subscription } = await till.getConnection(connectionId);
  return subscription as Subscription;
}

interface Subscription {
  subscription_id: string;
  connection_id: string;
  subscription_config_id: string;
  status: 'active' | 'canceled';
  current_period_end: string;
  cancel_at_period_end: boolean;
  cancel_at: string | null;
  canceled_at: string | null;
  ended_at: string | null;
}

const cancel = (id: string, body?: unknown, key?: string) => till.api('POST', `/v1/subscriptions/${id}/cancel`, { body, key });

/** The events of these types about one subscription, oldest first. */
async function eventsAbout(subscriptionId: string, ...types: string[]) {
  const events = (await Promise.all(types.map((type) => till.eventsOfType(type)))).flat();
  return events.filter((event) => event.data.subscription_id === subscriptionId).sort((a, b) => a.event_id.localeCompare(b.event_id));
}

describe('GET /v1/subscriptions/:id', () => {
  it('shows a new subscription as its connection and its subscription.created event show it', async () => {
    const { configId } = await till.catalog();
    const subscription = await newSubscription();
    const response = await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`);

    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      subscription_id: subscription.subscription_id,
      livemode: false,
      connection_id: subscription.connection_id,
      subscription_config_id: configId,
      status: 'active',
      quantity: 1,
      current_period_start: expect.any(String),
      current_period_end: expect.any(String),
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      ends_at: null,
      billing_cycle_anchor: expect.any(String),
      created_at: expect.any(String),
    });
    expect(response.body).toStrictEqual(subscription);
    expect((await eventsAbout(subscription.subscription_id, 'subscription.created')).map((event) => event.data)).toStrictEqual([response.body]);
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    expectApiError(await till.api('GET', '/v1/subscriptions/sub_test_missing'), 'resource_missing', 'id');
  });

  it('needs an API key', async () => {
    const subscription = await newSubscription();
    expectApiError(await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`, { key: null }), 'authentication_required');
    expectApiError(await till.api('GET', '/v1/subscriptions', { key: null }), 'authentication_required');
    expectApiError(await cancel(subscription.subscription_id, {}, 'sk_test_wrong'), 'invalid_api_key');
  });
});

describe('GET /v1/subscriptions', () => {
  it('lists subscriptions oldest first, a page at a time', async () => {
    const ids = [(await newSubscription()).subscription_id, (await newSubscription()).subscription_id, (await newSubscription()).subscription_id];
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse = await till.api('GET', `/v1/subscriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeLessThanOrEqual(2);
      expect(response.body.next_cursor).toBe(response.body.has_more ? response.body.data.at(-1).subscription_id : null);
      all.push(...response.body.data.map((subscription: Subscription) => subscription.subscription_id));
      cursor = response.body.next_cursor;
    } while (cursor);

    expect(all).toStrictEqual([...all].sort());
    expect(all.slice(-3)).toStrictEqual(ids);
  });

  it('shows each subscription in the list as it shows it alone', async () => {
    const subscription = await newSubscription();
    const { body } = await till.api('GET', `/v1/subscriptions?connection_id=${subscription.connection_id}`);
    expect(body).toStrictEqual({ data: [subscription], has_more: false, next_cursor: null });
  });

  it('filters by connection, including a connection’s earlier, canceled subscriptions', async () => {
    const first = await newSubscription();
    await newSubscription();
    expect((await cancel(first.subscription_id, { at_period_end: false })).status).toBe(200);
    const { connectionId } = await till.subscribeTo((await till.catalog()).configId, first.connection_id);
    const second = (await till.getConnection(connectionId)).subscription as Subscription;

    const { body } = await till.api('GET', `/v1/subscriptions?connection_id=${first.connection_id}`);
    expect(body.data.map((s: Subscription) => [s.subscription_id, s.status])).toStrictEqual([
      [first.subscription_id, 'canceled'],
      [second.subscription_id, 'active'],
    ]);
  });

  it('filters by status', async () => {
    const canceled = await newSubscription();
    const active = await newSubscription();
    await cancel(canceled.subscription_id, { at_period_end: false });

    const listed = async (status: string) =>
      (await till.api('GET', `/v1/subscriptions?status=${status}&limit=100`)).body.data.map((s: Subscription) => s.subscription_id);
    expect(await listed('canceled')).toContain(canceled.subscription_id);
    expect(await listed('canceled')).not.toContain(active.subscription_id);
    expect(await listed('active')).toContain(active.subscription_id);
    expect(await listed('active')).not.toContain(canceled.subscription_id);
  });

  it.each([
    ['status=paused', 'status'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['connection_id=', 'connection_id'],
    ['customer=con_test_x', 'customer'],
  ])('refuses ?%s naming %s', async (query, param) => {
    expectApiError(await till.api('GET', `/v1/subscriptions?${query}`), 'validation_error', param);
  });
});

describe('POST /v1/subscriptions/:id/cancel', () => {
  it('cancels at the period’s end by default: still active, with cancel_at the period’s end, as subscription.updated', async () => {
    const subscription = await newSubscription();
    const response = await cancel(subscription.subscription_id);

    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      ...subscription,
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: subscription.current_period_end,
      canceled_at: null,
      ended_at: null,
    });
    expect((await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`)).body).toStrictEqual(response.body);
    expect(await eventsAbout(subscription.subscription_id, 'subscription.updated', 'subscription.canceled')).toMatchObject([
      { type: 'subscription.updated', data: response.body },
    ]);
  });

  it('keeps the connection subscribed until the period ends, so it can still buy credit packs', async () => {
    const subscription = await newSubscription();
    const scheduled = (await cancel(subscription.subscription_id, { at_period_end: true })).body;

    expect((await till.getConnection(subscription.connection_id)).subscription).toStrictEqual(scheduled);
    const session = await till.createBundleSession(subscription.connection_id);
    expect((await till.complete(secretOf(session), { card: validCard() })).status).toBe(200);
  });

  it('cancels at the period’s end once: asking again answers the same and records nothing', async () => {
    const subscription = await newSubscription();
    const first = await cancel(subscription.subscription_id, { at_period_end: true });
    const again = await cancel(subscription.subscription_id, {});

    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual(first.body);
    expect(await eventsAbout(subscription.subscription_id, 'subscription.updated', 'subscription.canceled')).toHaveLength(1);
  });

  it('cancels now with at_period_end false: canceled, ended, as subscription.canceled', async () => {
    const subscription = await newSubscription();
    const before = Date.now();
    const response = await cancel(subscription.subscription_id, { at_period_end: false });

    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      ...subscription,
      status: 'canceled',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: expect.any(String),
      ended_at: response.body.canceled_at,
    });
    expect(Date.parse(response.body.canceled_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(response.body.canceled_at)).toBeLessThanOrEqual(Date.now());
    expect((await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`)).body).toStrictEqual(response.body);
    expect(await eventsAbout(subscription.subscription_id, 'subscription.updated', 'subscription.canceled')).toMatchObject([
      { type: 'subscription.canceled', data: response.body },
    ]);
  });

  it('ends the connection’s subscription at once, so it may subscribe again and buys no more credit packs', async () => {
    const subscription = await newSubscription();
    await cancel(subscription.subscription_id, { at_period_end: false });

    expect((await till.getConnection(subscription.connection_id)).subscription).toBeNull();
    expectApiError(
      await till.api('POST', '/v1/checkout_sessions', {
        body: await till.sessionBody({
          checkout_mode: 'credit_bundle',
          subscription_config_id: undefined,
          credit_bundle_id: (await till.catalog()).starterBundle.id,
          connection_id: subscription.connection_id,
        }),
      }),
      'subscription_required',
      'connection_id',
    );
    await till.subscribeTo(subscription.subscription_config_id, subscription.connection_id);
    expect((await till.getConnection(subscription.connection_id)).subscription.subscription_id).not.toBe(subscription.subscription_id);
  });

  it('cancels now a subscription already set to cancel at the period’s end', async () => {
    const subscription = await newSubscription();
    await cancel(subscription.subscription_id);
    const response = await cancel(subscription.subscription_id, { at_period_end: false });

    expect(response.body).toMatchObject({ status: 'canceled', cancel_at_period_end: false, cancel_at: null, ended_at: expect.any(String) });
    expect((await eventsAbout(subscription.subscription_id, 'subscription.updated', 'subscription.canceled')).map((e) => e.type)).toStrictEqual([
      'subscription.updated',
      'subscription.canceled',
    ]);
  });

  it.each([{ at_period_end: false }, { at_period_end: true }, {}])('refuses to cancel a canceled subscription again (%j) with 409 subscription_canceled', async (body) => {
    const subscription = await newSubscription();
    const canceled = await cancel(subscription.subscription_id, { at_period_end: false });
    expectApiError(await cancel(subscription.subscription_id, body), 'subscription_canceled', 'id');

    expect((await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`)).body).toStrictEqual(canceled.body);
    expect(await eventsAbout(subscription.subscription_id, 'subscription.updated', 'subscription.canceled')).toHaveLength(1);
  });

  it('cancels once when requests to cancel now arrive together', async () => {
    const subscription = await newSubscription();
    // Eight at once overlap on Postgres (without the row lock, several of them record subscription.canceled).
    const responses = await Promise.all(Array.from({ length: 8 }, () => cancel(subscription.subscription_id, { at_period_end: false })));

    expect(responses.map((response) => response.status).sort()).toStrictEqual([200, ...Array(7).fill(409)]);
    expect(await eventsAbout(subscription.subscription_id, 'subscription.canceled')).toHaveLength(1);
  });

  it('delivers subscription.canceled to an endpoint that subscribed to it', async () => {
    const subscription = await newSubscription();
    const endpoint = await till.createEndpoint('http://localhost:9/never-called', ['subscription.canceled']);
    await cancel(subscription.subscription_id, { at_period_end: false });
    const [event] = await eventsAbout(subscription.subscription_id, 'subscription.canceled');

    const deliveries = await till.db.query('SELECT event_id FROM webhook_deliveries WHERE webhook_endpoint_id = $1', [endpoint.webhook_endpoint_id]);
    expect(deliveries).toStrictEqual([{ event_id: event!.event_id }]);
  });

  it.each([
    [{ at_period_end: 'yes' }, 'at_period_end'],
    [{ at_period_end: null }, 'at_period_end'],
    [{ prorate: true }, 'prorate'],
  ])('refuses %j naming %s, and changes nothing', async (body, param) => {
    const subscription = await newSubscription();
    expectApiError(await cancel(subscription.subscription_id, body), 'validation_error', param);
    expect((await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`)).body).toStrictEqual(subscription);
  });

  it('refuses a body that is not JSON', async () => {
    const subscription = await newSubscription();
    expectApiError(await cancel(subscription.subscription_id, '{'), 'invalid_json');
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    expectApiError(await cancel('sub_test_missing'), 'resource_missing', 'id');
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const subscription = await newSubscription();
    const headers = { 'Idempotency-Key': `cancel-${subscription.subscription_id}` };
    const path = `/v1/subscriptions/${subscription.subscription_id}/cancel`;
    const first = await till.api('POST', path, { body: { at_period_end: false }, headers });
    const again = await till.api('POST', path, { body: { at_period_end: false }, headers });

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual(first.body);
  });
});

describe('subscriptions of another merchant', () => {
  it('are missing to it: 404 for GET and cancel, and absent from its lists', async () => {
    const subscription = await newSubscription();
    const other = await till.insertOtherMerchant();

    expectApiError(await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`, { key: other.apiKey }), 'resource_missing', 'id');
    expectApiError(await cancel(subscription.subscription_id, { at_period_end: false }, other.apiKey), 'resource_missing', 'id');
    expectApiError(await cancel(subscription.subscription_id, {}, other.apiKey), 'resource_missing', 'id');
    for (const query of ['', `?connection_id=${subscription.connection_id}`, '?status=active', '?status=canceled']) {
      expect((await till.api('GET', `/v1/subscriptions${query}`, { key: other.apiKey })).body).toStrictEqual({ data: [], has_more: false, next_cursor: null });
    }
    expect((await till.api('GET', `/v1/subscriptions/${subscription.subscription_id}`)).body).toStrictEqual(subscription);
  });
});
