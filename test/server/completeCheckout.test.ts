import { describe, expect, it } from 'vitest';
import { completeCheckout } from '../../src/server/checkout/completeCheckout';
import { settleProcessingPayments } from '../../src/server/checkout/settleProcessingPayments';
import { settleWaitingPayment } from '../../src/server/checkout/settleWaitingPayment';
import { updateCheckout } from '../../src/server/checkout/updateCheckout';
import type { ProcessorFor } from '../../src/server/payments/ProcessorFor';
import { hashSecret } from '../../src/server/secrets';
import { expireCheckoutSessions } from '../../src/server/events/expireCheckoutSessions';
import {
  AUTHENTICATE_ALWAYS,
  DECLINED_VISA,
  expectApiError,
  newCustomer,
  newCustomerPayment,
  nextYear,
  secretOf,
  useTestServer,
  validCard,
  VISA,
} from './support/testServer';

const till = useTestServer();

async function paymentsOf(checkoutSessionId: string) {
  return till.db.query<{ status: string; amount: number; currency: string; card_brand: string; card_last4: string; decline_code: string | null }>(
    'SELECT status, amount, currency, card_brand, card_last4, decline_code FROM payments WHERE checkout_session_id = $1 ORDER BY created_at',
    [checkoutSessionId],
  );
}

async function sessionStatus(checkoutSessionId: string) {
  return (await till.api('GET', `/v1/checkout_sessions/${checkoutSessionId}`)).body.status;
}

