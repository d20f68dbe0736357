import { describe, expect, it } from 'vitest';
import { expectApiError, secretOf, SHOP_ORIGIN_URL, useTestServer } from './support/testServer';

const till = useTestServer();

const HOUR_MS = 60 * 60 * 1000;

async function postSession(overrides: Record<string, unknown>) {
  return till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody(overrides) });
}

describe('POST /v1/checkout_sessions: what a session can ask for', () => {
  it('returns the new fields with their defaults when none is given', async () => {
    const session = await till.createSession();
    expect(session).toMatchObject({
      customer: null,
      quantity: 1,
      subscription_config_ids: null,
      allow_promotion_codes: false,
      promotion_code: null,
      currency: 'USD',
      locale: null,
      metadata: {},
      reference_id: null,
      attribution: null,
    });
  });

  it('returns every field as given, and again from GET', async () => {
    const { pro, proYearly } = await till.plans();
    const code = await till.insertPromotionCode({ percent_off: 10 });
    const fields = {
      subscription_config_id: pro,
      customer: { email: 'prefill@example.com', name: 'Pre Filled', country: 'DE', lock_email: true },
      subscription_config_ids: [pro, proYearly],
      allow_promotion_codes: true,
      promotion_code: code,
      currency: 'USD',
      locale: 'de-DE',
      metadata: { order_ref: 'ABC-123', source: 'pricing_page' },
      reference_id: 'user_42',
      attribution: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring', utm_term: 'ai', utm_content: 'hero' },
    };
    const session = await till.createSession(fields);
    expect(session).toMatchObject({ ...fields, promotion_code: code });
    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body).toMatchObject({ ...fields, promotion_code: code });
  });

  describe('customer', () => {
    it('keeps the email and name trimmed and the country upper-case', async () => {
      const session = await till.createSession({ customer: { email: ' a@example.com ', name: ' Ann ', country: 'fr' } });
      expect(session.customer).toStrictEqual({ email: 'a@example.com', name: 'Ann', country: 'FR', lock_email: false, ip_country: null });
    });

    it.each([
      ['an invalid email', { email: 'nope' }, 'customer.email'],
      ['an empty name', { name: ' ' }, 'customer.name'],
      ['a three-letter country', { country: 'DEU' }, 'customer.country'],
      ['a country that does not exist', { country: 'XX' }, 'customer.country'],
      ['a region that is not a country', { country: 'EU' }, 'customer.country'],
      ['lock_email without an email', { lock_email: true }, 'customer.lock_email'],
      ['an unknown field', { phone: '555' }, 'customer.phone'],
    ])('rejects %s', async (_, customer, param) => {
      expectApiError(await postSession({ customer }), 'validation_error', param);
    });

    it.each(['email', 'name', 'lock_email'])('rejects customer.%s for a returning customer, whose details are the connection’s', async (field) => {
      const { connectionId } = await till.subscribe();
      const { proYearly } = await till.plans();
      const customer = { email: 'x@example.com', name: 'X', lock_email: true };
      const response = await postSession({ subscription_config_id: proYearly, connection_id: connectionId, customer: { [field]: customer[field as keyof typeof customer] } });
      expectApiError(response, 'validation_error', `customer.${field}`);
    });

    it('takes a returning customer’s country, and otherwise the one they gave before', async () => {
      const { connectionId } = await till.subscribe();
      await till.db.query("UPDATE connections SET country = 'FR' WHERE connection_id = $1", [connectionId]);
      const { proYearly } = await till.plans();
      const remembered = await till.createSession({ subscription_config_id: proYearly, connection_id: connectionId });
      expect(remembered.customer).toMatchObject({ country: 'FR' });
      const given = await till.createSession({ subscription_config_id: proYearly, connection_id: connectionId, customer: { country: 'DE' } });
      expect(given.customer).toMatchObject({ country: 'DE', email: null, name: null });
    });
  });

  describe('quantity', () => {
    it('starts a per-seat plan at its minimum', async () => {
      const { team } = await till.plans();
      expect((await till.createSession({ subscription_config_id: team })).quantity).toBe(2);
    });

    it('takes seats within the plan’s range', async () => {
      const { team } = await till.plans();
      expect((await till.createSession({ subscription_config_id: team, quantity: 2 })).quantity).toBe(2);
      expect((await till.createSession({ subscription_config_id: team, quantity: 50 })).quantity).toBe(50);
    });

    it.each([1, 51, 0, 2.5, '3'])('rejects %s seats of Team (2 to 50)', async (quantity) => {
      const { team } = await till.plans();
      expectApiError(await postSession({ subscription_config_id: team, quantity }), 'validation_error', 'quantity');
    });

    it('rejects a quantity for a plan that is not per seat, even 1', async () => {
      const response = await postSession({ quantity: 1 });
      expectApiError(response, 'validation_error', 'quantity');
      expect(response.body.error.message).toMatch(/per-seat/);
    });

    it('rejects a quantity for a credit bundle', async () => {
      const { connectionId } = await till.subscribe();
      const { starterBundle } = await till.catalog();
      const response = await till.api('POST', '/v1/checkout_sessions', {
        body: { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId, quantity: 2 },
      });
      expectApiError(response, 'validation_error', 'quantity');
    });
  });

  describe('subscription_config_ids', () => {
    it('keeps the merchant’s order', async () => {
      const { pro, proYearly, team } = await till.plans();
      const session = await till.createSession({ subscription_config_id: team, subscription_config_ids: [proYearly, team, pro] });
      expect(session.subscription_config_ids).toEqual([proYearly, team, pro]);
    });

    it('must include subscription_config_id', async () => {
      const { proYearly, team } = await till.plans();
      expectApiError(await postSession({ subscription_config_ids: [proYearly, team] }), 'validation_error', 'subscription_config_ids');
    });

    it('answers an unknown or another merchant’s plan with 404, naming its place', async () => {
      const { pro } = await till.plans();
      const other = await till.insertOtherMerchant();
      expectApiError(await postSession({ subscription_config_ids: [pro, 'sc_test_missing'] }), 'resource_missing', 'subscription_config_ids.1');
      expectApiError(await postSession({ subscription_config_ids: [other.configId, pro] }), 'resource_missing', 'subscription_config_ids.0');
    });

    it('refuses a plan in another currency', async () => {
      const { pro, proJpy } = await till.plans();
      expectApiError(await postSession({ subscription_config_ids: [pro, proJpy] }), 'validation_error', 'subscription_config_ids.1');
    });

    it.each([
      ['an empty list', []],
      ['a repeated plan', 'repeat'],
      ['a list that is not an array', 'sc_test_x'],
    ])('rejects %s', async (_, value) => {
      const { pro } = await till.plans();
      const ids = value === 'repeat' ? [pro, pro] : value;
      expectApiError(await postSession({ subscription_config_ids: ids }), 'validation_error', 'subscription_config_ids');
    });

    it('applies to subscriptions only', async () => {
      const { connectionId } = await till.subscribe();
      const { starterBundle } = await till.catalog();
      const { pro } = await till.plans();
      const response = await till.api('POST', '/v1/checkout_sessions', {
        body: { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId, subscription_config_ids: [pro] },
      });
      expectApiError(response, 'validation_error', 'subscription_config_ids');
    });
  });

  describe('promotion_code', () => {
    it('finds a code in any case', async () => {
      const code = await till.insertPromotionCode();
      expect((await till.createSession({ promotion_code: ` ${code.toLowerCase()} ` })).promotion_code).toBe(code);
    });

    it('is applied whether or not the customer may enter codes', async () => {
      const code = await till.insertPromotionCode();
      const session = await till.createSession({ promotion_code: code });
      expect(session).toMatchObject({ promotion_code: code, allow_promotion_codes: false });
    });

    it('answers an unknown code with 404 promotion_code_not_found', async () => {
      const response = await postSession({ promotion_code: 'NOSUCHCODE' });
      expectApiError(response, 'promotion_code_not_found', 'promotion_code');
      expect(response.body.error.message).toBe("The promotion code 'NOSUCHCODE' does not exist.");
    });

    it('does not find another merchant’s code', async () => {
      const other = await till.insertOtherMerchant();
      const code = await till.insertPromotionCode({ merchantId: other.merchantId });
      expectApiError(await postSession({ promotion_code: code }), 'promotion_code_not_found', 'promotion_code');
    });

    it('answers an expired code with promotion_code_expired', async () => {
      const code = await till.insertPromotionCode({ expires_at: new Date(Date.now() - 1000) });
      expectApiError(await postSession({ promotion_code: code }), 'promotion_code_expired', 'promotion_code');
      expectApiError(await postSession({ promotion_code: 'SPRING2020' }), 'promotion_code_expired', 'promotion_code');
    });

    it('accepts a code that expires later', async () => {
      const code = await till.insertPromotionCode({ expires_at: new Date(Date.now() + HOUR_MS) });
      expect((await till.createSession({ promotion_code: code })).promotion_code).toBe(code);
    });

    it('answers a fully redeemed code with promotion_code_exhausted', async () => {
      const code = await till.insertPromotionCode({ max_redemptions: 2, times_redeemed: 2 });
      expectApiError(await postSession({ promotion_code: code }), 'promotion_code_exhausted', 'promotion_code');
    });

    it('answers a code restricted to other plans with promotion_code_not_applicable', async () => {
      const { pro, team } = await till.plans();
      expectApiError(await postSession({ subscription_config_id: pro, promotion_code: 'TEAM10' }), 'promotion_code_not_applicable', 'promotion_code');
      expect((await till.createSession({ subscription_config_id: team, promotion_code: 'TEAM10' })).promotion_code).toBe('TEAM10');
    });

    it('answers a fixed amount in another currency with promotion_code_not_applicable', async () => {
      const { proJpy } = await till.plans();
      expectApiError(await postSession({ subscription_config_id: proJpy, promotion_code: 'FIVEOFF' }), 'promotion_code_not_applicable', 'promotion_code');
    });

    it('applies to subscriptions only', async () => {
      const { connectionId } = await till.subscribe();
      const { starterBundle } = await till.catalog();
      const bundleBody = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId };
      expectApiError(await till.api('POST', '/v1/checkout_sessions', { body: { ...bundleBody, promotion_code: 'WELCOME20' } }), 'validation_error', 'promotion_code');
      expectApiError(await till.api('POST', '/v1/checkout_sessions', { body: { ...bundleBody, allow_promotion_codes: true } }), 'validation_error', 'allow_promotion_codes');
      expect((await till.api('POST', '/v1/checkout_sessions', { body: { ...bundleBody, allow_promotion_codes: false } })).status).toBe(201);
    });

    it('rejects a code that is not a string', async () => {
      expectApiError(await postSession({ promotion_code: 20 }), 'validation_error', 'promotion_code');
    });
  });

  describe('currency', () => {
    it('accepts the plan’s own currency in any case', async () => {
      expect((await till.createSession({ currency: 'usd' })).currency).toBe('USD');
    });

    it('rejects another currency, naming both', async () => {
      const response = await postSession({ currency: 'EUR' });
      expectApiError(response, 'validation_error', 'currency');
      expect(response.body.error.message).toBe("'currency' is EUR, but the plan is priced in USD.");
    });

    it('checks a credit bundle’s currency, which is its plan’s', async () => {
      const { connectionId } = await till.subscribe();
      const { starterBundle } = await till.catalog();
      const body = { checkout_mode: 'credit_bundle', origin_url: SHOP_ORIGIN_URL, credit_bundle_id: starterBundle.id, connection_id: connectionId };
      expectApiError(await till.api('POST', '/v1/checkout_sessions', { body: { ...body, currency: 'JPY' } }), 'validation_error', 'currency');
      expect((await till.api('POST', '/v1/checkout_sessions', { body: { ...body, currency: 'USD' } })).status).toBe(201);
    });

    it.each(['US', 'DOLLARS', 'XYZ', 1])('rejects %s as not an ISO 4217 code', async (currency) => {
      expectApiError(await postSession({ currency }), 'validation_error', 'currency');
    });
  });

  describe('locale', () => {
    it.each([
      ['de-DE', 'de-DE'],
      ['de-de', 'de-DE'],
      ['ja', 'ja'],
      ['zh-hant-tw', 'zh-Hant-TW'],
    ])('keeps %s as %s', async (locale, canonical) => {
      expect((await till.createSession({ locale })).locale).toBe(canonical);
    });

    it.each(['en_US', 'not a locale', '', 'x'.repeat(36)])('rejects %j', async (locale) => {
      expectApiError(await postSession({ locale }), 'validation_error', 'locale');
    });
  });

  describe('metadata', () => {
    it('comes back exactly as sent', async () => {
      const metadata = { order_ref: 'ABC-123', 'with spaces': 'and ünïcödé ✓', empty: '', json: '{"a":1}' };
      const session = await till.createSession({ metadata });
      expect(session.metadata).toStrictEqual(metadata);
      expect(Object.keys(session.metadata)).toEqual(Object.keys(metadata));
    });

    it('takes 50 keys of 40 characters with values of 500', async () => {
      const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${String(i).padStart(2, '0')}${'k'.repeat(38)}`, 'v'.repeat(500)]));
      expect((await till.createSession({ metadata })).metadata).toStrictEqual(metadata);
    });

    it.each([
      ['51 keys', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), 'metadata'],
      ['a key of 41 characters', { ['k'.repeat(41)]: 'v' }, `metadata.${'k'.repeat(41)}`],
      ['an empty key', { '': 'v' }, 'metadata.'],
      ['a value of 501 characters', { note: 'v'.repeat(501) }, 'metadata.note'],
      ['a number as a value', { count: 3 }, 'metadata.count'],
      ['a nested object', { nested: { a: 'b' } }, 'metadata.nested'],
      ['an array', ['a'], 'metadata'],
    ])('rejects %s', async (_, metadata, param) => {
      expectApiError(await postSession({ metadata }), 'validation_error', param);
    });

    it('rejects __proto__ as a key rather than dropping it', async () => {
      const body = JSON.stringify({ ...(await till.sessionBody()), metadata: {} }).replace('"metadata":{}', '"metadata":{"__proto__":"x"}');
      expectApiError(await till.api('POST', '/v1/checkout_sessions', { body }), 'validation_error', 'metadata.__proto__');
    });
  });

  describe('reference_id and attribution', () => {
    it('takes some of the utm fields', async () => {
      const session = await till.createSession({ attribution: { utm_source: 'x' } });
      expect(session.attribution).toStrictEqual({ utm_source: 'x' });
    });

    it.each([
      ['an unknown attribution field', { attribution: { gclid: 'x' } }, 'attribution.gclid'],
      ['an empty utm value', { attribution: { utm_source: '' } }, 'attribution.utm_source'],
      ['an empty reference_id', { reference_id: '' }, 'reference_id'],
      ['a reference_id of 201 characters', { reference_id: 'r'.repeat(201) }, 'reference_id'],
    ])('rejects %s', async (_, overrides, param) => {
      expectApiError(await postSession(overrides), 'validation_error', param);
    });
  });

  describe('expires_at', () => {
    it('defaults to 24 hours', async () => {
      const session = await till.createSession();
      expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(24 * HOUR_MS);
    });

    it('takes a time within 24 hours, with an offset', async () => {
      const at = new Date(Date.now() + 2 * HOUR_MS);
      at.setUTCMilliseconds(0);
      const withOffset = at.toISOString().replace(/\.000Z$/, '+00:00');
      expect((await till.createSession({ expires_at: withOffset })).expires_at).toBe(at.toISOString());
    });

    it('takes a time 23 h 59 min away', async () => {
      const at = new Date(Date.now() + 24 * HOUR_MS - 60_000).toISOString();
      expect((await till.createSession({ expires_at: at })).expires_at).toBe(at);
    });

    it.each([
      ['in the past', () => new Date(Date.now() - 60_000).toISOString()],
      ['more than 24 hours away', () => new Date(Date.now() + 24 * HOUR_MS + 60_000).toISOString()],
      ['a date without a time', () => '2030-01-01'],
      ['not a date', () => 'tomorrow'],
    ])('rejects a time %s', async (_, at) => {
      expectApiError(await postSession({ expires_at: at() }), 'validation_error', 'expires_at');
    });

    it('makes the session expire then', async () => {
      const session = await till.createSession({ expires_at: new Date(Date.now() + 60_000).toISOString() });
      expect((await till.getSessionView(secretOf(session))).body.status).toBe('open');
      await till.db.query("UPDATE checkout_sessions SET expires_at = now() - interval '1 second' WHERE checkout_session_id = $1", [session.checkout_session_id]);
      expect((await till.getSessionView(secretOf(session))).body.status).toBe('expired');
    });
  });
});

describe('optional fields sent as null (seeds 001 and 002)', () => {
  it('takes null as absent, at the top level and inside customer and attribution', async () => {
    const nulls = {
      success_url: null, cancel_url: null, pending_url: null, connection_id: null, quantity: null, subscription_config_ids: null,
      allow_promotion_codes: null, promotion_code: null, currency: null, locale: null, metadata: null, reference_id: null,
      expires_at: null, customer: { email: 'nully@example.com', name: null, country: null, lock_email: null }, attribution: { utm_source: 'seed', utm_medium: null },
    };
    const response = await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody(nulls) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      success_url: null, pending_url: null, quantity: 1, metadata: {}, locale: null,
      customer: { email: 'nully@example.com', name: null, country: null, lock_email: false },
      attribution: { utm_source: 'seed' },
    });
  });

  it('still refuses a required field sent as null, naming it', async () => {
    expectApiError(await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody({ checkout_mode: null }) }), 'validation_error', 'checkout_mode');
  });
});

describe('pending_url (seed 001)', () => {
  it('is kept and returned', async () => {
    const session = await till.createSession({ pending_url: 'https://shop.example.com/checkout/pending?order=7' });
    expect(session.pending_url).toBe('https://shop.example.com/checkout/pending?order=7');
    expect((await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`)).body.pending_url).toBe(session.pending_url);
  });

  it.each(['/relative', 'javascript:alert(1)', 'https://user:pw@shop.example.com/', `https://shop.example.com/${'x'.repeat(2100)}`])(
    'refuses %s',
    async (pendingUrl) => {
      expectApiError(await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody({ pending_url: pendingUrl }) }), 'validation_error', 'pending_url');
    },
  );
});
