import { describe, expect, it } from 'vitest';
import { expectApiError, handleOf, newCustomer, secretOf, SHOP_ORIGIN_URL, useTestServer, validCard } from './support/testServer';

const till = useTestServer();

describe('GET /api/checkout/session', () => {
  it('describes a new customer’s subscription checkout', async () => {
    const session = await till.createSession();
    const response = await till.getSessionView(secretOf(session));
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      checkout_session_id: session.checkout_session_id,
      checkout_mode: 'subscription',
      status: 'open',
      merchant_name: 'Acme AI',
      customer: null,
      collects_identity: true,
      plan: {
        name: 'Pro',
        billing_interval: 'month',
        interval_count: 1,
        included_credit: '10.00',
        subscription_config_id: session.subscription_config_id,
        price: '19.00',
        seat_based: false,
        tax_behavior: 'exclusive',
      },
      bundle: null,
      custom_amount: null,
      start_date: null,
      end_date: null,
      amount_due: '19.00',
      currency: 'USD',
      connection_id: null,
      success_url: SHOP_ORIGIN_URL,
      cancel_url: SHOP_ORIGIN_URL,
      pending_url: null,
      estimate: {
        currency: 'USD',
        quantity: 1,
        unit_amount: '19.00',
        tax_behavior: 'exclusive',
        tax_rate: null,
        due_today: { subtotal: '19.00', discount: '0.00', tax: '0.00', total: '19.00' },
        next_invoice: { date: expect.any(String), amount: '19.00' },
      },
      quantity: 1,
      seat_limits: null,
      plan_options: [],
      allows_promotion_codes: false,
      promotion: null,
      prefill: { email: null, name: null },
      lock_email: false,
      country: null,
      locale: null,
      merchant_logo_url: expect.stringMatching(/^data:image\/svg\+xml,/),
      saved_card: null,
      credit_balance: null,
      credit_balance_after: null,
      // The demo merchant takes no Stripe payments: the frame's own card fields, and nothing from Stripe.
      processor: { name: 'test' },
      last_decline_code: null,
      formats: expect.any(Object),
    });
  });

  it('formats the view’s amounts, counts and next charge’s date in the customer’s languages, for the app’s first render', async () => {
    const session = await till.createSession({ locale: 'fr-CA' });
    const { body } = await till.api('GET', '/api/checkout/session', { key: secretOf(session), headers: { 'Accept-Language': 'de-at, ja;q=0.8, *;q=0.1' } });
    const next = new Date(body.estimate.next_invoice.date);
    const day = new Date(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate()).toDateString();
    // The session's locale, the customer's (canonical, as the app's chooseLocale makes them) and English, each whole.
    for (const locale of ['fr-CA', 'de-AT', 'ja', 'en']) {
      expect(body.formats).toMatchObject({
        [`${locale} USD 19.00`]: new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format('19.00' as Intl.StringNumericLiteral),
        [`${locale} USD -0.00`]: new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format('-0.00' as Intl.StringNumericLiteral),
        [`${locale} 10.00`]: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(10),
        [`${locale} 1`]: new Intl.NumberFormat(locale).format(1),
        [`${locale} ${day}`]: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(next),
      });
    }
    // Those four and no other: the wildcard names no locale.
    expect(new Set(Object.keys(body.formats).map((key) => key.split(' ')[0]))).toEqual(new Set(['fr-CA', 'de-AT', 'ja', 'en']));
  });

  it('leaves the formats out of the answer to a change, which the app formats once Intl is warm', async () => {
    const session = await till.createSession();
    const { body } = await till.api('PATCH', '/api/checkout/session', { key: secretOf(session), body: { country: 'DE' } });
    expect(body).not.toHaveProperty('formats');
  });

  it('gives the app the session’s success_url and cancel_url', async () => {
    const session = await till.createSession({
      success_url: 'https://shop.example.com/thanks?plan=pro',
      cancel_url: 'https://shop.example.com/pricing',
    });
    const { body } = await till.getSessionView(secretOf(session));
    expect(body).toMatchObject({
      success_url: 'https://shop.example.com/thanks?plan=pro',
      cancel_url: 'https://shop.example.com/pricing',
    });
  });

  it('resolves each redirect URL the merchant left out to the session’s origin_url', async () => {
    const session = await till.createSession({ origin_url: 'https://shop.example.com', success_url: 'https://shop.example.com/thanks' });
    const { body } = await till.getSessionView(secretOf(session));
    expect(body).toMatchObject({ success_url: 'https://shop.example.com/thanks', cancel_url: 'https://shop.example.com' });

    const other = await till.createSession({ cancel_url: 'https://shop.example.com/pricing' });
    expect((await till.getSessionView(secretOf(other))).body).toMatchObject({
      success_url: SHOP_ORIGIN_URL,
      cancel_url: 'https://shop.example.com/pricing',
    });
  });

  it('describes a credit bundle checkout for a returning customer, with a masked email', async () => {
    const { connectionId } = await till.subscribe(newCustomer('grace@example.com', 'Grace Hopper'));
    const { powerBundle } = await till.catalog();
    const session = await till.createBundleSession(connectionId, powerBundle.id);
    const { body } = await till.getSessionView(secretOf(session));
    expect(body).toMatchObject({
      checkout_mode: 'credit_bundle',
      status: 'open',
      customer: { name: 'Grace Hopper', email: 'g•••@example.com' },
      collects_identity: false,
      bundle: { name: 'Power pack', credit_amount: '25.00' },
      amount_due: '20.00',
      currency: 'USD',
      connection_id: connectionId,
    });
    expect(JSON.stringify(body)).not.toContain('grace@example.com');
  });

  it('shows a completed checkout as completed', async () => {
    const session = await till.createSession();
    await till.complete(secretOf(session));
    expect((await till.getSessionView(secretOf(session))).body.status).toBe('completed');
  });

  it('shows an expired checkout as expired', async () => {
    const session = await till.createSession();
    await till.expireSession(session.checkout_session_id);
    expect((await till.getSessionView(secretOf(session))).body.status).toBe('expired');
  });

  it('rejects a request without the secret as invalid_session_secret', async () => {
    expectApiError(await till.api('GET', '/api/checkout/session', { key: null }), 'invalid_session_secret');
  });

  it.each([
    ['an unknown secret', () => 'css_test_unknown'],
    ['the merchant’s API key', () => till.demo.apiKey],
    ['the session id', (id: string) => id],
  ])('rejects %s as invalid_session_secret', async (_, secretFor) => {
    const session = await till.createSession();
    expectApiError(await till.getSessionView(secretFor(session.checkout_session_id)), 'invalid_session_secret');
  });

  it('does not accept the page handle, which is in URLs, as the secret', async () => {
    const session = await till.createSession();
    expectApiError(await till.getSessionView(handleOf(secretOf(session))), 'invalid_session_secret');
  });

  it('reads the session its page names in Till-Checkout-Session', async () => {
    const session = await till.createSession();
    const headers = { 'Till-Checkout-Session': session.checkout_session_id };
    const response = await till.api('GET', '/api/checkout/session', { key: secretOf(session), headers });
    expect(response.status).toBe(200);
  });

  // A token is opaque, not signed: one pairing a session's handle (the page) with another session's secret must not
  // show the second session in the first one's page.
  it.each([
    ['GET', '/api/checkout/session', undefined],
    ['PATCH', '/api/checkout/session', { quantity: 1 }],
    ['POST', '/api/checkout/complete', { use_saved_card: true }],
  ])('refuses %s %s with the secret of another session than its page names', async (method, path, body) => {
    const [page, other] = [await till.createSession(), await till.createSession()];
    const headers = { 'Till-Checkout-Session': page.checkout_session_id };
    expectApiError(await till.api(method, path, { key: secretOf(other), headers, body }), 'invalid_session_secret');
  });

  it('does not read the secret from the query string', async () => {
    const session = await till.createSession();
    const response = await till.api('GET', `/api/checkout/session?secret=${secretOf(session)}`, { key: null });
    expectApiError(response, 'invalid_session_secret');
  });

  it('rejects completing without the secret before looking at the card', async () => {
    const response = await till.api('POST', '/api/checkout/complete', { key: null, body: { card: validCard() } });
    expectApiError(response, 'invalid_session_secret');
  });
});
