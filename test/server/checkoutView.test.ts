import { describe, expect, it } from 'vitest';
import { expectApiError, handleOf, newCustomer, secretOf, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

/** Creates a session and returns the checkout app's view of it, with the secret for further calls. */
async function viewOf(overrides: Record<string, unknown> = {}) {
  const session = await till.createSession(overrides);
  const secret = secretOf(session);
  const response = await till.getSessionView(secret);
  expect(response.status).toBe(200);
  return { session, secret, view: response.body };
}

/** The `img-src` directive of the checkout page of `session`. */
async function imageSources(session: Parameters<typeof secretOf>[0]) {
  const page = await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null });
  return page.headers.get('Content-Security-Policy')!.split('; ').find((directive) => directive.startsWith('img-src'));
}

describe('GET /api/checkout/session: issue 4', () => {
  it('shows seats and their limits for a per-seat plan', async () => {
    const { team } = await till.plans();
    const { view } = await viewOf({ subscription_config_id: team, quantity: 4 });
    expect(view).toMatchObject({
      plan: { name: 'Team', price: '12.00', seat_based: true, subscription_config_id: team },
      quantity: 4,
      seat_limits: { min_quantity: 2, max_quantity: 50 },
      amount_due: '48.00',
      estimate: { quantity: 4, unit_amount: '12.00', due_today: { total: '48.00' } },
    });
  });

  it('lists the plan options in the merchant’s order, with their prices and intervals', async () => {
    const { pro, proYearly, team } = await till.plans();
    const { view } = await viewOf({ subscription_config_ids: [proYearly, pro, team] });
    expect(view.plan_options).toStrictEqual([
      { subscription_config_id: proYearly, name: 'Pro Yearly', price: '190.00', currency: 'USD', billing_interval: 'year', interval_count: 1, included_credit: '120.00', seat_based: false },
      { subscription_config_id: pro, name: 'Pro', price: '19.00', currency: 'USD', billing_interval: 'month', interval_count: 1, included_credit: '10.00', seat_based: false },
      { subscription_config_id: team, name: 'Team', price: '12.00', currency: 'USD', billing_interval: 'month', interval_count: 1, included_credit: '20.00', seat_based: true },
    ]);
  });

  it('shows the applied promotion and its effect, and no other code', async () => {
    const { view } = await viewOf({ promotion_code: 'welcome20', allow_promotion_codes: true });
    expect(view).toMatchObject({
      allows_promotion_codes: true,
      promotion: { code: 'WELCOME20', description: '20% off the first payment', percent_off: 20, amount_off: null, duration: 'once', applies: true },
      amount_due: '15.20',
    });
    const text = JSON.stringify(view);
    for (const other of ['FIVEOFF', 'TEAM10', 'SPRING2020']) expect(text).not.toContain(other);
  });

  it('describes a fixed amount off for ever', async () => {
    const { view } = await viewOf({ promotion_code: 'FIVEOFF' });
    expect(view.promotion).toMatchObject({ description: '5.00 USD off every payment', percent_off: null, amount_off: '5.00', duration: 'forever' });
  });

  it('prefills a new customer’s details, with the email locked', async () => {
    const { view } = await viewOf({ customer: { email: 'lock@example.com', name: 'Locked In', country: 'DE', lock_email: true }, locale: 'de-DE' });
    expect(view).toMatchObject({
      customer: null,
      collects_identity: true,
      prefill: { email: 'lock@example.com', name: 'Locked In' },
      lock_email: true,
      country: 'DE',
      locale: 'de-DE',
      estimate: { tax_rate: { country: 'DE', percentage: 19 }, due_today: { tax: '3.61', total: '22.61' } },
      amount_due: '22.61',
    });
  });

  it('shows the merchant’s logo and allows an https logo’s origin, and only it, in the page’s img-src', async () => {
    const { session, view } = await viewOf();
    expect(view.merchant_logo_url).toMatch(/^data:image\/svg\+xml,/);
    await till.db.query("UPDATE merchants SET logo_url = 'https://cdn.acme.example/logo.png' WHERE merchant_id = $1", [till.demo.merchantId]);
    try {
      expect((await till.getSessionView(secretOf(session))).body.merchant_logo_url).toBe('https://cdn.acme.example/logo.png');
      expect(await imageSources(session)).toBe("img-src 'self' https://cdn.acme.example");
    } finally {
      await till.db.query('UPDATE merchants SET logo_url = $2 WHERE merchant_id = $1', [till.demo.merchantId, view.merchant_logo_url]);
    }
  });

  it('allows data: images only for a data: logo, and no other image source without a logo', async () => {
    const { session, view } = await viewOf();
    expect(await imageSources(session)).toBe("img-src 'self' data:");
    await till.db.query('UPDATE merchants SET logo_url = NULL WHERE merchant_id = $1', [till.demo.merchantId]);
    try {
      // A new session: the page request above prepared the first one's view, logo included, to match its page.
      const { session: another, view: anotherView } = await viewOf();
      expect(anotherView.merchant_logo_url).toBeNull();
      expect(await imageSources(another)).toBe("img-src 'self'");
    } finally {
      await till.db.query('UPDATE merchants SET logo_url = $2 WHERE merchant_id = $1', [till.demo.merchantId, view.merchant_logo_url]);
    }
  });

  it.each([
    ['an http logo', 'http://cdn.acme.example/logo.png'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', '/logo.png'],
    ['an https URL with credentials', 'https://user@cdn.acme.example/logo.png'],
    ['a data: URL that is not an image', 'data:text/html,<p>hi</p>'],
  ])('refuses to store %s as the merchant’s logo', async (_, logoUrl) => {
    await expect(till.db.query('UPDATE merchants SET logo_url = $2 WHERE merchant_id = $1', [till.demo.merchantId, logoUrl])).rejects.toThrow(
      /merchants_logo_url_source/,
    );
  });

  it('shows a returning customer their saved card, and the credit balance before and after a bundle', async () => {
    const { connectionId } = await till.subscribe(newCustomer('saved@example.com', 'Saved Card'));
    const { powerBundle } = await till.catalog();
    const session = await till.createBundleSession(connectionId, powerBundle.id);
    const { body: view } = await till.getSessionView(secretOf(session));
    expect(view).toMatchObject({
      customer: { name: 'Saved Card', email: 's•••@example.com' },
      collects_identity: false,
      prefill: null,
      saved_card: { brand: 'visa', last4: '4242' },
      credit_balance: '10.00',
      credit_balance_after: '35.00',
      bundle: { name: 'Power pack', credit_amount: '25.00', price: '20.00' },
      amount_due: '20.00',
    });

    await till.complete(secretOf(session), { use_saved_card: true });
    expect((await till.getSessionView(secretOf(session))).body).toMatchObject({ status: 'completed', credit_balance: '35.00', credit_balance_after: '35.00' });
  });

  it('shows no balance for a subscription, and no saved card to a new customer', async () => {
    const { view } = await viewOf();
    expect(view).toMatchObject({ saved_card: null, credit_balance: null, credit_balance_after: null });
  });

  it('shows nothing of a connection that a new customer’s prefilled email belongs to', async () => {
    await till.subscribe(newCustomer('known@example.com', 'Known Person'));
    const { view } = await viewOf({ customer: { email: 'known@example.com' } });
    expect(view).toMatchObject({ customer: null, collects_identity: true, saved_card: null, connection_id: null });
    expect(JSON.stringify(view)).not.toContain('Known Person');
  });
});

describe('PATCH /api/checkout/session', () => {
  it('changes the seats within the plan’s range and answers with the new view', async () => {
    const { team } = await till.plans();
    const { session, secret } = await viewOf({ subscription_config_id: team });
    const response = await till.updateSession(secret, { quantity: 7 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ checkout_session_id: session.checkout_session_id, quantity: 7, amount_due: '84.00' });
    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body).toMatchObject({ quantity: 7, estimate: { due_today: { total: '84.00' } } });
  });

  it.each([1, 51, 0, 2.5, '3', null])('refuses %j seats of Team, changing nothing', async (quantity) => {
    const { team } = await till.plans();
    const { secret } = await viewOf({ subscription_config_id: team, quantity: 3 });
    expectApiError(await till.updateSession(secret, { quantity }), 'validation_error', 'quantity');
    expect((await till.getSessionView(secret)).body.quantity).toBe(3);
  });

  it('refuses seats for a plan that is not per seat and for a credit bundle', async () => {
    const { secret } = await viewOf();
    expectApiError(await till.updateSession(secret, { quantity: 2 }), 'validation_error', 'quantity');
    const { connectionId } = await till.subscribe();
    const bundle = await till.createBundleSession(connectionId);
    expectApiError(await till.updateSession(secretOf(bundle), { quantity: 2 }), 'validation_error', 'quantity');
  });

  it('switches to another of the session’s plans, and back', async () => {
    const { pro, proYearly } = await till.plans();
    const { session, secret } = await viewOf({ subscription_config_ids: [pro, proYearly] });
    const yearly = await till.updateSession(secret, { subscription_config_id: proYearly });
    expect(yearly.body).toMatchObject({ plan: { name: 'Pro Yearly', billing_interval: 'year' }, amount_due: '190.00' });
    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body.subscription_config_id).toBe(proYearly);
    expect((await till.updateSession(secret, { subscription_config_id: pro })).body).toMatchObject({ plan: { name: 'Pro' }, amount_due: '19.00' });
  });

  it('keeps the seats the new plan allows when switching', async () => {
    const { pro, team } = await till.plans();
    const { secret } = await viewOf({ subscription_config_id: team, subscription_config_ids: [team, pro], quantity: 9 });
    expect((await till.updateSession(secret, { subscription_config_id: pro })).body).toMatchObject({ quantity: 1, seat_limits: null });
    expect((await till.updateSession(secret, { subscription_config_id: team })).body).toMatchObject({ quantity: 2 });
    expect((await till.updateSession(secret, { subscription_config_id: team, quantity: 5 })).body).toMatchObject({ quantity: 5, amount_due: '60.00' });
  });

  it('refuses a plan that is not one of the session’s options', async () => {
    const { pro, proYearly, team } = await till.plans();
    const { secret } = await viewOf({ subscription_config_ids: [pro, proYearly] });
    expectApiError(await till.updateSession(secret, { subscription_config_id: team }), 'validation_error', 'subscription_config_id');
    const { secret: noOptions } = await viewOf();
    expectApiError(await till.updateSession(noOptions, { subscription_config_id: proYearly }), 'validation_error', 'subscription_config_id');
  });

  it('refuses a plan the returning customer already subscribes to', async () => {
    const { connectionId } = await till.subscribe();
    const { proYearly, team } = await till.plans();
    await till.subscribeTo(proYearly, connectionId);
    const session = await till.createSession({ subscription_config_id: team, subscription_config_ids: [team, proYearly], connection_id: connectionId });
    expectApiError(await till.updateSession(secretOf(session), { subscription_config_id: proYearly }), 'already_subscribed', 'subscription_config_id');
  });

  it('applies, replaces and removes a promotion code where the merchant allows codes', async () => {
    const { secret } = await viewOf({ allow_promotion_codes: true });
    const applied = await till.updateSession(secret, { promotion_code: 'welcome20' });
    expect(applied.body).toMatchObject({ promotion: { code: 'WELCOME20', applies: true }, amount_due: '15.20' });
    expect((await till.updateSession(secret, { promotion_code: 'FIVEOFF' })).body).toMatchObject({ promotion: { code: 'FIVEOFF' }, amount_due: '14.00' });
    expect((await till.updateSession(secret, { promotion_code: null })).body).toMatchObject({ promotion: null, amount_due: '19.00' });
  });

  it.each([
    ['an unknown code', 'NOPE', 'promotion_code_not_found'],
    ['an expired code', 'SPRING2020', 'promotion_code_expired'],
    ['a code for another plan', 'TEAM10', 'promotion_code_not_applicable'],
  ] as const)('refuses %s, keeping the code already applied', async (_, code, error) => {
    const { secret } = await viewOf({ allow_promotion_codes: true, promotion_code: 'WELCOME20' });
    expectApiError(await till.updateSession(secret, { promotion_code: code }), error, 'promotion_code');
    expect((await till.getSessionView(secret)).body.promotion.code).toBe('WELCOME20');
  });

  it('refuses a fully redeemed code', async () => {
    const code = await till.insertPromotionCode({ max_redemptions: 1, times_redeemed: 1 });
    const { secret } = await viewOf({ allow_promotion_codes: true });
    expectApiError(await till.updateSession(secret, { promotion_code: code }), 'promotion_code_exhausted', 'promotion_code');
  });

  it('refuses codes, even removing one, where the merchant does not allow them', async () => {
    const { secret } = await viewOf({ promotion_code: 'WELCOME20' });
    expectApiError(await till.updateSession(secret, { promotion_code: 'FIVEOFF' }), 'promotion_codes_not_allowed', 'promotion_code');
    expectApiError(await till.updateSession(secret, { promotion_code: null }), 'promotion_codes_not_allowed', 'promotion_code');
    expect((await till.getSessionView(secret)).body.promotion.code).toBe('WELCOME20');
  });

  it('keeps a code that does not apply to the plan switched to, without its discount, until switching back', async () => {
    const { pro, team } = await till.plans();
    const { secret } = await viewOf({ subscription_config_id: team, subscription_config_ids: [team, pro], promotion_code: 'TEAM10' });
    expect((await till.updateSession(secret, { subscription_config_id: pro })).body).toMatchObject({
      promotion: { code: 'TEAM10', applies: false },
      estimate: { due_today: { discount: '0.00', total: '19.00' } },
    });
    expect((await till.updateSession(secret, { subscription_config_id: team })).body).toMatchObject({
      promotion: { code: 'TEAM10', applies: true },
      estimate: { due_today: { discount: '2.40', total: '21.60' } },
    });
  });

  it('changes the country, and with it the tax', async () => {
    const { secret } = await viewOf();
    expect((await till.updateSession(secret, { country: 'fr' })).body).toMatchObject({
      country: 'FR',
      estimate: { tax_rate: { country: 'FR', percentage: 20 }, due_today: { tax: '3.80', total: '22.80' } },
      amount_due: '22.80',
    });
    expect((await till.updateSession(secret, { country: 'US' })).body).toMatchObject({ country: 'US', estimate: { tax_rate: null }, amount_due: '19.00' });
  });

  it.each([
    ['an unknown country', { country: 'XX' }, 'country'],
    ['an unknown field', { customer: { email: 'x@example.com' } }, 'customer'],
    ['an empty promotion code', { promotion_code: '' }, 'promotion_code'],
  ])('rejects %s', async (_, body, param) => {
    const { secret } = await viewOf({ allow_promotion_codes: true });
    expectApiError(await till.updateSession(secret, body), 'validation_error', param);
  });

  it('refuses to change a completed or expired session', async () => {
    const { session, secret } = await viewOf();
    expect((await till.complete(secret)).status).toBe(200);
    expectApiError(await till.updateSession(secret, { country: 'DE' }), 'session_completed');
    const other = await till.createSession();
    await till.expireSession(other.checkout_session_id);
    expectApiError(await till.updateSession(secretOf(other), { country: 'DE' }), 'session_expired');
    expect(session.status).toBe('open');
  });

  it('needs the session secret', async () => {
    expectApiError(await till.api('PATCH', '/api/checkout/session', { key: null, body: { quantity: 2 } }), 'invalid_session_secret');
    expectApiError(await till.updateSession(till.demo.apiKey, { quantity: 2 }), 'invalid_session_secret');
  });

  it('answers malformed JSON with invalid_json', async () => {
    const { secret } = await viewOf();
    expectApiError(await till.updateSession(secret, '{"quantity":'), 'invalid_json');
  });

  it('is what the completion charges', async () => {
    const { team } = await till.plans();
    const { session, secret } = await viewOf({ subscription_config_id: team, allow_promotion_codes: true });
    const view = (await till.updateSession(secret, { quantity: 3, promotion_code: 'TEAM10', country: 'DE' })).body;
    // 3 × 12.00 = 36.00, 10 % off = 32.40, 19 % tax = 6.16 (6.156) → 38.56
    expect(view.estimate.due_today).toStrictEqual({ subtotal: '36.00', discount: '3.60', tax: '6.16', total: '38.56' });
    expect((await till.complete(secret, { customer: newCustomer(), card: validCard() })).status).toBe(200);
    const payments = await till.db.query('SELECT amount, currency FROM payments WHERE checkout_session_id = $1', [session.checkout_session_id]);
    expect(payments).toStrictEqual([{ amount: 3856, currency: 'USD' }]);
  });
});
