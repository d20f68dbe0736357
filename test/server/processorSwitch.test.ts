import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { settleProcessingPayments } from '../../src/server/checkout/settleProcessingPayments';
import { decryptSecret } from '../../src/server/encryption/secretBox';
import type { FakeStripe } from './support/fakeStripe';
import { advanceClockPast, buySubscription, invoicesOf, renewDue, saveCard, subscriptionOf } from './support/renewals';
import { useSwitchingMerchant } from './support/switchingMerchant';
import { AUTHENTICATE_ALWAYS, expectApiError, newCustomer, PROCESSING, secretOf, validCard, VISA } from './support/testServer';

// A merchant moves between the test processor and Stripe accounts A and B while payments wait or before refunds:
// each payment is still looked up, refunded and told of by the processor and the keys that took it.
const { till, processorFor, moveTo, currentCredentials, webhookSecretOf, encryptionKey, accountA, accountB } = useSwitchingMerchant();

/** A checkout paid with a test processor's card number or a Stripe test payment method, as one attempt. */
async function pay(card: { number: string } | { stripe: string }, attemptKey = `attempt-${randomBytes(6).toString('hex')}`) {
  const session = await till.createSession();
  const paymentMethod = 'stripe' in card ? card.stripe : (await till.createPaymentMethod(validCard(card.number))).body.id;
  const body = { customer: newCustomer(), payment_method: paymentMethod };
  const response = await till.complete(secretOf(session), body, { 'Idempotency-Key': attemptKey });
  const [payment] = await till.db.query<{ payment_id: string; processor: string; processor_payment_id: string; processor_credentials_id: string | null }>(
    'SELECT * FROM payments WHERE checkout_session_id = $1 ORDER BY created_at DESC LIMIT 1',
    [session.checkout_session_id],
  );
  /** The customer's same attempt again: after a challenge, or a reload. */
  const retry = () => till.complete(secretOf(session), body, { 'Idempotency-Key': attemptKey });
  return { session, response, payment: payment!, retry, sessionId: session.checkout_session_id };
}

const sessionStatus = async (id: string) => (await till.api('GET', `/v1/checkout_sessions/${id}`)).body.status;
const refund = (paymentId: string) => till.api('POST', `/v1/payments/${paymentId}/refund`, { body: {} });
const requestsFor = (account: FakeStripe, path: string) => account.requests.filter((request) => request.path === path);
const testRefundsOf = (processorPaymentId: string) => till.db.query('SELECT * FROM test_refunds WHERE payment_intent_id = $1', [processorPaymentId]);

