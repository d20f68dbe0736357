import { describe, expect, it } from 'vitest';
import {
  DECLINED_VISA,
  expectApiError,
  newCustomer,
  newCustomerPayment,
  secretOf,
  useTestServer,
  validCard,
} from './support/testServer';

const till = useTestServer();

const INSUFFICIENT_FUNDS = '4000000000009995';
const EXPIRED_CARD = '4000000000000069';

async function paymentsOf(checkoutSessionId: string) {
  return till.db.query<{ status: string; amount: number; card_brand: string; card_last4: string; decline_code: string | null }>(
    'SELECT status, amount, card_brand, card_last4, decline_code FROM payments WHERE checkout_session_id = $1 ORDER BY created_at, payment_id',
    [checkoutSessionId],
  );
}

async function subscriptionOf(subscriptionId: string) {
  const [row] = await till.db.query<{ quantity: number; promotion_code: string | null }>(
    `SELECT s.quantity, p.code AS promotion_code FROM subscriptions s LEFT JOIN promotion_codes p USING (promotion_code_id)
     WHERE s.subscription_id = $1`,
    [subscriptionId],
  );
  return row!;
}

const countConnections = async (email: string) =>
  (await till.db.query<{ count: number }>('SELECT count(*)::int AS count FROM connections WHERE lower(email) = lower($1)', [email]))[0]!.count;

describe('POST /api/checkout/complete: the server’s total', () => {
  it('charges the estimate’s total, keeping the seats and a forever promotion on the subscription', async () => {
    const { team } = await till.plans();
    const session = await till.createSession({ subscription_config_id: team, quantity: 4, promotion_code: 'TEAM10' });
    const response = await till.complete(secretOf(session));
    expect(response.status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 4320 }]);
    expect(await subscriptionOf(response.body.subscription_id)).toStrictEqual({ quantity: 4, promotion_code: 'TEAM10' });
  });

  it('keeps no once promotion on the subscription: it was spent on the first payment', async () => {
    const code = await till.insertPromotionCode({ percent_off: 50, duration: 'once' });
    const session = await till.createSession({ promotion_code: code });
    const response = await till.complete(secretOf(session));
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 950 }]);
    expect(await subscriptionOf(response.body.subscription_id)).toStrictEqual({ quantity: 1, promotion_code: null });
  });

  it('charges tax for the customer’s country, and remembers the country on the connection', async () => {
    const session = await till.createSession({ customer: { country: 'DE' } });
    const response = await till.complete(secretOf(session));
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 2261 }]);
    const [connection] = await till.db.query('SELECT country FROM connections WHERE connection_id = $1', [response.body.connection_id]);
    expect(connection).toStrictEqual({ country: 'DE' });
  });

  it('charges the tax of the country the customer picked in the checkout, as the estimate then showed', async () => {
    const session = await till.createSession();
    const secret = secretOf(session);
    expect((await till.updateSession(secret, { country: 'FR' })).body.estimate.due_today).toMatchObject({ tax: '3.80', total: '22.80' });
    const response = await till.complete(secret, newCustomerPayment({ customer: { ...newCustomer(), country: 'FR' } }));
    expect(response.status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 2280 }]);
    const [connection] = await till.db.query('SELECT country FROM connections WHERE connection_id = $1', [response.body.connection_id]);
    expect(connection).toStrictEqual({ country: 'FR' });
  });

  it('follows the country the customer changes back and forth, charging the tax of the last one', async () => {
    const session = await till.createSession({ customer: { country: 'DE' } });
    const secret = secretOf(session);
    expect((await till.updateSession(secret, { country: 'US' })).body.amount_due).toBe('19.00');
    expect((await till.updateSession(secret, { country: 'DE' })).body.amount_due).toBe('22.61');
    expect((await till.complete(secret, newCustomerPayment({ customer: { ...newCustomer(), country: 'DE' } }))).status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 2261 }]);
  });

  it('refuses a total the customer was not shown with 409 total_changed, charging nothing, and pays the new one once shown', async () => {
    const session = await till.createSession({ customer: { country: 'DE' } });
    const secret = secretOf(session);
    const shown = (await till.updateSession(secret, { country: 'DE' })).body.amount_due;
    expect(shown).toBe('22.61');
    // The merchant replaces Germany's rate while the customer looks at the form.
    const [rate] = (await till.api('GET', '/v1/tax_rates?country=DE&active=true')).body.data;
    expect((await till.api('PATCH', `/v1/tax_rates/${rate.tax_rate_id}`, { body: { active: false } })).status).toBe(200);
    expect((await till.api('POST', '/v1/tax_rates', { body: { country: 'DE', percentage: 7, display_name: 'USt' } })).status).toBe(201);

    const payment = newCustomerPayment({ customer: { ...newCustomer('shown@example.com'), country: 'DE' } });
    expectApiError(await till.complete(secret, { ...payment, expected_total: shown }), 'total_changed', 'expected_total');
    expect(await paymentsOf(session.checkout_session_id)).toStrictEqual([]);
    const view = await till.updateSession(secret, { country: 'DE' });
    expect(view.body).toMatchObject({ status: 'open', amount_due: '20.33' });
    // What the customer entered is kept for the next attempt.
    const [stored] = await till.db.query('SELECT customer_email FROM checkout_sessions WHERE checkout_session_id = $1', [session.checkout_session_id]);
    expect(stored).toStrictEqual({ customer_email: 'shown@example.com' });

    expect((await till.complete(secret, { ...payment, expected_total: view.body.amount_due })).status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 2033 }]);
  });

  it('completes a checkout that a promotion makes free, recording a payment of zero', async () => {
    const code = await till.insertPromotionCode({ percent_off: 100 });
    const session = await till.createSession({ promotion_code: code });
    expect((await till.complete(secretOf(session))).status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 0 }]);
  });

  it('charges a bundle’s cost plus tax', async () => {
    const { connectionId } = await till.subscribe();
    const { starterBundle } = await till.catalog();
    const session = await till.createSession({
      checkout_mode: 'credit_bundle', subscription_config_id: undefined, credit_bundle_id: starterBundle.id, connection_id: connectionId, customer: { country: 'FR' },
    });
    expect((await till.complete(secretOf(session), { card: validCard() })).status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 600 }]);
  });
});

