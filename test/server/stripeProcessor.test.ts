import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProcessor, PaymentRequest, ProcessorPayment } from '../../src/server/payments/PaymentProcessor';
import { createStripeProcessor } from '../../src/server/payments/stripe/createStripeProcessor';
import { startFakeStripe, type FakeStripe } from './support/fakeStripe';

let stripe: FakeStripe;
let processor: PaymentProcessor;
beforeAll(async () => {
  stripe = await startFakeStripe();
  processor = await createStripeProcessor({ secretKey: stripe.secretKey, api: stripe.api });
});
afterAll(() => stripe.close());

let keys = 0;
const request = (paymentMethodId: string, overrides: Partial<PaymentRequest> = {}): PaymentRequest => ({
  idempotencyKey: `cs_test_1:attempt_${++keys}`, amount: 1900, currency: 'USD', paymentMethodId, livemode: false, ...overrides,
});
const outcome = (p: ProcessorPayment) => (p.status === 'declined' ? `declined:${p.declineCode}` : p.status);

describe('the stripe processor, against a local fake of Stripe', () => {
  it('pays with a card and tells its brand, last four and expiry', async () => {
    const payment = await processor.confirmPayment({ ...request('pm_card_visa'), savePaymentMethod: false });
    expect(payment).toMatchObject({ status: 'succeeded', card: { brand: 'visa', last4: '4242', exp_month: 12 } });
    expect(payment.id).toMatch(/^pi_/);
  });

  it.each([
    ['pm_card_chargeDeclined', 'declined:card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'declined:insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'declined:expired_card'],
  ])('answers a decline of %s as %s, from the card error’s decline_code', async (card, expected) => {
    const payment = await processor.confirmPayment({ ...request(card), savePaymentMethod: true });
    expect(outcome(payment)).toBe(expected);
    expect(payment).toMatchObject({ card: { brand: 'visa' }, message: expect.stringMatching(/card/i) });
  });

  it('asks for 3-D Secure with the client secret Stripe.js needs, then answers how the customer ended it', async () => {
    const passed = await processor.confirmPayment({ ...request('pm_card_authenticationRequired'), savePaymentMethod: true });
    // Confirmed without a return_url, as Stripe answers then: `use_stripe_sdk`, for the frame's handleNextAction.
    expect(passed).toMatchObject({ status: 'requires_action', action: { type: 'use_stripe_sdk', clientSecret: expect.stringMatching(`^${passed.id}_secret_`) } });
    stripe.authenticate(passed.id, true);
    expect(outcome(await processor.retrievePayment(passed.id))).toBe('succeeded');

    const failed = await processor.confirmPayment({ ...request('pm_card_authenticationRequired'), savePaymentMethod: true });
    stripe.authenticate(failed.id, false);
    expect(outcome(await processor.retrievePayment(failed.id))).toBe('declined:authentication_required');
  });

  // A total of 0 is a SetupIntent (`seti_…`), with Stripe's own error code for a cancel that comes too late.
  it.each([
    ['a PaymentIntent', 1900, /^pi_/],
    ['a SetupIntent (nothing due today)', 0, /^seti_/],
  ])('cancels %s left waiting for 3-D Secure, but answers one the customer confirmed meanwhile as succeeded', async (_, amount, id) => {
    const left = await processor.confirmPayment({ ...request('pm_card_authenticationRequired', { amount }), savePaymentMethod: true });
    expect(left.id).toMatch(id);
    expect(outcome(await processor.cancelPayment(left.id))).toBe('declined:authentication_required');

    const confirmed = await processor.confirmPayment({ ...request('pm_card_authenticationRequired', { amount }), savePaymentMethod: true });
    stripe.authenticate(confirmed.id, true);
    expect(outcome(await processor.cancelPayment(confirmed.id))).toBe('succeeded');
  });

  it('saves the card to a Stripe customer, so a renewal can charge it off session', async () => {
    const paid = await processor.confirmPayment({ ...request('pm_card_mastercard'), savePaymentMethod: true });
    expect(outcome(paid)).toBe('succeeded');
    // The card Stripe made of the test token, and saved: the one to charge again.
    const saved = paid.card.id!;
    expect(saved).toMatch(/^pm_(?!card_)/);
    expect(outcome(await processor.chargeOffSession(request(saved)))).toBe('succeeded');
    // The same saved card, at checkout again (a returning customer), stays with its customer.
    expect(outcome(await processor.confirmPayment({ ...request(saved), savePaymentMethod: true, savedCard: true }))).toBe('succeeded');
  });

  it('refuses a card saved to a customer that comes as one just entered, however its id was learned', async () => {
    const saved = (await processor.confirmPayment({ ...request('pm_card_visa'), savePaymentMethod: true })).card.id!;
    const before = stripe.requests.filter((r) => r.path === '/v1/payment_intents').length;
    await expect(processor.confirmPayment({ ...request(saved), savePaymentMethod: true })).rejects.toMatchObject({ code: 'validation_error', param: 'payment_method' });
    expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents')).toHaveLength(before);
  });

  it('pays the retry of an attempt whose card it saved the first time, as the same customer, with the first answer', async () => {
    // A card as Stripe.js makes it (`pm_…`, the id the frame sends), which the first try saves to its customer.
    const made = await fetch(`http://${stripe.api.host}:${stripe.api.port}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stripe.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ type: 'card', 'card[token]': 'tok_visa' }),
    });
    const attempt = request(((await made.json()) as { id: string }).id);
    const first = await processor.confirmPayment({ ...attempt, savePaymentMethod: true });
    // The retry after a crash between Stripe's answer and Till's commit: the same card, now its customer's.
    const again = await processor.confirmPayment({ ...attempt, savePaymentMethod: true });
    expect(again).toStrictEqual(first);
  });

  it('refuses an off-session charge of a card never saved, rather than charging a card Stripe would not keep', async () => {
    await expect(processor.chargeOffSession(request('pm_card_amex'))).rejects.toThrow(/never saved/);
  });

  it('declines a renewal whose card asks for authentication, and charges one set up for it at checkout', async () => {
    const always = await processor.confirmPayment({ ...request('pm_card_authenticationRequired'), savePaymentMethod: true });
    stripe.authenticate(always.id, true);
    expect(outcome(await processor.chargeOffSession(request(always.card.id!)))).toBe('declined:authentication_required');

    const onSetup = await processor.confirmPayment({ ...request('pm_card_authenticationRequiredOnSetup'), savePaymentMethod: true });
    stripe.authenticate(onSetup.id, true);
    expect(outcome(await processor.chargeOffSession(request(onSetup.card.id!)))).toBe('succeeded');
  });

  it('answers a repeated idempotency key with the first PaymentIntent instead of charging again', async () => {
    const first = { ...request('pm_card_visa'), savePaymentMethod: false };
    const [a, b] = [await processor.confirmPayment(first), await processor.confirmPayment(first)];
    expect(b.id).toBe(a.id);
    const creates = stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === first.idempotencyKey);
    expect(creates).toHaveLength(2);
  });

  it('answers a repeated key of a declined payment with the same decline', async () => {
    const first = { ...request('pm_card_chargeDeclined'), savePaymentMethod: false };
    const [a, b] = [await processor.confirmPayment(first), await processor.confirmPayment(first)];
    expect(outcome(b)).toBe('declined:card_declined');
    expect(b.id).toBe(a.id);
  });

  it('refunds part of a payment, and refuses to refund more than is left', async () => {
    const paid = await processor.confirmPayment({ ...request('pm_card_visa', { amount: 5000 }), savePaymentMethod: false });
    const refund = await processor.refund({ idempotencyKey: `refund:${paid.id}:1`, paymentId: paid.id, amount: 2000 });
    expect(refund).toMatchObject({ id: expect.stringMatching(/^re_/), amount: 2000 });
    // The same key again is the same refund, not a second one.
    expect(await processor.refund({ idempotencyKey: `refund:${paid.id}:1`, paymentId: paid.id, amount: 2000 })).toEqual(refund);
    await expect(processor.refund({ idempotencyKey: `refund:${paid.id}:2`, paymentId: paid.id, amount: 3001 })).rejects.toMatchObject({
      code: 'payment_not_refundable',
      message: expect.stringMatching(/^Stripe refused the refund: Refund amount \(3001\) is greater than unrefunded amount/),
    });
    expect(await processor.refund({ idempotencyKey: `refund:${paid.id}:3`, paymentId: paid.id, amount: 3000 })).toMatchObject({ amount: 3000 });
  });

  it('refuses a live payment through a test key, so a live checkout never completes unpaid', async () => {
    await expect(processor.confirmPayment({ ...request('pm_card_visa', { livemode: true }), savePaymentMethod: false })).rejects.toThrow(
      /live payment cannot go through a Stripe test key/,
    );
  });

  it('sends Stripe the key of the merchant it was made for', async () => {
    const wrong = await createStripeProcessor({ secretKey: 'sk_test_not_this_one', api: stripe.api });
    await expect(wrong.retrievePayment('pi_x')).rejects.toMatchObject({ type: 'StripeAuthenticationError' });
  });
});
