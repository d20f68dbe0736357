import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import { processorForMerchant } from '../../src/server/payments/processorForMerchant';
import { renewDueSubscriptions } from '../../src/server/renewals/renewDueSubscriptions';
import { startFakeStripe, type FakeStripe } from './support/fakeStripe';
import { expectApiError, PUBLIC_URL, handleOf, newCustomer, secretOf, useTestServer } from './support/testServer';

let stripe: FakeStripe;
const encryptionKey = randomBytes(32);
// Before useTestServer: the server starts with a processor that talks to this fake.
beforeAll(async () => {
  stripe = await startFakeStripe();
});
afterAll(() => stripe.close());
const till = useTestServer({
  app: () => ({ encryptionKey, processorFor: processorForMerchant({ encryptionKey, stripeApi: stripe.api }) }),
});

const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

/** The demo merchant's test mode on the fake Stripe account. */
async function useStripe() {
  const response = await till.api('POST', '/v1/processor_settings', {
    body: { processor: 'stripe', secret_key: stripe.secretKey, publishable_key: 'pk_test_51FakePublishableKey', webhook_secret: WEBHOOK_SECRET },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** A checkout paid with one of Stripe's test payment methods, as the frame will send it after Stripe's tokenization. */
async function pay(paymentMethod: string) {
  const session = await till.createSession();
  const response = await till.complete(secretOf(session), { customer: newCustomer(), payment_method: paymentMethod });
  return { session, response };
}

/** What Stripe sends to the merchant's webhook URL, signed as Stripe signs it. */
async function sendWebhook(type: string, paymentIntentId: string, { secret = WEBHOOK_SECRET, livemode = false, merchantId = till.demo.merchantId } = {}) {
  const payload = JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`, object: 'event', type, livemode, created: Math.floor(Date.now() / 1000),
    api_version: Stripe.API_VERSION, pending_webhooks: 1, request: { id: null, idempotency_key: null },
    data: { object: stripe.paymentIntent(paymentIntentId) },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await till.request('POST', `/stripe/webhooks/${merchantId}`, { key: null, body: payload, headers: { 'Stripe-Signature': signature } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A checkout whose card asks for 3-D Secure, waiting for Stripe.js: the PaymentIntent's id starts its client secret. */
async function payAskingForAuthentication() {
  const { session, response } = await pay('pm_card_authenticationRequired');
  expect(response.body).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', client_secret: expect.stringMatching(/^pi_\w+_secret_/) } });
  return { session, paymentIntentId: /^(pi_[^_]+)_secret_/.exec(response.body.next_action.client_secret)![1]! };
}

const sessionStatus = async (id: string) => (await till.api('GET', `/v1/checkout_sessions/${id}`)).body.status;

describe('POST /v1/processor_settings', () => {
  it('takes Stripe keys of the key’s mode, and answers without any secret but the key’s last four', async () => {
    const settings = await useStripe();
    expect(settings).toEqual({
      processor: 'stripe', livemode: false, updated_at: expect.any(String),
      stripe: {
        secret_key_last4: stripe.secretKey.slice(-4), publishable_key: 'pk_test_51FakePublishableKey',
        webhook_url: `${PUBLIC_URL}stripe/webhooks/${till.demo.merchantId}`,
      },
    });
    expect((await till.api('GET', '/v1/processor_settings')).body).toEqual(settings);
    const stored = await till.dumpStore();
    expect(stored).not.toContain(stripe.secretKey);
    expect(stored).not.toContain(WEBHOOK_SECRET.slice(6));
  });

  it('refuses Stripe keys of the other mode, so a test checkout never charges for real', async () => {
    const response = await till.api('POST', '/v1/processor_settings', {
      body: { processor: 'stripe', secret_key: 'sk_live_51RealMoneyKey', publishable_key: 'pk_test_51FakePublishableKey', webhook_secret: WEBHOOK_SECRET },
    });
    expectApiError(response, 'validation_error', 'secret_key');
  });

  it('refuses to store Stripe keys on a server without an encryption key', async () => {
    const unkeyed = createApp({ db: till.db, publicUrl: PUBLIC_URL });
    const response = await unkeyed.request('/v1/processor_settings', {
      method: 'POST',
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ processor: 'stripe', secret_key: stripe.secretKey, publishable_key: 'pk_test_51FakePublishableKey', webhook_secret: WEBHOOK_SECRET }),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'processor_settings_unavailable', message: expect.stringContaining('TILL_ENCRYPTION_KEY') } });
  });

  it('leaves the other mode, and every other merchant, on the test processor', async () => {
    await useStripe();
    const liveKey = await till.insertLiveKey();
    expect((await till.api('GET', '/v1/processor_settings', { key: liveKey })).body).toEqual({
      processor: 'test', livemode: true, stripe: null, updated_at: null,
    });
    const other = await till.insertOtherMerchant();
    expect((await processorForMerchant({ encryptionKey })(other.merchantId, till.db, null)).name).toBe('test');
  });
});

describe('a checkout paid through Stripe', () => {
  beforeAll(useStripe);

  it('completes with the PaymentIntent Stripe made for the session’s total, once per attempt', async () => {
    const { session, response } = await pay('pm_card_visa');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
    const [payment] = await till.db.query<{ processor: string; processor_payment_id: string; card_brand: string; card_last4: string }>(
      'SELECT * FROM payments WHERE checkout_session_id = $1', [session.checkout_session_id],
    );
    expect(payment).toMatchObject({ processor: 'stripe', processor_payment_id: expect.stringMatching(/^pi_/), card_brand: 'visa', card_last4: '4242' });
    const creates = stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.startsWith(session.checkout_session_id));
    expect(creates).toHaveLength(1);
  });

  it('answers a payment Stripe refuses as a request with a 4xx naming the field, and charges nothing', async () => {
    const { session, response } = await pay('pm_no_such_card');
    expectApiError(response, 'validation_error', 'payment_method');
    expect(await sessionStatus(session.checkout_session_id)).toBe('open');

    const tiny = await till.createSession({ custom_amount: '0.20', tax_behavior: 'exclusive' });
    expectApiError(await till.complete(secretOf(tiny), { customer: newCustomer(), payment_method: 'pm_card_visa' }), 'invalid_request', 'amount');
    expect(await till.db.query("SELECT 1 FROM payments WHERE checkout_session_id = $1 AND status = 'succeeded'", [tiny.checkout_session_id])).toStrictEqual([]);
  });

  it('refuses another customer’s saved card sent as a card just entered, charging nothing', async () => {
    const { response } = await pay('pm_card_visa');
    const [saved] = await till.db.query<{ payment_method_id: string }>('SELECT payment_method_id FROM connections WHERE connection_id = $1', [
      response.body.connection_id,
    ]);
    expect(saved!.payment_method_id).toMatch(/^pm_(?!card_)/);
    const { session, response: refused } = await pay(saved!.payment_method_id);
    expectApiError(refused, 'validation_error', 'payment_method');
    expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.startsWith(session.checkout_session_id))).toStrictEqual([]);
    expect(await sessionStatus(session.checkout_session_id)).toBe('open');
  });

  it('answers a refund Stripe refuses (refunded in its dashboard meanwhile) with 409 payment_not_refundable, and records none', async () => {
    const { session, response } = await pay('pm_card_visa');
    expect(response.status).toBe(200);
    const [payment] = await till.db.query<{ payment_id: string; processor_payment_id: string }>(
      'SELECT payment_id, processor_payment_id FROM payments WHERE checkout_session_id = $1', [session.checkout_session_id],
    );
    await new Stripe(stripe.secretKey, { ...stripe.api, maxNetworkRetries: 0 }).refunds.create({ payment_intent: payment!.processor_payment_id, amount: 500 });

    expectApiError(await till.api('POST', `/v1/payments/${payment!.payment_id}/refund`, { body: {} }), 'payment_not_refundable', 'amount');
    expect(await till.db.query('SELECT 1 FROM refunds WHERE payment_id = $1', [payment!.payment_id])).toStrictEqual([]);
    // What Stripe has left is refunded as asked.
    expect((await till.api('POST', `/v1/payments/${payment!.payment_id}/refund`, { body: { amount: '14.00' } })).status).toBe(201);
  });

  describe('with nothing due today', () => {
    const later = () => new Date(Date.now() + 3 * 86_400_000).toISOString();
    const paymentOf = async (sessionId: string) =>
      (await till.db.query<{ payment_id: string; amount: number; status: string; processor_payment_id: string }>(
        'SELECT payment_id, amount, status, processor_payment_id FROM payments WHERE checkout_session_id = $1', [sessionId],
      ))[0];

    it.each([
      ['a later start', () => till.createSession({ start_date: later() })],
      ['a code that takes it all', async () => till.createSession({ promotion_code: await till.insertPromotionCode({ percent_off: 100, duration: 'once' }) })],
    ])('saves the card with a SetupIntent, charging nothing, for the renewals to charge: %s', async (_, create) => {
      const session = await create();
      const response = await till.complete(secretOf(session), { customer: newCustomer(), payment_method: 'pm_card_visa' });
      expect(response.body, JSON.stringify(response.body)).toMatchObject({ status: 'completed' });
      expect(await paymentOf(session.checkout_session_id)).toMatchObject({ amount: 0, status: 'succeeded', processor_payment_id: expect.stringMatching(/^seti_/) });
      expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.startsWith(session.checkout_session_id))).toStrictEqual([]);
      // Nothing to give back: a 409 that says why, not Stripe's refusal of a refund of a SetupIntent.
      const refund = await till.api('POST', `/v1/payments/${(await paymentOf(session.checkout_session_id))!.payment_id}/refund`, { body: {} });
      expectApiError(refund, 'payment_not_refundable', 'id');
      expect(refund.body.error.message).toMatch(/took nothing/);

      // The first charge, off session, finds the card saved to a Stripe customer.
      // 40 days on: the later start has come, and the free period has ended.
      await till.db.query(
        `UPDATE subscriptions SET billing_cycle_anchor = billing_cycle_anchor - interval '40 days',
           current_period_start = current_period_start - interval '40 days', current_period_end = current_period_end - interval '40 days'
         WHERE subscription_id = $1`,
        [response.body.subscription_id],
      );
      const errors: unknown[] = [];
      await renewDueSubscriptions({ db: till.db, processorFor: processorForMerchant({ encryptionKey, stripeApi: stripe.api }), onError: (error) => errors.push(error) });
      expect(errors).toStrictEqual([]);
      const invoices = await till.db.query<{ status: string; processor_payment_id: string }>('SELECT status, processor_payment_id FROM invoices WHERE subscription_id = $1', [
        response.body.subscription_id,
      ]);
      expect(invoices.length).toBeGreaterThan(0);
      for (const invoice of invoices) expect(invoice).toMatchObject({ status: 'paid', processor_payment_id: expect.stringMatching(/^pi_/) });
    });

    it('asks for the bank’s 3-D Secure where it wants it, and completes when Stripe’s webhook says the card was saved', async () => {
      const session = await till.createSession({ start_date: later() });
      const response = await till.complete(secretOf(session), { customer: newCustomer(), payment_method: 'pm_card_authenticationRequired' });
      expect(response.body).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', client_secret: expect.stringMatching(/^seti_\w+_secret_/) } });
      const setupIntentId = /^(seti_[^_]+)_secret_/.exec(response.body.next_action.client_secret)![1]!;
      stripe.authenticate(setupIntentId, true);
      expect((await sendWebhook('setup_intent.succeeded', setupIntentId)).body).toMatchObject({ outcome: 'settled' });
      expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
    });

    it('declines a card the bank will not save, in its words', async () => {
      const session = await till.createSession({ start_date: later() });
      expectApiError(await till.complete(secretOf(session), { customer: newCustomer(), payment_method: 'pm_card_chargeDeclined' }), 'card_declined', 'payment_method');
      expect(await paymentOf(session.checkout_session_id)).toMatchObject({ amount: 0, status: 'declined' });
    });
  });

  it('declines with Stripe’s reason', async () => {
    const { response } = await pay('pm_card_chargeDeclinedInsufficientFunds');
    expectApiError(response, 'card_declined', 'payment_method');
    expect(response.body.error.decline_code).toBe('insufficient_funds');
  });

  it('shows Stripe’s 3-D Secure page, and completes when Stripe’s webhook says it succeeded', async () => {
    const { session, paymentIntentId } = await payAskingForAuthentication();

    // The event is not believed but checked with Stripe, which still waits for the customer here.
    expect((await sendWebhook('payment_intent.succeeded', paymentIntentId)).body).toEqual({ received: true, outcome: 'waiting' });
    stripe.authenticate(paymentIntentId, true);
    expect((await sendWebhook('payment_intent.succeeded', paymentIntentId)).body).toEqual({ received: true, outcome: 'settled' });
    expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
    // Stripe delivers an event again when it is unsure it arrived: nothing happens twice.
    expect((await sendWebhook('payment_intent.succeeded', paymentIntentId)).body).toEqual({ received: true, outcome: 'unknown' });
    expect(await till.eventsOfType('checkout.completed')).toHaveLength(
      (await till.db.query("SELECT 1 FROM checkout_sessions WHERE status = 'completed'")).length,
    );
  });

  it('records a failed challenge as declined when Stripe’s webhook says the payment failed', async () => {
    const { session, paymentIntentId } = await payAskingForAuthentication();
    stripe.authenticate(paymentIntentId, false);
    expect((await sendWebhook('payment_intent.payment_failed', paymentIntentId)).body).toEqual({ received: true, outcome: 'settled' });
    const [payment] = await till.db.query<{ status: string; decline_code: string }>('SELECT * FROM payments WHERE checkout_session_id = $1', [
      session.checkout_session_id,
    ]);
    expect(payment).toMatchObject({ status: 'declined', decline_code: 'authentication_required' });
    expect(await sessionStatus(session.checkout_session_id)).toBe('open');
  });

  it('gives the client secret to the session’s own frame only: never to another session, the merchant API or an event', async () => {
    const { session, response } = await pay('pm_card_authenticationRequired');
    const clientSecret: string = response.body.next_action.client_secret;
    const other = await till.createSession();
    expect(JSON.stringify((await till.complete(secretOf(other), { customer: newCustomer(), payment_method: 'pm_card_visa' })).body)).not.toContain(clientSecret);
    expect(JSON.stringify((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body)).not.toContain(clientSecret);
    expect(JSON.stringify((await till.api('GET', '/v1/payments')).body)).not.toContain(clientSecret);
    expect(JSON.stringify((await till.api('GET', '/v1/events')).body)).not.toContain(clientSecret);
    expect(await till.dumpStore()).not.toContain(clientSecret);
  });

  it('tells the frame who takes the card: Stripe, with the publishable key and no secret', async () => {
    const session = await till.createSession();
    const view = await till.request('GET', '/api/checkout/session', { key: secretOf(session) });
    const body = await view.json();
    expect(body.processor).toEqual({ name: 'stripe', publishable_key: 'pk_test_51FakePublishableKey' });
    expect(JSON.stringify(body)).not.toContain(stripe.secretKey);
    expect(JSON.stringify(body)).not.toContain(WEBHOOK_SECRET);
  });

  it('adds Stripe’s sources to the CSP of the checkout page of a Stripe merchant’s session', async () => {
    const session = await till.createSession();
    const page = await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null });
    const csp = page.headers.get('Content-Security-Policy')!.split('; ');
    // Beside the boot script's hash (see checkoutPage.test.ts).
    expect(csp).toContainEqual(expect.stringMatching(/^script-src 'self' 'sha256-[\w+/]+=*' https:\/\/js\.stripe\.com https:\/\/\*\.js\.stripe\.com$/));
    expect(csp).toContain('frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com');
    expect(csp).toContain("connect-src 'self' https://api.stripe.com");
  });
});

describe('POST /stripe/webhooks/:merchantId', () => {
  beforeAll(useStripe);

  it('refuses an event whose signature does not verify, before reading it', async () => {
    const { paymentIntentId } = await payAskingForAuthentication();
    const forged = await sendWebhook('payment_intent.succeeded', paymentIntentId, { secret: `whsec_${randomBytes(24).toString('base64')}` });
    expectApiError(forged, 'validation_error', 'Stripe-Signature');
  });

  it('answers 404 for a merchant that takes no Stripe payments', async () => {
    const { paymentIntentId } = await payAskingForAuthentication();
    const other = await till.insertOtherMerchant();
    expectApiError(await sendWebhook('payment_intent.succeeded', paymentIntentId, { merchantId: other.merchantId }), 'resource_missing');
  });

  it('acknowledges, and ignores, an event of the Stripe account’s other mode', async () => {
    const { session, paymentIntentId } = await payAskingForAuthentication();
    stripe.authenticate(paymentIntentId, true);
    expect((await sendWebhook('payment_intent.succeeded', paymentIntentId, { livemode: true })).body).toEqual({ received: true, outcome: 'ignored' });
    expect(await sessionStatus(session.checkout_session_id)).toBe('open');
  });
});