describe('POST /api/checkout/complete: promotion redemptions', () => {
  it('records one redemption when the checkout completes', async () => {
    const code = await till.insertPromotionCode();
    const session = await till.createSession({ promotion_code: code });
    const response = await till.complete(secretOf(session));
    expect(await till.timesRedeemed(code)).toBe(1);
    const redemptions = await till.db.query('SELECT checkout_session_id, connection_id FROM promotion_redemptions r JOIN promotion_codes p USING (promotion_code_id) WHERE p.code = $1', [code]);
    expect(redemptions).toStrictEqual([{ checkout_session_id: session.checkout_session_id, connection_id: response.body.connection_id }]);
    expectApiError(await till.complete(secretOf(session)), 'session_completed');
    expect(await till.timesRedeemed(code)).toBe(1);
  });

  it('records none for a declined payment, and one for the retry that succeeds', async () => {
    const code = await till.insertPromotionCode();
    const session = await till.createSession({ promotion_code: code });
    await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }));
    expect(await till.timesRedeemed(code)).toBe(0);
    expect((await till.complete(secretOf(session))).status).toBe(200);
    expect(await till.timesRedeemed(code)).toBe(1);
    expect((await paymentsOf(session.checkout_session_id)).map((payment) => payment.amount)).toEqual([1520, 1520]);
  });

  it('refuses a code used up since, charging nothing, then charges the full price', async () => {
    const code = await till.insertPromotionCode({ max_redemptions: 1 });
    const [first, second] = [await till.createSession({ promotion_code: code }), await till.createSession({ promotion_code: code })];
    expect((await till.complete(secretOf(first))).status).toBe(200);

    expectApiError(await till.complete(secretOf(second)), 'promotion_code_exhausted', 'promotion_code');
    expect(await paymentsOf(second.checkout_session_id)).toEqual([]);
    const view = (await till.getSessionView(secretOf(second))).body;
    expect(view).toMatchObject({ status: 'open', promotion: null, amount_due: '19.00' });
    expect((await till.complete(secretOf(second))).status).toBe(200);
    expect(await paymentsOf(second.checkout_session_id)).toMatchObject([{ amount: 1900 }]);
    expect(await till.timesRedeemed(code)).toBe(1);
  });

  it('refuses a code that expired since, charging nothing', async () => {
    const code = await till.insertPromotionCode({ expires_at: new Date(Date.now() + 60_000) });
    const session = await till.createSession({ promotion_code: code });
    await till.db.query("UPDATE promotion_codes SET expires_at = now() - interval '1 second' WHERE code = $1", [code]);
    expect((await till.getSessionView(secretOf(session))).body.promotion).toMatchObject({ code, applies: false });
    expectApiError(await till.complete(secretOf(session)), 'promotion_code_expired', 'promotion_code');
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
  });

  it('gives the last redemption to one of two simultaneous checkouts', async () => {
    const code = await till.insertPromotionCode({ max_redemptions: 1 });
    const sessions = [await till.createSession({ promotion_code: code }), await till.createSession({ promotion_code: code })];
    const responses = await Promise.all(sessions.map((session) => till.complete(secretOf(session))));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 400]);
    expectApiError(responses.find((response) => response.status === 400)!, 'promotion_code_exhausted', 'promotion_code');
    expect(await till.timesRedeemed(code)).toBe(1);
  });

  it('does not redeem a code that does not apply to the plan switched to', async () => {
    const { pro, team } = await till.plans();
    const session = await till.createSession({ subscription_config_id: team, subscription_config_ids: [team, pro], promotion_code: 'TEAM10' });
    await till.updateSession(secretOf(session), { subscription_config_id: pro });
    const before = await till.timesRedeemed('TEAM10');
    const response = await till.complete(secretOf(session));
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ amount: 1900 }]);
    expect(await subscriptionOf(response.body.subscription_id)).toStrictEqual({ quantity: 1, promotion_code: null });
    expect(await till.timesRedeemed('TEAM10')).toBe(before);
  });
});

