import { describe, expect, it } from 'vitest';
import { expireCheckoutSessions } from '../../src/server/events/expireCheckoutSessions';
import { DECLINED_VISA, expectApiError, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

async function eventsFor(sessionId: string) {
  const { body } = await till.api('GET', '/v1/events?limit=100');
  return body.data.filter((event: any) => JSON.stringify(event.data).includes(sessionId));
}

describe('events', () => {
  it('records a new subscriber as connection.created, subscription.created and checkout.completed, in that order', async () => {
    const session = await till.createSession({ metadata: { plan: 'pro' } });
    const { body: completed } = await till.complete(secretOf(session));
    const events = await eventsFor(session.checkout_session_id);
    const [connectionCreated] = (await till.eventsOfType('connection.created')).filter((e) => e.data.connection_id === completed.connection_id);
    const [subscriptionCreated] = (await till.eventsOfType('subscription.created')).filter((e) => e.data.subscription_id === completed.subscription_id);

    expect(connectionCreated!.data).toStrictEqual(await till.getConnection(completed.connection_id));
    expect(subscriptionCreated!.data).toStrictEqual((await till.getConnection(completed.connection_id)).subscription);
    expect(events.map((e: any) => e.type)).toStrictEqual(['checkout.completed']);
    const ids = [connectionCreated!.event_id, subscriptionCreated!.event_id, events[0].event_id];
    expect([...ids].sort()).toStrictEqual(ids);
    expect(events[0]).toStrictEqual({
      event_id: expect.stringMatching(/^evt_test_[0-9A-Z]{26}$/),
      type: 'checkout.completed',
      created_at: expect.any(String),
      livemode: false,
      data: (await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body,
    });
    expect(events[0].data).toMatchObject({ metadata: { plan: 'pro' }, amount_total: '19.00', credits_added: '10.00', subscription_id: completed.subscription_id });
  });

  it('records a credit pack as credits.purchased with the balance after, and no second connection.created', async () => {
    const { connectionId } = await till.subscribe();
    const { starterBundle } = await till.catalog();
    const session = await till.createBundleSession(connectionId);
    expect((await till.complete(secretOf(session), { card: validCard() })).status).toBe(200);

    const [purchase] = (await till.eventsOfType('credits.purchased')).filter((e) => e.data.checkout_session_id === session.checkout_session_id);
    expect(purchase!.data).toStrictEqual({
      connection_id: connectionId,
      checkout_session_id: session.checkout_session_id,
      credit_bundle_id: starterBundle.id,
      credits_added: '5.00',
      credit_balance: '15.00',
    });
    expect((await till.eventsOfType('connection.created')).filter((e) => e.data.connection_id === connectionId)).toHaveLength(1);
    expect((await eventsFor(session.checkout_session_id)).map((e: any) => e.type)).toStrictEqual(['credits.purchased', 'checkout.completed']);
  });

  it('records a decline as payment.failed and nothing else', async () => {
    const session = await till.createSession();
    expect((await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }))).status).toBe(402);
    const events = await eventsFor(session.checkout_session_id);
    expect(events.map((e: any) => e.type)).toStrictEqual(['payment.failed']);
    expect(events[0].data).toStrictEqual({
      payment_id: expect.stringMatching(/^pay_test_/),
      checkout_session_id: session.checkout_session_id,
      connection_id: null,
      amount: '19.00',
      currency: 'USD',
      decline_code: 'card_declined',
      failure_message: expect.any(String),
      created_at: expect.any(String),
    });
  });

  it('records nothing when the change is rolled back: the event and the change commit together', async () => {
    const session = await till.createSession();
    const before = (await till.api('GET', '/v1/events?limit=100')).body.data.length;
    // The last write of a completion fails, as a crash or a constraint would: everything before it must go too.
    await till.db.query(`CREATE FUNCTION refuse_completed_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'checkout.completed' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await till.db.query('CREATE TRIGGER refuse_completed_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_completed_event()');
    try {
      expect((await till.complete(secretOf(session))).status).toBe(500);
    } finally {
      await till.db.query('DROP TRIGGER refuse_completed_event ON events');
      await till.db.query('DROP FUNCTION refuse_completed_event()');
    }
    expect((await till.api('GET', '/v1/events?limit=100')).body.data).toHaveLength(before);
    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body.status).toBe('open');
    expect((await till.complete(secretOf(session))).status).toBe(200);
    expect((await eventsFor(session.checkout_session_id)).map((e: any) => e.type)).toStrictEqual(['checkout.completed']);
  });

  it('records checkout.expired once for a session that passed its expiry unpaid', async () => {
    const session = await till.createSession({ metadata: { cart: '42' } });
    const paid = await till.createSession();
    await till.complete(secretOf(paid));
    await till.expireSession(session.checkout_session_id);
    await till.expireSession(paid.checkout_session_id);

    await Promise.all([expireCheckoutSessions(till.db), expireCheckoutSessions(till.db)]);
    await expireCheckoutSessions(till.db);
    const expired = (await till.eventsOfType('checkout.expired')).filter((e) =>
      [session.checkout_session_id, paid.checkout_session_id].includes(e.data.checkout_session_id),
    );
    expect(expired.map((e) => e.data.checkout_session_id)).toStrictEqual([session.checkout_session_id]);
    expect(expired[0]!.data).toMatchObject({ status: 'expired', metadata: { cart: '42' } });
  });

  it('records checkout.expired from the running worker', async () => {
    const session = await till.createSession();
    await till.expireSession(session.checkout_session_id);
    till.startWorker({ sweepIntervalMs: 50 });
    for (let tries = 0; tries < 100 && (await eventsFor(session.checkout_session_id)).length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await till.stopWorkers();
    expect((await eventsFor(session.checkout_session_id)).map((e: any) => e.type)).toStrictEqual(['checkout.expired']);
  });
});

describe('GET /v1/events', () => {
  it('filters by type and creation time, and pages with the usual cursor', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const startedAt = new Date().toISOString();
    for (let i = 0; i < 3; i++) await till.subscribe();
    const all = await till.eventsOfType('checkout.completed');
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((e) => e.type === 'checkout.completed')).toBe(true);

    const recent = await till.api('GET', `/v1/events?type=checkout.completed&created_gte=${startedAt}&limit=2`);
    expect(recent.body.data).toHaveLength(2);
    expect(recent.body.has_more).toBe(true);
    const rest = await till.api('GET', `/v1/events?type=checkout.completed&created_gte=${startedAt}&limit=2&cursor=${recent.body.next_cursor}`);
    expect(rest.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(rest.body.data).toHaveLength(1);

    const none = await till.api('GET', `/v1/events?created_lt=${startedAt}&type=checkout.completed&limit=100`);
    expect(none.body.data.length).toBe(all.length - 3);
  });

  it.each([
    ['type=checkout.paid', 'type'],
    ['created_gte=yesterday', 'created_gte'],
    ['created_lt=2026-13-01T00:00:00Z', 'created_lt'],
    ['limit=101', 'limit'],
    ['order=desc', 'order'],
  ])('refuses ?%s, naming %s', async (query, param) => {
    expectApiError(await till.api('GET', `/v1/events?${query}`), 'validation_error', param);
  });

  it('gets one event, and hides it from another merchant', async () => {
    await till.subscribe();
    const [event] = (await till.eventsOfType('checkout.completed')).slice(-1);
    expect((await till.api('GET', `/v1/events/${event!.event_id}`)).body).toStrictEqual(event);
    const other = await till.insertOtherMerchant();
    expectApiError(await till.api('GET', `/v1/events/${event!.event_id}`, { key: other.apiKey }), 'resource_missing', 'id');
    expect((await till.api('GET', '/v1/events', { key: other.apiKey })).body.data).toStrictEqual([]);
    expectApiError(await till.api('POST', `/v1/events/${event!.event_id}/redeliver`, { key: other.apiKey }), 'resource_missing', 'id');
    expectApiError(await till.api('GET', '/v1/events/evt_test_nope'), 'resource_missing', 'id');
  });
});
