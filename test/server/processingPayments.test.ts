import { describe, expect, it } from 'vitest';
import { settleProcessingPayments } from '../../src/server/checkout/settleProcessingPayments';
import { expireCheckoutSessions } from '../../src/server/events/expireCheckoutSessions';
import { createSettlingProcessor } from './support/settlingProcessor';
import { expectApiError, newCustomer, PROCESSING, secretOf, useTestServer, validCard } from './support/testServer';

const slow = createSettlingProcessor();
const { processorFor } = slow;
const till = useTestServer({ processorFor });

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

    await settleProcessingPayments(till.db, processorFor);
    expect(await statusOf(sessionId)).toBe('processing');
    settled();
    await settleProcessingPayments(till.db, processorFor);
    await settleProcessingPayments(till.db, processorFor);
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
    await settleProcessingPayments(till.db, processorFor);
  });

  it('opens the checkout again after a settling payment fails, with payment.failed once, for another card', async () => {
    const { session, sessionId } = await payWithTheSlowCard('slow-3');
    slow.failSettlements = true;
    try {
      settled();
      await settleProcessingPayments(till.db, processorFor);
    } finally {
      slow.failSettlements = false;
    }
    expect(await statusOf(sessionId)).toBe('open');
    expect(await eventsOf('payment.failed', sessionId)).toHaveLength(1);
    expect((await till.complete(secretOf(session), { customer: newCustomer(), card: validCard() })).body.status).toBe('completed');
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
});