describe('POST /api/checkout/complete: declines', () => {
  it.each([
    ['the generic decline', DECLINED_VISA, 'card_declined', 'Your card was declined. Try another card.'],
    ['insufficient funds', INSUFFICIENT_FUNDS, 'insufficient_funds', 'Your card has insufficient funds. Try another card.'],
    ['an expired card', EXPIRED_CARD, 'expired_card', 'Your card has expired. Try another card.'],
  ])('answers %s with 402 card_declined, its decline_code and its own message', async (_, number, declineCode, message) => {
    const session = await till.createSession();
    const response = await till.complete(secretOf(session), newCustomerPayment({ card: validCard(number) }));
    expect(response.status).toBe(402);
    expect(response.body).toStrictEqual({
      error: {
        type: 'card_error',
        code: 'card_declined',
        message,
        param: 'payment_method',
        request_id: response.headers.get('X-Request-Id'),
        decline_code: declineCode,
      },
    });
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined', decline_code: declineCode, card_last4: number.slice(-4) }]);
  });

  it('lets the customer retry after each decline and then pay', async () => {
    const session = await till.createSession();
    for (const number of [DECLINED_VISA, INSUFFICIENT_FUNDS, EXPIRED_CARD]) {
      expect((await till.complete(secretOf(session), newCustomerPayment({ card: validCard(number) }))).status).toBe(402);
    }
    expect((await till.complete(secretOf(session))).status).toBe(200);
    expect((await paymentsOf(session.checkout_session_id)).map((payment) => payment.status)).toEqual(['declined', 'declined', 'declined', 'succeeded']);
  });

  it('puts decline_code on declines only', async () => {
    const session = await till.createSession();
    const response = await till.complete(secretOf(session), newCustomerPayment({ card: { ...validCard(), cvc: '1' } }));
    expect(Object.keys(response.body.error).sort()).toEqual(['code', 'message', 'param', 'request_id', 'type']);
  });
});