/** What `account` sends to the merchant's webhook URL, signed with its own secret, about one of its PaymentIntents. */
async function sendWebhook(account: FakeStripe, type: string, paymentIntentId: string, secret = webhookSecretOf(account)) {
  const payload = JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`, object: 'event', type, livemode: false, created: Math.floor(Date.now() / 1000),
    api_version: Stripe.API_VERSION, pending_webhooks: 1, request: { id: null, idempotency_key: null },
    data: { object: account.paymentIntent(paymentIntentId) },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await till.request('POST', `/stripe/webhooks/${till.demo.merchantId}`, { key: null, body: payload, headers: { 'Stripe-Signature': signature } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The worker's round over settling payments, asking again at once. */
const settleNow = () => settleProcessingPayments(till.db, processorFor, { onError: (error) => { throw error; }, recheckDelay: () => 0 });

/** A test processor's payment that was processing has settled at the bank: its time has come. */
const settledAtTheTestProcessor = (processorPaymentId: string) =>
  till.db.query("UPDATE test_payment_intents SET settles_at = now() - interval '1 second' WHERE payment_intent_id = $1", [processorPaymentId]);

describe('a merchant that moves while a renewal’s charge settles', () => {
  // First in the file: it moves the merchant's clock a period on, which would renew every subscription bought before.
  it('has the renewal worker look at the charge where it was made, and pays the invoice', async () => {
    await moveTo('test');
    const { subscriptionId, connectionId } = await buySubscription(till);
    await saveCard(till, connectionId, PROCESSING);
    await advanceClockPast(till, (await subscriptionOf(till, subscriptionId)).current_period_end);
    await renewDue(till);
    const [processing] = await invoicesOf(till, subscriptionId);
    expect(processing).toMatchObject({ status: 'open' });
    await moveTo(accountA());

    const [{ processor_payment_id: charge }] = (await till.db.query<{ processor_payment_id: string }>(
      'SELECT processor_payment_id FROM invoices WHERE invoice_id = $1', [processing.invoice_id],
    )) as [{ processor_payment_id: string }];
    await settledAtTheTestProcessor(charge);
    await advanceClockPast(till, processing.next_attempt_at);
    await renewDue(till);
    expect(await invoicesOf(till, subscriptionId)).toMatchObject([{ invoice_id: processing.invoice_id, status: 'paid' }]);
  });
});

describe('a merchant that moves from the test processor to Stripe', () => {
  it('completes a checkout whose 3-D Secure challenge the customer answers after the move', async () => {
    await moveTo('test');
    const waiting = await pay({ number: AUTHENTICATE_ALWAYS });
    expect(waiting.response.body).toMatchObject({ status: 'requires_action', next_action: { type: 'challenge_page' } });
    await moveTo(accountA());

    await till.answerChallenge(waiting.response.body.next_action.url, 'complete');
    expect((await waiting.retry()).body).toMatchObject({ status: 'completed' });
    expect(await sessionStatus(waiting.sessionId)).toBe('completed');
  });

  it('settles a payment that was processing at the move, in the worker’s sweep', async () => {
    await moveTo('test');
    const processing = await pay({ number: PROCESSING });
    expect(processing.response.body).toMatchObject({ status: 'processing' });
    await moveTo(accountA());

    await settledAtTheTestProcessor(processing.payment.processor_payment_id);
    await settleNow();
    expect(await sessionStatus(processing.sessionId)).toBe('completed');
  });

  it('refunds an earlier payment through the test processor, and takes the next payment through Stripe', async () => {
    await moveTo('test');
    const paid = await pay({ number: VISA });
    await moveTo(accountA());
    const refundsAtA = requestsFor(accountA(), '/v1/refunds').length;

    expect((await refund(paid.payment.payment_id)).status).toBe(201);
    expect(await testRefundsOf(paid.payment.processor_payment_id)).toHaveLength(1);
    expect(requestsFor(accountA(), '/v1/refunds')).toHaveLength(refundsAtA);

    const next = await pay({ stripe: 'pm_card_visa' });
    expect(next.response.body).toMatchObject({ status: 'completed' });
    expect(next.payment).toMatchObject({ processor: 'stripe', processor_credentials_id: await currentCredentials() });
  });
});

describe('a merchant that moves from Stripe to the test processor', () => {
  it('completes a checkout whose 3-D Secure Stripe confirms after the move, told by the old account’s webhook', async () => {
    await moveTo(accountA());
    const waiting = await pay({ stripe: 'pm_card_authenticationRequired' });
    expect(waiting.response.body).toMatchObject({ status: 'requires_action' });
    await moveTo('test');

    accountA().authenticate(waiting.payment.processor_payment_id, true);
    expect((await sendWebhook(accountA(), 'payment_intent.succeeded', waiting.payment.processor_payment_id)).body).toEqual({
      received: true, outcome: 'settled',
    });
    expect(await sessionStatus(waiting.sessionId)).toBe('completed');
  });

  it('refunds an earlier payment through Stripe, and takes the next payment through the test processor', async () => {
    await moveTo(accountA());
    const paid = await pay({ stripe: 'pm_card_visa' });
    await moveTo('test');
    const refundsAtA = requestsFor(accountA(), '/v1/refunds').length;

    expect((await refund(paid.payment.payment_id)).status).toBe(201);
    expect(requestsFor(accountA(), '/v1/refunds')).toHaveLength(refundsAtA + 1);

    const next = await pay({ number: VISA });
    expect(next.response.body).toMatchObject({ status: 'completed' });
    expect(next.payment).toMatchObject({ processor: 'test', processor_credentials_id: null });
  });
});

describe('a merchant that moves to the keys of another Stripe account', () => {
  it('completes a checkout whose 3-D Secure the old account confirms after the move, on the customer’s return', async () => {
    await moveTo(accountA());
    const waiting = await pay({ stripe: 'pm_card_authenticationRequired' });
    await moveTo(accountB());

    accountA().authenticate(waiting.payment.processor_payment_id, true);
    expect((await waiting.retry()).body).toMatchObject({ status: 'completed' });
    // The old account's webhook about it arrives too, is verified, and finds it settled already.
    expect((await sendWebhook(accountA(), 'payment_intent.succeeded', waiting.payment.processor_payment_id)).body).toEqual({
      received: true, outcome: 'unknown',
    });
  });

  it('cancels a challenge the customer left at the old account when they pay with another card at the new one', async () => {
    await moveTo(accountA());
    const waiting = await pay({ stripe: 'pm_card_authenticationRequired' });
    await moveTo(accountB());

    const other = await till.complete(secretOf(waiting.session), { customer: newCustomer(), payment_method: 'pm_card_visa' }, { 'Idempotency-Key': 'another-card' });
    expect(other.body).toMatchObject({ status: 'completed' });
    expect(accountA().paymentIntent(waiting.payment.processor_payment_id)).toMatchObject({ status: 'canceled' });
    const [paid] = await till.db.query("SELECT * FROM payments WHERE checkout_session_id = $1 AND status = 'succeeded'", [waiting.sessionId]);
    expect(paid).toMatchObject({ processor: 'stripe', processor_credentials_id: await currentCredentials() });
    expect(requestsFor(accountB(), '/v1/payment_intents').some((request) => request.idempotencyKey?.startsWith(waiting.sessionId))).toBe(true);
  });

  it('refunds an earlier payment at the old account, never at the new one', async () => {
    await moveTo(accountA());
    const paid = await pay({ stripe: 'pm_card_visa' });
    await moveTo(accountB());
    const [refundsAtA, refundsAtB] = [requestsFor(accountA(), '/v1/refunds').length, requestsFor(accountB(), '/v1/refunds').length];

    expect((await refund(paid.payment.payment_id)).status).toBe(201);
    expect(requestsFor(accountA(), '/v1/refunds')).toHaveLength(refundsAtA + 1);
    expect(requestsFor(accountB(), '/v1/refunds')).toHaveLength(refundsAtB);
  });

  it('takes webhooks signed by either account’s secret, and still refuses any other', async () => {
    await moveTo(accountA());
    const atA = await pay({ stripe: 'pm_card_authenticationRequired' });
    await moveTo(accountB());
    const atB = await pay({ stripe: 'pm_card_authenticationRequired' });

    accountA().authenticate(atA.payment.processor_payment_id, true);
    accountB().authenticate(atB.payment.processor_payment_id, true);
    expect((await sendWebhook(accountA(), 'payment_intent.succeeded', atA.payment.processor_payment_id)).body.outcome).toBe('settled');
    expect((await sendWebhook(accountB(), 'payment_intent.succeeded', atB.payment.processor_payment_id)).body.outcome).toBe('settled');
    expect(await sessionStatus(atA.sessionId)).toBe('completed');
    expect(await sessionStatus(atB.sessionId)).toBe('completed');

    const forged = await sendWebhook(accountB(), 'payment_intent.succeeded', atB.payment.processor_payment_id, `whsec_${randomBytes(24).toString('base64')}`);
    expectApiError(forged, 'validation_error', 'Stripe-Signature');
  });

  it('shows only the current keys, and no secret, in its settings', async () => {
    await moveTo(accountA());
    await moveTo(accountB());
    const settings = (await till.api('GET', '/v1/processor_settings')).body;
    expect(settings).toMatchObject({ processor: 'stripe', stripe: { secret_key_last4: accountB().secretKey.slice(-4), publishable_key: accountB().publishableKey } });
    expect(JSON.stringify(settings)).not.toMatch(/sk_test_|whsec_/);
  });
});

describe('a merchant that rolls its Stripe secret key and saves the new one', () => {
  it('settles and refunds the payments the old key took with the account’s newest key, as the old one no longer works', async () => {
    await moveTo(accountA());
    const paid = await pay({ stripe: 'pm_card_visa' });
    const waiting = await pay({ stripe: 'pm_card_authenticationRequired' });
    accountA().rollSecretKey();
    await moveTo(accountA());

    accountA().authenticate(waiting.payment.processor_payment_id, true);
    expect((await waiting.retry()).body).toMatchObject({ status: 'completed' });
    expect((await refund(paid.payment.payment_id)).status).toBe(201);
    expect((await sendWebhook(accountA(), 'payment_intent.succeeded', waiting.payment.processor_payment_id)).body).toEqual({
      received: true, outcome: 'unknown',
    });
  });
});

describe('a rolling deploy from the release before migration 027', () => {
  // That release reads the keys from merchant_processors' own columns (017), and keeps serving beside this one.
  const keysAsTheReleaseBeforeReadsThem = async () => {
    const [row] = await till.db.query<{ processor: string; stripe_secret_key_sealed: string | null; stripe_publishable_key: string | null }>(
      'SELECT processor, stripe_secret_key_sealed, stripe_publishable_key FROM merchant_processors WHERE merchant_id = $1',
      [till.demo.merchantId],
    );
    const sealed = row!.stripe_secret_key_sealed;
    const context = `merchant_processors.secret_key:${till.demo.merchantId}`;
    return { processor: row!.processor, secretKey: sealed && decryptSecret(encryptionKey, sealed, context), publishableKey: row!.stripe_publishable_key };
  };

  it('finds the current keys where it reads them, and none once the merchant is on the test processor', async () => {
    await moveTo(accountA());
    await moveTo(accountB());
    expect(await keysAsTheReleaseBeforeReadsThem()).toEqual({ processor: 'stripe', secretKey: accountB().secretKey, publishableKey: accountB().publishableKey });
    await moveTo('test');
    expect(await keysAsTheReleaseBeforeReadsThem()).toEqual({ processor: 'test', secretKey: null, publishableKey: null });
  });
});
