import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRequest } from '../../src/server/payments/PaymentProcessor';
import { createTestPaymentMethod } from '../../src/server/payments/test/createTestPaymentMethod';
import { createTestProcessor, TEST_SETTLEMENT_MS } from '../../src/server/payments/test/createTestProcessor';
import type { Database } from '../../src/server/store/Database';
import { openTestStore, type TestStore } from './support/openTestStore';

let store: TestStore;
let db: Database;
beforeAll(async () => {
  store = await openTestStore();
  db = store.db;
});
afterAll(() => store.close());

const nextYear = new Date().getUTCFullYear() + 1;
let keys = 0;
async function paymentMethod(number: string) {
  return (await createTestPaymentMethod(db, { card: { number, exp_month: 7, exp_year: nextYear, cvc: number.startsWith('3') ? '1234' : '123' } })).id;
}
async function request(number: string, overrides: Partial<PaymentRequest> = {}): Promise<PaymentRequest> {
  return { idempotencyKey: `key_${++keys}`, amount: 1900, currency: 'USD', paymentMethodId: await paymentMethod(number), livemode: false, ...overrides };
}

describe('the test processor', () => {
  it.each([
    // number, on session, off session (a renewal)
    ['4242424242424242', 'succeeded', 'succeeded'],
    ['4000000000000002', 'declined:card_declined', 'declined:card_declined'],
    ['4000000000009995', 'declined:insufficient_funds', 'declined:insufficient_funds'],
    ['4000000000000069', 'declined:expired_card', 'declined:expired_card'],
    ['4000002760003184', 'requires_action', 'declined:authentication_required'],
    ['4000002500003155', 'requires_action', 'succeeded'],
    ['4000000000000341', 'succeeded', 'declined:card_declined'],
    ['4000000000007726', 'processing', 'processing'],
  ])('answers %s with %s on session and %s off session, as Stripe’s test mode does', async (number, onSession, offSession) => {
    const processor = createTestProcessor(db);
    const describe = (p: { status: string; declineCode?: string }) => (p.status === 'declined' ? `declined:${p.declineCode}` : p.status);
    expect(describe(await processor.confirmPayment({ ...(await request(number)), savePaymentMethod: true }))).toBe(onSession);
    expect(describe(await processor.chargeOffSession(await request(number)))).toBe(offSession);
  });

  it('tells only the brand, last four and expiry of the card, and keeps nothing more of its number', async () => {
    const processor = createTestProcessor(db);
    const payment = await processor.confirmPayment({ ...(await request('5555555555554444')), savePaymentMethod: true });
    expect(payment.card).toEqual({ brand: 'mastercard', last4: '4444', exp_month: 7, exp_year: nextYear });
    const dump = JSON.stringify(await db.query('SELECT * FROM test_payment_methods'));
    expect(dump).not.toContain('5555555555554444');
    expect(dump).not.toContain('555555555555');
  });

  it('answers a repeated idempotency key with the first payment instead of charging again', async () => {
    const processor = createTestProcessor(db);
    const first = await request('4242424242424242');
    const again = { ...first, paymentMethodId: await paymentMethod('4000000000000002') };
    const [a, b] = [await processor.chargeOffSession(first), await processor.chargeOffSession(again)];
    expect(b).toEqual(a);
    expect(await db.query('SELECT 1 FROM test_payment_intents WHERE idempotency_key = $1', [first.idempotencyKey])).toHaveLength(1);
  });

  it('refuses every card in live mode: test numbers as test cards, others as payments it cannot take', async () => {
    const processor = createTestProcessor(db);
    await expect(processor.confirmPayment({ ...(await request('4242424242424242', { livemode: true })), savePaymentMethod: true })).resolves.toMatchObject({
      status: 'declined',
      declineCode: 'test_mode_live_card',
    });
    await expect(processor.chargeOffSession(await request('4111111111111111', { livemode: true }))).resolves.toMatchObject({
      status: 'declined',
      declineCode: 'live_payments_unavailable',
    });
  });

  it('completes or fails a challenged payment as the customer answers, and only once', async () => {
    const processor = createTestProcessor(db);
    const passed = await processor.confirmPayment({ ...(await request('4000002760003184')), savePaymentMethod: true });
    expect(passed).toMatchObject({ status: 'requires_action', action: { type: 'challenge_page', url: `/test-processor/authenticate/${passed.id}` } });
    expect(await processor.authenticate(passed.id, true)).toMatchObject({ status: 'succeeded' });
    expect(await processor.authenticate(passed.id, false)).toMatchObject({ status: 'succeeded' });

    const failed = await processor.confirmPayment({ ...(await request('4000002500003155')), savePaymentMethod: true });
    expect(await processor.cancelPayment(failed.id)).toMatchObject({ status: 'declined', declineCode: 'authentication_required' });
    expect(await processor.authenticate(failed.id, true)).toMatchObject({ status: 'declined' });
  });

  it('settles a processing payment after its delay, and not before', async () => {
    let now = new Date();
    const processor = createTestProcessor(db, () => now);
    const payment = await processor.confirmPayment({ ...(await request('4000000000007726')), savePaymentMethod: true });
    now = new Date(now.getTime() + TEST_SETTLEMENT_MS - 1);
    expect(await processor.retrievePayment(payment.id)).toMatchObject({ status: 'processing' });
    now = new Date(now.getTime() + 1);
    expect(await processor.retrievePayment(payment.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refunds in parts up to what was paid, and no more', async () => {
    const processor = createTestProcessor(db);
    const payment = await processor.chargeOffSession(await request('4242424242424242'));
    expect(await processor.refund({ idempotencyKey: 'r1', paymentId: payment.id, amount: 1000 })).toMatchObject({ amount: 1000 });
    expect(await processor.refund({ idempotencyKey: 'r1', paymentId: payment.id, amount: 1000 })).toMatchObject({ amount: 1000 });
    await expect(processor.refund({ idempotencyKey: 'r2', paymentId: payment.id, amount: 901 })).rejects.toThrow();
    expect(await processor.refund({ idempotencyKey: 'r3', paymentId: payment.id, amount: 900 })).toMatchObject({ amount: 900 });
  });
});