describe('POST /api/checkout/complete: the saved card', () => {
  it('pays a returning customer’s bundle with the card on the connection', async () => {
    const { connectionId } = await till.subscribe();
    const mastercard = await till.createPaymentMethod(validCard('5555555555554444'));
    await till.db.query('UPDATE connections SET payment_method_id = $2 WHERE connection_id = $1', [connectionId, mastercard.body.id]);
    const session = await till.createBundleSession(connectionId);
    const response = await till.complete(secretOf(session), { use_saved_card: true });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ connection_id: connectionId, credits_added: '5.00' });
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'succeeded', amount: 500, card_brand: 'mastercard', card_last4: '4444' }]);
  });

  it('pays a returning customer’s new plan with it', async () => {
    const { connectionId } = await till.subscribe();
    const { proYearly } = await till.plans();
    const session = await till.createSession({ subscription_config_id: proYearly, connection_id: connectionId });
    expect((await till.complete(secretOf(session), { use_saved_card: true })).status).toBe(200);
  });

  it('replaces the saved card with a new one when the customer pays with it', async () => {
    const { connectionId } = await till.subscribe();
    const session = await till.createBundleSession(connectionId);
    expect((await till.complete(secretOf(session), { card: validCard('5555555555554444') })).status).toBe(200);
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ card_brand: 'mastercard', card_last4: '4444' }]);
    const [card] = await till.db.query('SELECT card_brand, card_last4 FROM connections WHERE connection_id = $1', [connectionId]);
    expect(card).toStrictEqual({ card_brand: 'mastercard', card_last4: '4444' });
  });

  it('charges the card the customer entered, not the saved one, and declines it if it is declined', async () => {
    const { connectionId } = await till.subscribe();
    const session = await till.createBundleSession(connectionId);
    const response = await till.complete(secretOf(session), { card: validCard(INSUFFICIENT_FUNDS) });
    expect(response.status).toBe(402);
    expect(response.body.error.decline_code).toBe('insufficient_funds');
    expect(await paymentsOf(session.checkout_session_id)).toMatchObject([{ status: 'declined', card_last4: '9995' }]);
    expect((await till.getConnection(connectionId)).credit_balance).toBe('10.00');
  });

  it('refuses it for a new customer, who has none', async () => {
    const session = await till.createSession();
    expectApiError(await till.complete(secretOf(session), { customer: newCustomer(), use_saved_card: true }), 'validation_error', 'use_saved_card');
  });

  it('refuses it for a new customer whose email belongs to a connection with a card', async () => {
    await till.subscribe(newCustomer('has.card@example.com'));
    const session = await till.createSession({ customer: { email: 'has.card@example.com', name: 'Not Them' } });
    expectApiError(await till.complete(secretOf(session), { use_saved_card: true }), 'validation_error', 'use_saved_card');
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
  });

  it('refuses it for a connection without a card', async () => {
    const { connectionId } = await till.subscribe();
    await till.db.query('UPDATE connections SET card_brand = NULL, card_last4 = NULL, payment_method_id = NULL WHERE connection_id = $1', [connectionId]);
    const session = await till.createBundleSession(connectionId);
    expectApiError(await till.complete(secretOf(session), { use_saved_card: true }), 'validation_error', 'use_saved_card');
  });

  it.each([
    ['both a card and the saved card', { card: validCard(), use_saved_card: true }, 'use_saved_card'],
    ['use_saved_card: false', { use_saved_card: false }, 'use_saved_card'],
    ['neither', {}, 'payment_method'],
  ])('rejects %s', async (_, body, param) => {
    const { connectionId } = await till.subscribe();
    const session = await till.createBundleSession(connectionId);
    expectApiError(await till.complete(secretOf(session), body), 'validation_error', param);
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
  });
});

