import { describe, expect, it } from 'vitest';
import { settleProcessingPayments } from '../../src/server/checkout/settleProcessingPayments';
import { expireCheckoutSessions } from '../../src/server/events/expireCheckoutSessions';
import { createSettlingProcessor } from './support/settlingProcessor';
import { expectApiError, newCustomer, PROCESSING, secretOf, useTestServer, validCard } from './support/testServer';

const slow = createSettlingProcessor();
const { processorFor } = slow;
const till = useTestServer({ processorFor });
/** A round of the worker's sweep of settling payments, asking again at once about any still settling. */
const settleNow = () => settleProcessingPayments(till.db, processorFor, { onError: (error) => { throw error; }, recheckDelay: () => 0 });

async function payWithTheSlowCard(key: string) {
  const session = await till.createSession();
  const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(PROCESSING))).body.id };
  const response = await till.complete(secretOf(session), body, { 'Idempotency-Key': key });
  expect(response.body).toMatchObject({ status: 'processing' });
  return { session, body, sessionId: session.checkout_session_id };
}

const statusOf = async (sessionId: string) => (await till.api('GET', `/v1/checkout_sessions/${sessionId}`)).body.status;
const eventsOf = async (type: string, sessionId: string) =>
  (await till.api('GET', `/v1/events?type=${type}&limit=100`)).body.data.filter(
    (event: { data: { checkout_session_id?: string } }) => event.data.checkout_session_id === sessionId,
  );
const settled = () => slow.settle();

describe('a payment the processor settles later', () => {
  it('holds the checkout as processing past its expiry, then completes it once, with its events once', async () => {
    const { session, body, sessionId } = await payWithTheSlowCard('slow-1');
    expect(await statusOf(sessionId)).toBe('processing');
    await till.expireSession(sessionId);
    await expireCheckoutSessions(till.db);
    expect(await statusOf(sessionId)).toBe('processing');
    expect(await eventsOf('checkout.expired', sessionId)).toEqual([]);

    await settleNow();
    expect(await statusOf(sessionId)).toBe('processing');
    settled();
    await settleNow();
    await settleNow();
    expect(await statusOf(sessionId)).toBe('completed');

    // The customer's own retry of the attempt hears the outcome the worker settled.
    const retry = await till.complete(secretOf(session), body, { 'Idempotency-Key': 'slow-1' });
    expect(retry.body).toMatchObject({ status: 'completed', checkout_session_id: sessionId });
    expect(await eventsOf('checkout.completed', sessionId)).toHaveLength(1);
  });

  it('refuses another payment and any change while one settles', async () => {
    const { session } = await payWithTheSlowCard('slow-2');
    expectApiError(await till.complete(secretOf(session), { customer: newCustomer(), card: validCard() }, { 'Idempotency-Key': 'other' }), 'payment_in_progress');
    expectApiError(await till.updateSession(secretOf(session), { country: 'DE' }), 'payment_in_progress');
    settled();
    await settleNow();
  });

  it('opens the checkout again after a settling payment fails, with payment.failed once, for another card', async () => {
    const { session, sessionId } = await payWithTheSlowCard('slow-3');
    slow.failSettlements = true;
    try {
      settled();
      await settleNow();
    } finally {
      slow.failSettlements = false;
    }
    expect(await statusOf(sessionId)).toBe('open');
    expect(await eventsOf('payment.failed', sessionId)).toHaveLength(1);
    // The customer who comes back is told why, as the one who waited would have been.
    expect((await till.getSessionView(secretOf(session))).body).toMatchObject({ status: 'open', last_decline_code: 'insufficient_funds' });
    expect((await till.complete(secretOf(session), { customer: newCustomer(), card: validCard() })).body.status).toBe('completed');
    expect((await till.getSessionView(secretOf(session))).body).toMatchObject({ status: 'completed', last_decline_code: null });
  });

  it('is settled by the worker in the background, once, with any number of workers', async () => {
    const { sessionId } = await payWithTheSlowCard('slow-4');
    settled();
    till.startWorker();
    till.startWorker();
    await expect.poll(() => statusOf(sessionId), { timeout: 5000 }).toBe('completed');
    await till.stopWorkers();
    expect(await eventsOf('checkout.completed', sessionId)).toHaveLength(1);
  });

  it('is asked about again only after a wait while it settles, longer after the processor failed to answer, and holds up no other', async () => {
    const failing = await payWithTheSlowCard('slow-5');
    const other = await payWithTheSlowCard('slow-6');
    const [{ processor_payment_id: unanswered }] = (await till.db.query<{ processor_payment_id: string }>(
      'SELECT processor_payment_id FROM payments WHERE checkout_session_id = $1',
      [failing.sessionId],
    )) as [{ processor_payment_id: string }];
    const asked: string[] = [];
    const errors: unknown[] = [];
    const answering: typeof processorFor = async (merchantId, store, takenBy) => {
      const processor = await processorFor(merchantId, store, takenBy);
      return {
        ...processor,
        async retrievePayment(id) {
          asked.push(id);
          if (id === unanswered) throw new Error('the processor is unreachable');
          return processor.retrievePayment(id);
        },
      };
    };
    const round = () => settleProcessingPayments(till.db, answering, { onError: (error) => errors.push(error) });
    const nextCheckOf = async (sessionId: string) =>
      (await till.db.query<{ wait_s: number }>('SELECT extract(epoch FROM next_check_at - now())::float8 AS wait_s FROM payments WHERE checkout_session_id = $1', [sessionId]))[0]!.wait_s;

    await round(); // neither has settled
    expect(errors).toHaveLength(1);
    expect(await nextCheckOf(failing.sessionId)).toBeGreaterThan(29);
    expect(await nextCheckOf(other.sessionId)).toBeGreaterThan(0.5);
    expect(await nextCheckOf(other.sessionId)).toBeLessThan(2);
    const askedBefore = asked.length;
    settled();
    await round(); // both wait for their next check
    expect(asked).toHaveLength(askedBefore);

    await till.db.query('UPDATE payments SET next_check_at = now() WHERE checkout_session_id = ANY($1)', [[failing.sessionId, other.sessionId]]);
    await round();
    expect(await statusOf(other.sessionId)).toBe('completed');
    expect(await statusOf(failing.sessionId)).toBe('processing');
    expect(errors).toHaveLength(2);
    await till.db.query('UPDATE payments SET next_check_at = now() WHERE checkout_session_id = $1', [failing.sessionId]);
    await settleNow(); // the processor answers again
    expect(await statusOf(failing.sessionId)).toBe('completed');
  });
});
