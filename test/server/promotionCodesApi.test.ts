import { describe, expect, it } from 'vitest';
import { expectApiError, newCustomerPayment, secretOf, useTestServer } from './support/testServer';

const till = useTestServer();

let codeCount = 0;
/** A code text no other test uses. */
const freshCode = (prefix = 'CODE') => `${prefix}${++codeCount}X${Date.now().toString(36).toUpperCase()}`;

async function createCode(fields: Record<string, unknown> = {}, key?: string) {
  const response = await till.api('POST', '/v1/promotion_codes', { body: { code: freshCode(), percent_off: 20, ...fields }, key });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function subscriptionRow(subscriptionId: string) {
  const [row] = await till.db.query<{ code: string | null; promotion_intervals_remaining: number | null }>(
    `SELECT p.code, s.promotion_intervals_remaining FROM subscriptions s LEFT JOIN promotion_codes p USING (promotion_code_id)
     WHERE s.subscription_id = $1`,
    [subscriptionId],
  );
  return row!;
}

describe('POST /v1/promotion_codes', () => {
  it('creates a percentage code, kept upper-case, active, with every field', async () => {
    const code = freshCode('spring');
    const response = await till.api('POST', '/v1/promotion_codes', { body: { code: code.toLowerCase(), percent_off: 15 } });
    expect(response.status).toBe(201);
    expect(response.body).toStrictEqual({
      promotion_code_id: expect.stringMatching(/^promo_test_/),
      livemode: false,
      code: code.toUpperCase(),
      percent_off: 15,
      amount_off: null,
      currency: null,
      duration: 'once',
      duration_in_intervals: null,
      max_redemptions: null,
      times_redeemed: 0,
      expires_at: null,
      subscription_config_ids: [],
      active: true,
      created_at: expect.any(String),
    });
  });

  it('creates a fixed amount in its currency, and a repeating code for some of the merchant’s plans', async () => {
    const { pro, proYearly } = await till.plans();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const body = await createCode({
      percent_off: undefined, amount_off: '5.5', currency: 'usd', duration: 'repeating', duration_in_intervals: 3,
      max_redemptions: 10, expires_at: expiresAt, subscription_config_ids: [proYearly, pro], active: false,
    });
    expect(body).toMatchObject({
      amount_off: '5.50', currency: 'USD', duration: 'repeating', duration_in_intervals: 3, max_redemptions: 10,
      expires_at: expiresAt, subscription_config_ids: [pro, proYearly].sort(), active: false,
    });
    expect((await createCode({ percent_off: undefined, amount_off: '500', currency: 'JPY' })).amount_off).toBe('500');
  });

  it.each([
    ['no code', { code: undefined }, 'code'],
    ['a code with a space', { code: 'TWO WORDS' }, 'code'],
    ['a code with a letter beyond ASCII', { code: 'STRAßE' }, 'code'],
    ['a code of 65 characters', { code: 'A'.repeat(65) }, 'code'],
    ['no discount', { percent_off: undefined }, 'percent_off'],
    ['a percentage of 0', { percent_off: 0 }, 'percent_off'],
    ['a percentage above 100', { percent_off: 101 }, 'percent_off'],
    ['a fractional percentage', { percent_off: 12.5 }, 'percent_off'],
    ['a percentage and an amount', { amount_off: '5.00', currency: 'USD' }, 'amount_off'],
    ['an amount without its currency', { percent_off: undefined, amount_off: '5.00' }, 'currency'],
    ['a currency with a percentage', { currency: 'USD' }, 'currency'],
    ['an unknown currency', { percent_off: undefined, amount_off: '5.00', currency: 'XYZ' }, 'currency'],
    ['an amount as a number', { percent_off: undefined, amount_off: 5, currency: 'USD' }, 'amount_off'],
    ['an amount of zero', { percent_off: undefined, amount_off: '0.00', currency: 'USD' }, 'amount_off'],
    ['a negative amount', { percent_off: undefined, amount_off: '-5', currency: 'USD' }, 'amount_off'],
    ['more decimals than the currency has', { percent_off: undefined, amount_off: '5.5', currency: 'JPY' }, 'amount_off'],
    ['an amount of more than 8 digits', { percent_off: undefined, amount_off: '1000000.00', currency: 'USD' }, 'amount_off'],
    ['an unknown duration', { duration: 'weekly' }, 'duration'],
    ['repeating without its count', { duration: 'repeating' }, 'duration_in_intervals'],
    ['a count without repeating', { duration: 'forever', duration_in_intervals: 3 }, 'duration_in_intervals'],
    ['a count of zero', { duration: 'repeating', duration_in_intervals: 0 }, 'duration_in_intervals'],
    ['a fractional count', { duration: 'repeating', duration_in_intervals: 1.5 }, 'duration_in_intervals'],
    ['no redemptions allowed', { max_redemptions: 0 }, 'max_redemptions'],
    ['an expiry in the past', { expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
    ['an expiry that is not a date', { expires_at: 'tomorrow' }, 'expires_at'],
    ['an expiry that is in year 10000 in UTC', { expires_at: '9999-12-31T23:59:59-23:59' }, 'expires_at'],
    ['a plan named twice', { subscription_config_ids: ['sc_a', 'sc_a'] }, 'subscription_config_ids'],
    ['plans that are not a list', { subscription_config_ids: 'sc_a' }, 'subscription_config_ids'],
    ['active as a string', { active: 'yes' }, 'active'],
    ['an unknown field', { coupon: 'X' }, 'coupon'],
  ])('refuses %s', async (_, fields, param) => {
    const response = await till.api('POST', '/v1/promotion_codes', { body: { code: freshCode(), percent_off: 20, ...fields } });
    expectApiError(response, 'validation_error', param);
  });

  it('refuses a code the merchant has already, in any case and even when archived', async () => {
    const existing = await createCode({ active: false });
    const response = await till.api('POST', '/v1/promotion_codes', { body: { code: existing.code.toLowerCase(), percent_off: 50 } });
    expectApiError(response, 'promotion_code_exists', 'code');
    expectApiError(await till.api('POST', '/v1/promotion_codes', { body: { code: 'welcome20', percent_off: 5 } }), 'promotion_code_exists', 'code');
  });

  it('refuses a plan that does not exist or is another merchant’s, naming it', async () => {
    const other = await till.insertOtherMerchant();
    const { pro } = await till.plans();
    for (const configId of ['sc_test_missing', other.configId]) {
      const response = await till.api('POST', '/v1/promotion_codes', { body: { code: freshCode(), percent_off: 20, subscription_config_ids: [pro, configId] } });
      expectApiError(response, 'resource_missing', 'subscription_config_ids.1');
    }
  });

  it('refuses a fixed amount for a plan priced in another currency', async () => {
    const { proJpy } = await till.plans();
    const response = await till.api('POST', '/v1/promotion_codes', {
      body: { code: freshCode(), amount_off: '5.00', currency: 'USD', subscription_config_ids: [proJpy] },
    });
    expectApiError(response, 'validation_error', 'subscription_config_ids.0');
  });
});

describe('GET /v1/promotion_codes', () => {
  it('gets a code by id, with its redemptions counted', async () => {
    const created = await createCode();
    const session = await till.createSession({ promotion_code: created.code });
    expect((await till.complete(secretOf(session))).status).toBe(200);
    const response = await till.api('GET', `/v1/promotion_codes/${created.promotion_code_id}`);
    expect(response.body).toStrictEqual({ ...created, times_redeemed: 1 });
  });

  it('lists the merchant’s codes oldest first, a page at a time, by active and by code', async () => {
    const [first, second] = [await createCode(), await createCode({ active: false })];
    const all = (await till.api('GET', '/v1/promotion_codes?limit=100')).body;
    expect(all.data.map((code: { code: string }) => code.code)).toEqual(expect.arrayContaining(['WELCOME20', 'FIVEOFF', first.code, second.code]));
    const ids = all.data.map((code: { promotion_code_id: string }) => code.promotion_code_id);
    expect(ids).toEqual([...ids].sort());

    const page = (await till.api('GET', `/v1/promotion_codes?limit=1&cursor=${first.promotion_code_id}`)).body;
    expect(page).toStrictEqual({ data: [second], has_more: expect.any(Boolean), next_cursor: page.has_more ? second.promotion_code_id : null });
    const inactive = (await till.api('GET', '/v1/promotion_codes?active=false&limit=100')).body.data;
    expect(inactive.every((code: { active: boolean }) => !code.active)).toBe(true);
    expect(inactive).toContainEqual(second);
    expect((await till.api('GET', `/v1/promotion_codes?code=${first.code.toLowerCase()}`)).body.data).toStrictEqual([first]);
  });

  it.each([
    ['a limit above 100', 'limit=101', 'limit'],
    ['active that is not true or false', 'active=yes', 'active'],
    ['an unknown filter', 'percent_off=20', 'percent_off'],
  ])('refuses %s', async (_, query, param) => {
    expectApiError(await till.api('GET', `/v1/promotion_codes?${query}`), 'validation_error', param);
  });
});

describe('PATCH /v1/promotion_codes/:id', () => {
  it('archives a code and activates it again, and changes or lifts its limits', async () => {
    const created = await createCode({ max_redemptions: 5 });
    const path = `/v1/promotion_codes/${created.promotion_code_id}`;
    expect((await till.api('PATCH', path, { body: { active: false } })).body).toStrictEqual({ ...created, active: false });
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const changed = await till.api('PATCH', path, { body: { active: true, max_redemptions: 2, expires_at: expiresAt } });
    expect(changed.body).toStrictEqual({ ...created, max_redemptions: 2, expires_at: expiresAt });
    const lifted = await till.api('PATCH', path, { body: { max_redemptions: null, expires_at: null } });
    expect(lifted.body).toStrictEqual({ ...created, max_redemptions: null });
    expect((await till.api('GET', path)).body).toStrictEqual(lifted.body);
  });

  it('refuses a limit below the redemptions made', async () => {
    const created = await createCode();
    const session = await till.createSession({ promotion_code: created.code });
    await till.complete(secretOf(session));
    await till.complete(secretOf(await till.createSession({ promotion_code: created.code })));
    const path = `/v1/promotion_codes/${created.promotion_code_id}`;
    expectApiError(await till.api('PATCH', path, { body: { max_redemptions: 1 } }), 'validation_error', 'max_redemptions');
    expect((await till.api('PATCH', path, { body: { max_redemptions: 2 } })).body).toMatchObject({ max_redemptions: 2, times_redeemed: 2 });
  });

  it.each([
    ['code', 'OTHER'],
    ['percent_off', 50],
    ['amount_off', '5.00'],
    ['currency', 'USD'],
    ['duration', 'forever'],
    ['duration_in_intervals', 3],
    ['subscription_config_ids', []],
  ])('refuses to change the discount’s %s', async (param, value) => {
    const created = await createCode();
    const response = await till.api('PATCH', `/v1/promotion_codes/${created.promotion_code_id}`, { body: { [param]: value } });
    expectApiError(response, 'validation_error', param);
    expect(response.body.error.message).toMatch(/create a new promotion code/);
  });

  it.each([
    ['active as a string', { active: 'no' }, 'active'],
    ['no redemptions allowed', { max_redemptions: 0 }, 'max_redemptions'],
    ['an expiry in the past', { expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
    ['an expiry that is in year 10000 in UTC', { expires_at: '9999-12-31T23:59:59-23:59' }, 'expires_at'],
    ['an unknown field', { times_redeemed: 0 }, 'times_redeemed'],
  ])('refuses %s', async (_, body, param) => {
    const created = await createCode();
    expectApiError(await till.api('PATCH', `/v1/promotion_codes/${created.promotion_code_id}`, { body }), 'validation_error', param);
  });

  it('answers 404 for an unknown id', async () => {
    expectApiError(await till.api('PATCH', '/v1/promotion_codes/promo_test_missing', { body: { active: false } }), 'resource_missing', 'id');
  });
});

describe('promotion codes of another merchant', () => {
  it('are missing by id and absent from lists, both ways', async () => {
    const other = await till.insertOtherMerchant();
    const ours = await createCode();
    const theirs = await createCode({}, other.apiKey);
    for (const [id, key] of [[ours.promotion_code_id, other.apiKey], [theirs.promotion_code_id, undefined]] as const) {
      expectApiError(await till.api('GET', `/v1/promotion_codes/${id}`, { key }), 'resource_missing', 'id');
      expectApiError(await till.api('PATCH', `/v1/promotion_codes/${id}`, { key, body: { active: false } }), 'resource_missing', 'id');
    }
    expect((await till.api('GET', '/v1/promotion_codes', { key: other.apiKey })).body).toStrictEqual({ data: [theirs], has_more: false, next_cursor: null });
    expect(JSON.stringify((await till.api('GET', '/v1/promotion_codes?limit=100')).body)).not.toContain(theirs.promotion_code_id);
    // The same text is another merchant's own code, not a duplicate.
    expect((await till.api('POST', '/v1/promotion_codes', { key: other.apiKey, body: { code: ours.code, percent_off: 5 } })).status).toBe(201);
  });
});

describe('an archived promotion code', () => {
  it('is not found when a session is created with it, and applies again once active', async () => {
    const created = await createCode({ active: false });
    const response = await till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody({ promotion_code: created.code }) });
    expectApiError(response, 'promotion_code_not_found', 'promotion_code');
    await till.api('PATCH', `/v1/promotion_codes/${created.promotion_code_id}`, { body: { active: true } });
    expect((await till.createSession({ promotion_code: created.code })).estimate.due_today.discount).toBe('3.80');
  });

  it('is not found when the customer enters it in the checkout', async () => {
    const created = await createCode();
    await till.api('PATCH', `/v1/promotion_codes/${created.promotion_code_id}`, { body: { active: false } });
    const session = await till.createSession({ allow_promotion_codes: true });
    expectApiError(await till.updateSession(secretOf(session), { promotion_code: created.code }), 'promotion_code_not_found', 'promotion_code');
  });
});

describe('a repeating promotion code', () => {
  it('discounts today and the next invoice, and the subscription keeps the payments it still discounts', async () => {
    const created = await createCode({ percent_off: 50, duration: 'repeating', duration_in_intervals: 3 });
    const session = await till.createSession({ promotion_code: created.code, customer: { country: 'DE' } });
    expect(session.estimate.due_today).toStrictEqual({ subtotal: '19.00', discount: '9.50', tax: '1.81', total: '11.31' });
    expect(session.estimate.next_invoice?.amount).toBe('11.31');
    const view = (await till.getSessionView(secretOf(session))).body;
    expect(view.promotion).toMatchObject({ duration: 'repeating', duration_in_intervals: 3, description: '50% off the first 3 payments' });

    const response = await till.complete(secretOf(session), newCustomerPayment({ customer: { ...newCustomerPayment().customer, country: 'DE' } }));
    expect(response.status).toBe(200);
    expect(await subscriptionRow(response.body.subscription_id)).toStrictEqual({ code: created.code, promotion_intervals_remaining: 2 });
  });

  it('of one interval discounts only today, and is not kept', async () => {
    const created = await createCode({ percent_off: 50, duration: 'repeating', duration_in_intervals: 1 });
    const session = await till.createSession({ promotion_code: created.code });
    expect(session.estimate.due_today.total).toBe('9.50');
    expect(session.estimate.next_invoice?.amount).toBe('19.00');
    const response = await till.complete(secretOf(session));
    expect(await subscriptionRow(response.body.subscription_id)).toStrictEqual({ code: null, promotion_intervals_remaining: null });
  });

  it('leaves a forever code kept without a count', async () => {
    const created = await createCode({ duration: 'forever' });
    const response = await till.complete(secretOf(await till.createSession({ promotion_code: created.code })));
    expect(await subscriptionRow(response.body.subscription_id)).toStrictEqual({ code: created.code, promotion_intervals_remaining: null });
  });
});