describe('POST /api/checkout/complete: Idempotency-Key', () => {
  const key = (value: string) => ({ 'Idempotency-Key': value });

  it('answers a repeat of the key with the first outcome, charging once', async () => {
    const session = await till.createSession();
    const first = await till.complete(secretOf(session), newCustomerPayment(), key('attempt-1'));
    const again = await till.complete(secretOf(session), newCustomerPayment(), key('attempt-1'));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual(first.body);
    expect(await paymentsOf(session.checkout_session_id)).toHaveLength(1);
  });

  it('answers two simultaneous requests with one key alike, charging once', async () => {
    const session = await till.createSession();
    const responses = await Promise.all([1, 2].map(() => till.complete(secretOf(session), newCustomerPayment(), key('same'))));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(responses[1]!.body).toStrictEqual(responses[0]!.body);
    expect(await paymentsOf(session.checkout_session_id)).toHaveLength(1);
  });

  it('answers a repeat of a declined attempt with the same decline, without charging again', async () => {
    const session = await till.createSession();
    const body = newCustomerPayment({ card: validCard(INSUFFICIENT_FUNDS) });
    const first = await till.complete(secretOf(session), body, key('declined-1'));
    const again = await till.complete(secretOf(session), newCustomerPayment(), key('declined-1'));
    expect(first.status).toBe(402);
    // The same decline, but as this request's answer: its own request_id, never the first request's.
    const requestId = again.headers.get('X-Request-Id');
    expect(requestId).not.toBe(first.headers.get('X-Request-Id'));
    expect({ status: again.status, body: again.body }).toStrictEqual({
      status: 402,
      body: { error: { ...first.body.error, request_id: requestId } },
    });
    expectApiError(again, 'card_declined', 'payment_method');
    expect(await paymentsOf(session.checkout_session_id)).toHaveLength(1);
  });

  it('keeps no request id in the stored outcome of a key', async () => {
    const session = await till.createSession();
    const first = await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }), key('stored-1'));
    const [stored] = await till.db.query<{ body: string }>(
      'SELECT body FROM checkout_idempotency_keys WHERE checkout_session_id = $1',
      [session.checkout_session_id],
    );
    expect(stored!.body).not.toContain(first.headers.get('X-Request-Id')!);
    expect(JSON.parse(stored!.body).error).not.toHaveProperty('request_id');
  });

  it('charges again for a new key after a decline', async () => {
    const session = await till.createSession();
    await till.complete(secretOf(session), newCustomerPayment({ card: validCard(DECLINED_VISA) }), key('try-1'));
    expect((await till.complete(secretOf(session), newCustomerPayment(), key('try-2'))).status).toBe(200);
    expect((await paymentsOf(session.checkout_session_id)).map((payment) => payment.status)).toEqual(['declined', 'succeeded']);
  });

  it('keeps nothing for an attempt that charged nothing', async () => {
    const session = await till.createSession();
    const invalid = await till.complete(secretOf(session), { card: validCard() }, key('k'));
    expectApiError(invalid, 'validation_error', 'customer');
    expect((await till.complete(secretOf(session), newCustomerPayment(), key('k'))).status).toBe(200);
  });

  it('answers a different key for a completed session with session_completed', async () => {
    const session = await till.createSession();
    await till.complete(secretOf(session), newCustomerPayment(), key('one'));
    expectApiError(await till.complete(secretOf(session), newCustomerPayment(), key('two')), 'session_completed');
  });

  it('scopes a key to its session', async () => {
    const [a, b] = [await till.createSession(), await till.createSession()];
    const first = await till.complete(secretOf(a), newCustomerPayment(), key('shared'));
    const second = await till.complete(secretOf(b), newCustomerPayment(), key('shared'));
    expect(second.status).toBe(200);
    expect(second.body.checkout_session_id).toBe(b.checkout_session_id);
    expect(second.body.connection_id).not.toBe(first.body.connection_id);
  });

  it.each([
    ['an empty key', ''],
    ['a key with a space', 'a b'],
    ['a key of 256 characters', 'k'.repeat(256)],
  ])('rejects %s', async (_, value) => {
    const session = await till.createSession();
    expectApiError(await till.complete(secretOf(session), newCustomerPayment(), key(value)), 'validation_error', 'Idempotency-Key');
  });
});

