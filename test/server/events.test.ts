import { describe, expect, it } from 'vitest';
import { expireCheckoutSessions } from '../../src/server/events/expireCheckoutSessions';
import { recordEvent } from '../../src/server/events/recordEvent';
import type { Queryable } from '../../src/server/store/Database';
import { olderTransactionsEnded } from './support/olderTransactionsEnded';
import { DECLINED_VISA, expectApiError, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();
/** Whether this run's store is a Postgres server, where transactions run side by side, or PGlite, where one at a time. */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

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

/** The id of the demo merchant's last listed event: a poller's cursor once it has seen everything. */
async function lastEventId(): Promise<string> {
  let last = '';
  for (let page = { has_more: true, next_cursor: null as string | null }; page.has_more; ) {
    page = (await till.api('GET', `/v1/events?limit=100${last ? `&cursor=${last}` : ''}`)).body;
    last = (page as any).data.at(-1)?.event_id ?? last;
  }
  return last;
}

/** The ids of the events after `cursor`, listed at once: `till.api` would wait for the transactions still running. */
async function listedAfter(cursor: string): Promise<string[]> {
  const response = await till.request('GET', `/v1/events?limit=100&cursor=${cursor}`);
  expect(response.status).toBe(200);
  return ((await response.json()).data as { event_id: string }[]).map((event) => event.event_id);
}

/** A transaction of its own that does `work` and stays open until `commit` is called; `worked` has its result. */
function openTransaction<T>(work: (tx: Queryable) => Promise<T>) {
  let commit!: () => void;
  let done!: (value: T) => void;
  const asked = new Promise<void>((resolve) => (commit = resolve));
  const worked = new Promise<T>((resolve) => (done = resolve));
  const committed = till.db.transaction(async (tx) => {
    done(await work(tx));
    await asked;
  });
  // A failing `work` fails `worked` too, rather than leaving the test waiting for it.
  return { worked: Promise.race([worked, committed.then(() => worked)]), commit, committed };
}

/** A `checkout.completed` event's data, as the server records it: the test's own events must meet the contract. */
async function completedCheckout() {
  const { session } = await till.subscribe();
  return (await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body;
}

describe('GET /v1/events after a cursor', () => {
  it('holds back an event committed while an older transaction is open, and lists both, in id order, once it commits', async () => {
    const data = await completedCheckout();
    const record = (tx: Queryable) => recordEvent(tx, till.demo.merchantId, 'checkout.completed', data);
    const cursor = await lastEventId();
    const first = openTransaction(record);
    const firstId = await first.worked;
    let secondId: string;
    if (onPostgres) {
      // Another connection records an event and commits while the first is open: a poller now must not move past it.
      try {
        secondId = await till.db.transaction(record);
        expect(await listedAfter(cursor)).toStrictEqual([]);
      } finally {
        first.commit();
        await first.committed;
      }
    } else {
      // PGlite runs one transaction at a time: the second, and then the list asked while the first is open, wait
      // for the first to commit, and so the list cannot come between the two commits.
      const second = till.db.transaction(record);
      let commitAsked = false;
      const listed = listedAfter(cursor).then((ids) => ({ ids, commitAsked }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      commitAsked = true;
      first.commit();
      await first.committed;
      secondId = await second;
      expect(await listed).toStrictEqual({ ids: [firstId, secondId], commitAsked: true });
    }

    expect(firstId < secondId).toBe(true);
    expect((await till.api('GET', `/v1/events?limit=100&cursor=${cursor}`)).body.data.map((e: any) => e.event_id)).toStrictEqual([firstId, secondId]);
    const page = await till.api('GET', `/v1/events?limit=1&cursor=${cursor}`);
    expect(page.body).toMatchObject({ has_more: true, next_cursor: firstId });
    expect((await till.api('GET', `/v1/events?limit=1&cursor=${firstId}`)).body).toMatchObject({ data: [{ event_id: secondId }], has_more: false });
  });

  it('passes over no event when a transaction begun later makes its event first and commits last', async () => {
    const data = await completedCheckout();
    const record = (tx: Queryable) => recordEvent(tx, till.demo.merchantId, 'checkout.completed', data);
    // A transaction takes its id at its first write (a checkout's session update): asked for here.
    const begin = (tx: Queryable) => tx.query('SELECT pg_current_xact_id()');
    let cursor = await lastEventId();
    const seen: string[] = [];
    /** One poll, as a client's: the events after its cursor, which moves to the last one. */
    const poll = async (list: (cursor: string) => Promise<string[]>) => {
      const ids = await list(cursor);
      seen.push(...ids);
      cursor = ids.at(-1) ?? cursor;
    };
    const listedWhenSettled = async (after: string) =>
      (await till.api('GET', `/v1/events?limit=100&cursor=${after}`)).body.data.map((e: any) => e.event_id) as string[];
    let firstId: string;
    let secondId: string;
    if (onPostgres) {
      // The first begins, the second begins and records its event, the first records a later id and commits, and a
      // poll comes before the second commits: a cursor in id order would now be past the second's event for good.
      let began!: () => void;
      const firstBegan = new Promise<void>((resolve) => (began = resolve));
      let recordedSecond!: () => void;
      const secondRecorded = new Promise<void>((resolve) => (recordedSecond = resolve));
      const first = till.db.transaction(async (tx) => {
        await begin(tx);
        began();
        await secondRecorded;
        return record(tx);
      });
      await firstBegan;
      const second = openTransaction(async (tx) => {
        const id = await record(tx);
        const [{ txid }] = (await tx.query<{ txid: string }>('SELECT pg_current_xact_id() AS txid')) as [{ txid: string }];
        return { id, txid };
      });
      try {
        const recorded = await second.worked;
        secondId = recorded.id;
        recordedSecond();
        firstId = await first;
        // The poll comes when the second is the only older transaction left (the other test files share the server).
        await olderTransactionsEnded(till.db, { than: recorded.txid });
        await poll(listedAfter);
        expect(seen).toStrictEqual([firstId]);
      } finally {
        second.commit();
        await second.committed;
      }
      expect(secondId < firstId).toBe(true);
    } else {
      // PGlite runs one transaction at a time, so a later one cannot make its event first: a poll between two commits
      // still sees each event once.
      firstId = await till.db.transaction(async (tx) => {
        await begin(tx);
        return record(tx);
      });
      await poll(listedAfter);
      secondId = await till.db.transaction(record);
    }
    await poll(listedWhenSettled);
    // Each once, in the order their transactions began: on Postgres the first's id is the larger.
    expect(seen).toStrictEqual([firstId, secondId]);
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