describe('POST /api/checkout/complete', () => {
  describe('a new customer’s subscription', () => {
    it('creates the connection and an active subscription, and completes the session', async () => {
      const { configId } = await till.catalog();
      const session = await till.createSession();
      const response = await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('new@example.com', 'New Person') }));

      expect(response.status).toBe(200);
      expect(response.body).toStrictEqual({
        checkout_session_id: session.checkout_session_id,
        checkout_mode: 'subscription',
        connection_id: expect.stringMatching(/^con_test_[0-9A-Z]{26}$/),
        status: 'completed',
        completed_at: expect.any(String),
        subscription_id: expect.stringMatching(/^sub_test_[0-9A-Z]{26}$/),
        credits_added: '10.00',
      });
      const connection = await till.getConnection(response.body.connection_id);
      expect(connection).toMatchObject({
        customer: { email: 'new@example.com', name: 'New Person' },
        subscription: { subscription_id: response.body.subscription_id, subscription_config_id: configId, status: 'active' },
        credit_balance: '10.00',
      });
      expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
    });

    it('records one succeeded payment of the plan’s price with only the card’s brand and last four', async () => {
      const session = await till.createSession();
      await till.complete(secretOf(session));
      expect(await paymentsOf(session.checkout_session_id)).toStrictEqual([
        { status: 'succeeded', amount: 1900, currency: 'USD', card_brand: 'visa', card_last4: '4242', decline_code: null },
      ]);
    });

    it('keeps no full card number or CVC anywhere in the store', async () => {
      const session = await till.createSession();
      await till.complete(secretOf(session), newCustomerPayment({ card: { ...validCard('5555555555554444'), cvc: '987' } }));
      const dump = await till.dumpStore();
      expect(dump).toContain('4444');
      expect(dump).not.toContain('5555555555554444');
      expect(dump).not.toContain('555555555555');
      expect(dump).not.toMatch(/"cvc"|"987"/);
    });

    it('trims the customer’s email and name', async () => {
      const session = await till.createSession();
      const response = await till.complete(secretOf(session), newCustomerPayment({ customer: { email: '  trim@example.com ', name: ' Tim ' } }));
      expect((await till.getConnection(response.body.connection_id)).customer).toStrictEqual({ email: 'trim@example.com', name: 'Tim' });
    });

    it('requires the customer’s email and name', async () => {
      const session = await till.createSession();
      expectApiError(await till.complete(secretOf(session), { card: validCard() }), 'validation_error', 'customer');
      expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
    });
  });

  describe('the credit reported', () => {
    it('is 0.00 for a plan without included credit', async () => {
      const other = await till.insertOtherMerchant();
      const created = await till.api('POST', '/v1/checkout_sessions', {
        key: other.apiKey,
        body: { checkout_mode: 'subscription', origin_url: 'https://other.example.com/', subscription_config_id: other.configId },
      });
      const response = await till.complete(secretOf(created.body));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ subscription_id: expect.stringMatching(/^sub_test_/), credits_added: '0.00' });
    });
  });

  describe('a declined card', () => {
    it('answers 402 card_declined with a message for the customer and leaves the session open', async () => {
      const session = await till.createSession();
      const response = await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }));
      expectApiError(response, 'card_declined', 'payment_method');
      expect(response.body.error.message).toBe('Your card was declined. Try another card.');
      expect(await sessionStatus(session.checkout_session_id)).toBe('open');
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined', card_last4: '0002', decline_code: 'card_declined' }]);
    });

    it('creates no connection, so another card can then complete the same session', async () => {
      const session = await till.createSession();
      const email = 'retry@example.com';
      await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer(email), card: validCard(DECLINED_VISA) }));
      const [{ count } = { count: -1 }] = await till.db.query<{ count: number }>('SELECT count(*)::int AS count FROM connections WHERE email = $1', [email]);
      expect(count).toBe(0);

      const retry = await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer(email) }));
      expect(retry.status).toBe(200);
      expect((await paymentsOf(session.checkout_session_id)).map((payment) => payment.status)).toEqual(['declined', 'succeeded']);
      expect((await till.getConnection(retry.body.connection_id)).credit_balance).toBe('10.00');
    });
  });

  describe('validation', () => {
    const lastYear = new Date().getUTCFullYear() - 1;
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));

    it.each([
      ['an invalid email', { customer: newCustomer('not-an-email') }, 'customer.email'],
      ['an email that is only spaces', { customer: newCustomer('   ') }, 'customer.email'],
      ['an empty name', { customer: newCustomer('a@example.com', '') }, 'customer.name'],
      ['a name that is only spaces', { customer: newCustomer('a@example.com', '   ') }, 'customer.name'],
      ['a missing email', { customer: { name: 'No Email' } }, 'customer.email'],
      ['an unknown customer field', { customer: { ...newCustomer(), phone: '555' } }, 'customer.phone'],
      ['a card number that fails the Luhn check', { card: validCard('4242424242424241') }, 'card.number'],
      ['a card number with spaces', { card: validCard('4242 4242 4242 4242') }, 'card.number'],
      ['a card number that is too short', { card: validCard('42424242') }, 'card.number'],
      ['a Mastercard number of 15 digits, checksum and all', { card: validCard('555555555555558') }, 'card.number'],
      ['a 12-digit number of no known brand, checksum and all', { card: validCard('900000000001') }, 'card.number'],
      ['a card number sent as a number', { card: { ...validCard(), number: 4242424242424242 } }, 'card.number'],
      ['a card that expired last year', { card: { ...validCard(), exp_year: lastYear } }, 'card.exp_year'],
      [
        'a card that expired last month',
        { card: { ...validCard(), exp_month: lastMonth.getUTCMonth() + 1, exp_year: lastMonth.getUTCFullYear() } },
        'card.exp_year',
      ],
      ['a month of 13', { card: { ...validCard(), exp_month: 13 } }, 'card.exp_month'],
      ['a month of 0', { card: { ...validCard(), exp_month: 0 } }, 'card.exp_month'],
      ['a two-digit CVC', { card: { ...validCard(), cvc: '12' } }, 'card.cvc'],
      ['a CVC with letters', { card: { ...validCard(), cvc: '12a' } }, 'card.cvc'],
      ['a four-digit CVC for a Visa card', { card: { ...validCard(), cvc: '1234' } }, 'card.cvc'],
      ['a three-digit CVC for American Express', { card: { ...validCard('378282246310005'), cvc: '123' } }, 'card.cvc'],
      ['a missing CVC', { card: { number: VISA, exp_month: 12, exp_year: nextYear } }, 'card.cvc'],
      ['a missing card', { card: undefined }, 'card'],
      ['an unknown card field', { card: { ...validCard(), name: 'J DOE' } }, 'card.name'],
      ['an unknown top-level field', { coupon: 'FREE' }, 'coupon'],
    ])('rejects %s, charging nothing', async (_, overrides, param) => {
      const session = await till.createSession();
      expectApiError(await till.complete(secretOf(session), newCustomerPayment(overrides)), 'validation_error', param);
      expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
      expect(await sessionStatus(session.checkout_session_id)).toBe('open');
    });

    it('accepts a card that expires at the end of this month', async () => {
      const now = new Date();
      const session = await till.createSession();
      const card = { ...validCard(), exp_month: now.getUTCMonth() + 1, exp_year: now.getUTCFullYear() };
      expect((await till.complete(secretOf(session), newCustomerPayment({ card }))).status).toBe(200);
    });

    it('accepts a four-digit CVC', async () => {
      const session = await till.createSession();
      const card = { ...validCard('378282246310005'), cvc: '1234' };
      expect((await till.complete(secretOf(session), newCustomerPayment({ card }))).status).toBe(200);
    });

    it('answers malformed JSON with 400 invalid_json', async () => {
      const session = await till.createSession();
      expectApiError(await till.complete(secretOf(session), '{"card": {'), 'invalid_json');
    });
  });

  describe('session state', () => {
    it('refuses an expired session with 410 session_expired, charging nothing', async () => {
      const session = await till.createSession();
      await till.expireSession(session.checkout_session_id);
      expectApiError(await till.complete(secretOf(session)), 'session_expired');
      expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
    });

    it('refuses a completed session with 409 session_completed, charging once', async () => {
      const session = await till.createSession();
      expect((await till.complete(secretOf(session))).status).toBe(200);
      expectApiError(await till.complete(secretOf(session)), 'session_completed');
      expect(await paymentsOf(session.checkout_session_id)).toHaveLength(1);
    });

    it('completes only one of two simultaneous requests for a new customer', async () => {
      const session = await till.createSession();
      const email = 'twice@example.com';
      const responses = await Promise.all([
        till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer(email) })),
        till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer(email) })),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expectApiError(responses.find((response) => response.status === 409)!, 'session_completed');

      expect((await paymentsOf(session.checkout_session_id)).map((payment) => payment.status)).toEqual(['succeeded']);
      const connections = await till.db.query<{ credit_balance: number }>('SELECT credit_balance FROM connections WHERE email = $1', [email]);
      expect(connections).toStrictEqual([{ credit_balance: 1000 }]);
      const subscriptions = await till.db.query('SELECT 1 FROM subscriptions s JOIN connections c USING (connection_id) WHERE c.email = $1', [email]);
      expect(subscriptions).toHaveLength(1);
    });

    it('adds a bundle’s credit once when two requests complete it at the same time', async () => {
      const { connectionId } = await till.subscribe();
      const session = await till.createBundleSession(connectionId);
      const responses = await Promise.all([
        till.complete(secretOf(session), { card: validCard() }),
        till.complete(secretOf(session), { card: validCard() }),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(await paymentsOf(session.checkout_session_id)).toHaveLength(1);
      expect((await till.getConnection(connectionId)).credit_balance).toBe('15.00');
    });
  });

  describe('a returning customer', () => {
    it('buys a credit bundle, adding its credit once and charging its cost', async () => {
      const { starterBundle } = await till.catalog();
      const { connectionId } = await till.subscribe();
      const session = await till.createBundleSession(connectionId, starterBundle.id);

      const response = await till.complete(secretOf(session), { card: validCard() });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        checkout_mode: 'credit_bundle',
        connection_id: connectionId,
        status: 'completed',
        subscription_id: null,
        credits_added: '5.00',
      });
      expect((await till.getConnection(connectionId)).credit_balance).toBe('15.00');
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 500, currency: 'USD' }]);

      expectApiError(await till.complete(secretOf(session), { card: validCard() }), 'session_completed');
      expect((await till.getConnection(connectionId)).credit_balance).toBe('15.00');
    });

    it('keeps the connection’s identity when the body also carries a customer', async () => {
      const { connectionId } = await till.subscribe(newCustomer('kept@example.com', 'Kept Name'));
      const session = await till.createBundleSession(connectionId);
      await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('other@example.com', 'Other') }));
      expect((await till.getConnection(connectionId)).customer).toStrictEqual({ email: 'kept@example.com', name: 'Kept Name' });
    });

    it('subscribes an existing connection to a second plan without a new connection', async () => {
      const { connectionId } = await till.subscribe();
      const extra = await till.insertExtraPlan();
      const session = await till.createSession({ subscription_config_id: extra.configId, connection_id: connectionId });
      const response = await till.complete(secretOf(session), { card: validCard() });
      expect(response.body).toMatchObject({ connection_id: connectionId, credits_added: '50.00' });
      expect((await till.getConnection(connectionId)).credit_balance).toBe('60.00');
      const [subscription] = await till.db.query<{ subscription_id: string }>(
        'SELECT subscription_id FROM subscriptions WHERE connection_id = $1 AND subscription_config_id = $2',
        [connectionId, extra.configId],
      );
      expect(response.body.subscription_id).toBe(subscription!.subscription_id);
    });

    it('reports the credit of the bundle bought, not the balance', async () => {
      const { connectionId } = await till.subscribe();
      const { powerBundle } = await till.catalog();
      const session = await till.createBundleSession(connectionId, powerBundle.id);
      const response = await till.complete(secretOf(session), { card: validCard() });
      expect(response.body).toMatchObject({ subscription_id: null, credits_added: '25.00' });
      expect((await till.getConnection(connectionId)).credit_balance).toBe('35.00');
    });

    it('refuses a second subscription session for the same plan once the first completed', async () => {
      const { connectionId } = await till.subscribe();
      const extra = await till.insertExtraPlan();
      const first = await till.createSession({ subscription_config_id: extra.configId, connection_id: connectionId });
      const second = await till.createSession({ subscription_config_id: extra.configId, connection_id: connectionId });
      expect((await till.complete(secretOf(first), { card: validCard() })).status).toBe(200);

      expectApiError(await till.complete(secretOf(second), { card: validCard() }), 'already_subscribed');
      expect(await paymentsOf(second.checkout_session_id)).toEqual([]);
      expect(await sessionStatus(second.checkout_session_id)).toBe('open');
    });

    it('subscribes once when two sessions for the same plan complete at the same time', async () => {
      const { connectionId } = await till.subscribe();
      const extra = await till.insertExtraPlan();
      const sessions = [
        await till.createSession({ subscription_config_id: extra.configId, connection_id: connectionId }),
        await till.createSession({ subscription_config_id: extra.configId, connection_id: connectionId }),
      ];
      const responses = await Promise.all(sessions.map((session) => till.complete(secretOf(session), { card: validCard() })));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const subscriptions = await till.db.query(
        "SELECT 1 FROM subscriptions WHERE connection_id = $1 AND subscription_config_id = $2 AND status = 'active'",
        [connectionId, extra.configId],
      );
      expect(subscriptions).toHaveLength(1);
    });

    it('refuses a bundle once the subscription it needs is no longer active', async () => {
      const { connectionId } = await till.subscribe();
      const session = await till.createBundleSession(connectionId);
      await till.db.query("UPDATE subscriptions SET status = 'canceled' WHERE connection_id = $1", [connectionId]);
      expectApiError(await till.complete(secretOf(session), { card: validCard() }), 'subscription_required');
      expect((await till.getConnection(connectionId)).credit_balance).toBe('10.00');
    });
  });

  describe('a payment waiting for the customer’s bank', () => {
    it('is cancelled by a change to the order, so the old total never pays for the new order', async () => {
      const { team } = await till.plans();
      const session = await till.createSession({ subscription_config_id: team, quantity: 2 });
      const secret = secretOf(session);
      const key = { 'Idempotency-Key': 'challenged-then-changed' };
      const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
      const waiting = await till.complete(secret, body, key);
      expect(waiting.body).toMatchObject({ status: 'requires_action' });

      const changed = await till.updateSession(secret, { quantity: 50 });
      expect(changed.body).toMatchObject({ quantity: 50, amount_due: '600.00' });
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined', amount: 2400 }]);
      // The customer answers the old challenge after all: it no longer pays for anything.
      await till.answerChallenge(waiting.body.next_action.url, 'complete');
      const again = await till.complete(secret, body, key);
      expect(again.body).not.toMatchObject({ status: 'completed' });
      expect(await sessionStatus(session.checkout_session_id)).toBe('open');
      expect((await paymentsOf(session.checkout_session_id)).filter((payment) => payment.status === 'succeeded')).toStrictEqual([]);
    });

    it('is the outcome when the answered challenge settles and cannot be cancelled: no second charge, and the order kept', async () => {
      // As Stripe answers a cancel once the bank's answer has the PaymentIntent processing: with the payment as it stands.
      const settling: ProcessorFor = async (merchantId, store, takenBy) => {
        const processor = await till.processorFor(merchantId, store, takenBy);
        return { ...processor, cancelPayment: async (id) => ({ ...(await processor.retrievePayment(id)), status: 'processing' }) };
      };
      const challenged = async () => {
        const session = await till.createSession();
        const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
        expect((await till.complete(secretOf(session), body, { 'Idempotency-Key': 'first-card' })).body).toMatchObject({ status: 'requires_action' });
        return { session, hash: hashSecret(secretOf(session)) };
      };

      const paid = await challenged();
      const otherCard = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard())).body.id };
      expect(await completeCheckout(till.db, settling, paid.hash, otherCard, 'second-card')).toMatchObject({ status: 'processing' });
      expect(await paymentsOf(paid.session.checkout_session_id)).toMatchObject([{ status: 'processing' }]);
      await expect(updateCheckout(till.db, settling, paid.hash, { country: 'DE' })).rejects.toMatchObject({ code: 'payment_in_progress' });

      const changed = await challenged();
      expect(await updateCheckout(till.db, settling, changed.hash, { country: 'DE' })).toMatchObject({ status: 'processing', country: null });
      expect(await paymentsOf(changed.session.checkout_session_id)).toMatchObject([{ status: 'processing' }]);
    });

    describe('left by the customer, with no webhook to tell of it', () => {
      /** A round of the worker's sweep of waiting payments, asking again at once about any still waiting. */
      const sweep = () => settleProcessingPayments(till.db, till.processorFor, { onError: (error) => { throw error; }, recheckDelay: () => 0 });
      const challengedLongAgo = (sessionId: string) =>
        till.db.query("UPDATE payments SET created_at = created_at - interval '11 minutes' WHERE checkout_session_id = $1", [sessionId]);

      it('completes its checkout once the challenge has had its time, when the customer answered it and left', async () => {
        const session = await till.createSession();
        const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
        const key = { 'Idempotency-Key': 'answered-then-left' };
        const waiting = await till.complete(secretOf(session), body, key);
        await till.answerChallenge(waiting.body.next_action.url, 'complete');

        await sweep(); // within the challenge's time: not asked about yet
        expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'requires_action' }]);
        await challengedLongAgo(session.checkout_session_id);
        await sweep();
        expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
        expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded' }]);
        // The customer's retry of the attempt, should they come back, hears the outcome the worker settled.
        expect((await till.complete(secretOf(session), body, key)).body).toMatchObject({ status: 'completed' });
      });

      it('gives up a challenge still unanswered once its checkout has expired, so it is asked about no more', async () => {
        const session = await till.createSession();
        const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
        const waiting = await till.complete(secretOf(session), body, { 'Idempotency-Key': 'never-answered' });
        await challengedLongAgo(session.checkout_session_id);
        await sweep();
        expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'requires_action' }]);

        await till.expireSession(session.checkout_session_id);
        await sweep();
        expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined', decline_code: 'authentication_required' }]);
        // Answered after all, too late: it charges nothing.
        await till.answerChallenge(waiting.body.next_action.url, 'complete');
        await sweep();
        expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined' }]);
        expect(await sessionStatus(session.checkout_session_id)).toBe('expired');
      });
    });

    describe('in another checkout of the same customer for the same plan', () => {
      /** A new customer's checkout whose card asks for 3-D Secure, left waiting. */
      async function challenged(customer: { email: string; name: string }) {
        const session = await till.createSession();
        const body = { customer, payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
        const key = { 'Idempotency-Key': `challenged-${session.checkout_session_id}` };
        const waiting = await till.complete(secretOf(session), body, key);
        expect(waiting.body).toMatchObject({ status: 'requires_action' });
        return { session, url: waiting.body.next_action.url as string, again: () => till.complete(secretOf(session), body, key) };
      }
      const subscriptionsOf = (email: string) =>
        till.db.query('SELECT s.status FROM subscriptions s JOIN connections c USING (connection_id) WHERE lower(c.email) = lower($1)', [email]);

      it('is cancelled when the customer pays in another checkout, so a challenge answered later never subscribes them twice', async () => {
        const customer = newCustomer();
        const first = await challenged(customer);
        const second = await till.createSession();
        expect((await till.complete(secretOf(second), newCustomerPayment({ customer: { ...customer, email: customer.email.toUpperCase() } }))).body)
          .toMatchObject({ status: 'completed' });
        expect(await paymentsOf(first.session.checkout_session_id)).toMatchObject([{ status: 'declined' }]);

        await till.answerChallenge(first.url, 'complete');
        expect((await first.again()).body).not.toMatchObject({ status: 'completed' });
        expect(await subscriptionsOf(customer.email)).toStrictEqual([{ status: 'active' }]);
      });

      it('completes that checkout first when its challenge was answered, and refuses a second subscription', async () => {
        const customer = newCustomer();
        const first = await challenged(customer);
        await till.answerChallenge(first.url, 'complete');
        const second = await till.createSession();
        expectApiError(await till.complete(secretOf(second), newCustomerPayment({ customer })), 'already_subscribed');
        expect(await sessionStatus(first.session.checkout_session_id)).toBe('completed');
        expect(await paymentsOf(second.checkout_session_id)).toStrictEqual([]);
        expect(await subscriptionsOf(customer.email)).toStrictEqual([{ status: 'active' }]);
      });

      it('makes the payment wait while that checkout’s payment settles', async () => {
        const customer = newCustomer();
        const first = await challenged(customer);
        await till.db.query("UPDATE payments SET status = 'processing' WHERE checkout_session_id = $1", [first.session.checkout_session_id]);
        const second = await till.createSession();
        expectApiError(await till.complete(secretOf(second), newCustomerPayment({ customer })), 'payment_in_progress');
        expect(await paymentsOf(second.checkout_session_id)).toStrictEqual([]);
      });
    });

    it('asks the merchant’s processor nothing on a change to an order with no payment waiting', async () => {
      const { team } = await till.plans();
      const session = await till.createSession({ subscription_config_id: team, quantity: 2 });
      let asked = 0;
      const counting: ProcessorFor = (merchantId, store, takenBy) => (asked++, till.processorFor(merchantId, store, takenBy));
      const view = await updateCheckout(till.db, counting, hashSecret(secretOf(session)), { quantity: 3 });
      expect(view).toMatchObject({ quantity: 3 });
      expect(asked).toBe(0);
    });

    it('leaves the order as it is when the customer had answered the challenge before the change: the checkout completes', async () => {
      const { team } = await till.plans();
      const session = await till.createSession({ subscription_config_id: team, quantity: 2 });
      const secret = secretOf(session);
      const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
      const waiting = await till.complete(secret, body, { 'Idempotency-Key': 'answered-then-changed' });
      await till.answerChallenge(waiting.body.next_action.url, 'complete');

      const changed = await till.updateSession(secret, { quantity: 50 });
      expect(changed.body).toMatchObject({ status: 'completed', quantity: 2 });
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 2400 }]);
      expectApiError(await till.updateSession(secret, { quantity: 3 }), 'session_completed');
    });

    it('redeems the promotion it was charged with, though the code ran out while it waited', async () => {
      const code = await till.insertPromotionCode({ duration: 'forever', max_redemptions: 1 });
      const challenged = await till.createSession({ promotion_code: code });
      const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
      const key = { 'Idempotency-Key': 'waited-with-a-code' };
      const waiting = await till.complete(secretOf(challenged), body, key);
      expect(waiting.body).toMatchObject({ status: 'requires_action' });
      // Another customer takes the code's last redemption meanwhile; a third is refused it.
      const other = await till.createSession({ promotion_code: code });
      expect((await till.complete(secretOf(other), newCustomerPayment())).body).toMatchObject({ status: 'completed' });
      expectApiError(await till.updateSession(secretOf(await till.createSession({ allow_promotion_codes: true })), { promotion_code: code }), 'promotion_code_exhausted', 'promotion_code');

      await till.answerChallenge(waiting.body.next_action.url, 'complete');
      const paid = await till.complete(secretOf(challenged), body, key);
      expect(paid.body).toMatchObject({ status: 'completed' });
      expect(await paymentsOf(challenged.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 1520 }]);
      const [redeemed] = await till.db.query<{ times_redeemed: number; redemptions: number }>(
        `SELECT times_redeemed, (SELECT count(*)::int FROM promotion_redemptions r WHERE r.promotion_code_id = p.promotion_code_id) AS redemptions
         FROM promotion_codes p WHERE code = $1`,
        [code],
      );
      expect(redeemed).toStrictEqual({ times_redeemed: 2, redemptions: 2 });
      // A code for ever keeps discounting the subscription's renewals, as it was sold.
      const kept = await till.db.query<{ code: string }>(
        'SELECT p.code FROM subscriptions s JOIN promotion_codes p USING (promotion_code_id) WHERE s.subscription_id = $1',
        [paid.body.subscription_id],
      );
      expect(kept).toStrictEqual([{ code }]);
    });

    it('is fulfilled when the bank tells the processor it went through after the checkout expired', async () => {
      const session = await till.createSession();
      const body = { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).body.id };
      const waiting = await till.complete(secretOf(session), body, { 'Idempotency-Key': 'answered-after-expiry' });
      await till.expireSession(session.checkout_session_id);
      await expireCheckoutSessions(till.db);
      expect(await sessionStatus(session.checkout_session_id)).toBe('expired');

      // The customer answers the challenge, and the processor says so (Stripe's webhook), the tab being closed.
      await till.answerChallenge(waiting.body.next_action.url, 'complete');
      const [{ processor_payment_id }] = (await till.db.query('SELECT processor_payment_id FROM payments WHERE checkout_session_id = $1', [
        session.checkout_session_id,
      ])) as [{ processor_payment_id: string }];
      expect(await settleWaitingPayment(till.db, till.processorFor, till.demo.merchantId, processor_payment_id)).toBe('settled');
      expect(await sessionStatus(session.checkout_session_id)).toBe('completed');
      expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded' }]);
    });
  });
});