describe('POST /api/checkout/complete: who the customer is', () => {
  it('attaches a new customer whose email a connection has, in any case, to that connection', async () => {
    const { connectionId } = await till.subscribe(newCustomer('Returning@Example.com', 'Original Name'));
    const { proYearly } = await till.plans();
    const session = await till.createSession({ subscription_config_id: proYearly });
    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('returning@example.COM', 'Other Name') }));
    expect(response.status).toBe(200);
    expect(response.body.connection_id).toBe(connectionId);
    expect(await countConnections('returning@example.com')).toBe(1);
    const connection = await till.getConnection(connectionId);
    expect(connection).toMatchObject({ customer: { email: 'Returning@Example.com', name: 'Original Name' }, credit_balance: '130.00' });
  });

  it('refuses a plan that the connection with that email already has, charging nothing', async () => {
    await till.subscribe(newCustomer('twice.pro@example.com'));
    const session = await till.createSession();
    expectApiError(await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('twice.pro@example.com') })), 'already_subscribed');
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
  });

  it('makes one connection when two first purchases with one email complete at once', async () => {
    const { proYearly } = await till.plans();
    const sessions = [await till.createSession(), await till.createSession({ subscription_config_id: proYearly })];
    const customer = newCustomer('together@example.com');
    const responses = await Promise.all(sessions.map((session) => till.complete(secretOf(session), newCustomerPayment({ customer }))));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(responses[0]!.body.connection_id).toBe(responses[1]!.body.connection_id);
    expect(await countConnections('together@example.com')).toBe(1);
  });

  it('completes with the merchant’s prefill when the body has no customer', async () => {
    const session = await till.createSession({ customer: { email: 'prefilled@example.com', name: 'Pre Filled' } });
    const response = await till.complete(secretOf(session), { card: validCard() });
    expect(response.status).toBe(200);
    expect((await till.getConnection(response.body.connection_id)).customer).toStrictEqual({ email: 'prefilled@example.com', name: 'Pre Filled' });
  });

  it('asks for the name when only the email was prefilled', async () => {
    const session = await till.createSession({ customer: { email: 'half@example.com' } });
    expectApiError(await till.complete(secretOf(session), { card: validCard() }), 'validation_error', 'customer');
  });

  it('lets the customer change an email that is not locked', async () => {
    const session = await till.createSession({ customer: { email: 'suggested@example.com' } });
    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('chosen@example.com', 'Chooser') }));
    expect((await till.getConnection(response.body.connection_id)).customer.email).toBe('chosen@example.com');
  });

  it('refuses another email when the email is locked, and accepts the same one in another case', async () => {
    const session = await till.createSession({ customer: { email: 'locked@example.com', lock_email: true } });
    expectApiError(await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('other@example.com', 'X') })), 'email_locked', 'customer.email');
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: newCustomer('LOCKED@example.com', 'Locked') }));
    expect(response.status).toBe(200);
    expect((await till.getConnection(response.body.connection_id)).customer.email).toBe('locked@example.com');
  });

  it('takes a country with the payment when it does not change the total', async () => {
    const session = await till.createSession();
    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: { ...newCustomer(), country: 'US' } }));
    expect(response.status).toBe(200);
    const [connection] = await till.db.query('SELECT country FROM connections WHERE connection_id = $1', [response.body.connection_id]);
    expect(connection).toStrictEqual({ country: 'US' });
  });

  it('refuses a country with the payment that would change the total, which the customer has not seen', async () => {
    const session = await till.createSession();
    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: { ...newCustomer(), country: 'DE' } }));
    expectApiError(response, 'validation_error', 'customer.country');
    expect(await paymentsOf(session.checkout_session_id)).toEqual([]);
    expect((await till.getSessionView(secretOf(session))).body.country).toBeNull();
  });

  it('rejects a country that does not exist', async () => {
    const session = await till.createSession();
    expectApiError(await till.complete(secretOf(session), newCustomerPayment({ customer: { ...newCustomer(), country: 'QQ' } })), 'validation_error', 'customer.country');
  });
});
