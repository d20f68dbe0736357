import { describe, expect, it } from 'vitest';
import { expectApiError, useTestServer } from './support/testServer';

const till = useTestServer();

async function createRate(fields: Record<string, unknown>, key?: string) {
  const response = await till.api('POST', '/v1/tax_rates', { body: { display_name: 'VAT', ...fields }, key });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('POST /v1/tax_rates', () => {
  it('creates an active rate from a percentage with decimals, kept in basis points', async () => {
    const response = await till.api('POST', '/v1/tax_rates', { body: { country: 'nl', percentage: 7.5, display_name: ' BTW ' } });
    expect(response.status).toBe(201);
    expect(response.body).toStrictEqual({
      tax_rate_id: expect.stringMatching(/^txr_test_[0-9A-Z]{26}$/),
      livemode: false,
      country: 'NL',
      percentage: 7.5,
      display_name: 'BTW',
      active: true,
      created_at: expect.any(String),
    });
    const [row] = await till.db.query('SELECT rate_bps FROM tax_rates WHERE tax_rate_id = $1', [response.body.tax_rate_id]);
    expect(row).toStrictEqual({ rate_bps: 750 });
  });

  it.each([
    ['no country', { country: undefined, percentage: 10 }, 'country'],
    ['a country that is not ISO 3166-1', { country: 'EU', percentage: 10 }, 'country'],
    ['a three-letter country', { country: 'DEU', percentage: 10 }, 'country'],
    ['no percentage', { country: 'AT' }, 'percentage'],
    ['a negative percentage', { country: 'AT', percentage: -1 }, 'percentage'],
    ['a percentage above 100', { country: 'AT', percentage: 100.01 }, 'percentage'],
    ['a percentage of three decimals', { country: 'AT', percentage: 7.125 }, 'percentage'],
    ['a percentage as a string', { country: 'AT', percentage: '20' }, 'percentage'],
    ['no display name', { country: 'AT', percentage: 20, display_name: undefined }, 'display_name'],
    ['a blank display name', { country: 'AT', percentage: 20, display_name: '   ' }, 'display_name'],
    ['a display name of 101 characters', { country: 'AT', percentage: 20, display_name: 'x'.repeat(101) }, 'display_name'],
    ['active as a string', { country: 'AT', percentage: 20, active: 'true' }, 'active'],
    ['an unknown field', { country: 'AT', percentage: 20, rate_bps: 2000 }, 'rate_bps'],
  ])('refuses %s', async (_, fields, param) => {
    expectApiError(await till.api('POST', '/v1/tax_rates', { body: { display_name: 'USt.', ...fields } }), 'validation_error', param);
  });

  it('refuses a second active rate for a country, but takes an inactive one', async () => {
    expectApiError(await till.api('POST', '/v1/tax_rates', { body: { country: 'DE', percentage: 7, display_name: 'MwSt.' } }), 'tax_rate_exists', 'country');
    expect(await createRate({ country: 'DE', percentage: 7, active: false })).toMatchObject({ country: 'DE', percentage: 7, active: false });
  });
});

describe('GET /v1/tax_rates', () => {
  it('lists the merchant’s rates oldest first, the seeded ones included, by country and by active', async () => {
    const all = (await till.api('GET', '/v1/tax_rates?limit=100')).body;
    const ids = all.data.map((rate: { tax_rate_id: string }) => rate.tax_rate_id);
    expect(ids).toEqual([...ids].sort());
    expect(all.data).toContainEqual({
      tax_rate_id: expect.any(String), country: 'JP', percentage: 10, display_name: '消費税', active: true, created_at: expect.any(String),
      livemode: false,
    });
    const first = await createRate({ country: 'IT', percentage: 22 });
    expect((await till.api('GET', '/v1/tax_rates?country=it')).body).toStrictEqual({ data: [first], has_more: false, next_cursor: null });
    expect((await till.api('GET', `/v1/tax_rates/${first.tax_rate_id}`)).body).toStrictEqual(first);
    const page = (await till.api('GET', '/v1/tax_rates?limit=1')).body;
    expect(page).toMatchObject({ data: [all.data[0]], has_more: true, next_cursor: all.data[0].tax_rate_id });
    const inactive = (await till.api('GET', '/v1/tax_rates?active=false&limit=100')).body.data;
    expect(inactive.every((rate: { active: boolean }) => !rate.active)).toBe(true);
  });

  it.each([
    ['a country that is not one', 'country=XX', 'country'],
    ['active that is not true or false', 'active=1', 'active'],
  ])('refuses %s', async (_, query, param) => {
    expectApiError(await till.api('GET', `/v1/tax_rates?${query}`), 'validation_error', param);
  });
});

describe('PATCH /v1/tax_rates/:id', () => {
  it('renames and archives a rate, and activates it again while its country has no other', async () => {
    const rate = await createRate({ country: 'BE', percentage: 21 });
    const path = `/v1/tax_rates/${rate.tax_rate_id}`;
    expect((await till.api('PATCH', path, { body: { display_name: 'TVA/BTW', active: false } })).body).toStrictEqual({
      ...rate, display_name: 'TVA/BTW', active: false,
    });
    const replacement = await createRate({ country: 'BE', percentage: 6 });
    expectApiError(await till.api('PATCH', path, { body: { active: true } }), 'tax_rate_exists', 'active');
    await till.api('PATCH', `/v1/tax_rates/${replacement.tax_rate_id}`, { body: { active: false } });
    expect((await till.api('PATCH', path, { body: { active: true } })).body).toMatchObject({ active: true, percentage: 21 });
  });

  it.each([
    ['percentage', 20],
    ['country', 'AT'],
  ])('refuses to change the %s', async (param, value) => {
    const rate = await createRate({ country: 'PT', percentage: 23, active: false });
    const response = await till.api('PATCH', `/v1/tax_rates/${rate.tax_rate_id}`, { body: { [param]: value } });
    expectApiError(response, 'validation_error', param);
    expect(response.body.error.message).toMatch(/create a new tax rate/);
  });

  it.each([
    ['a blank display name', { display_name: '' }, 'display_name'],
    ['active as a number', { active: 0 }, 'active'],
    ['an unknown field', { rate_bps: 1 }, 'rate_bps'],
  ])('refuses %s', async (_, body, param) => {
    const rate = await createRate({ country: 'PT', percentage: 23, active: false });
    expectApiError(await till.api('PATCH', `/v1/tax_rates/${rate.tax_rate_id}`, { body }), 'validation_error', param);
  });

  it('answers 404 for an unknown id', async () => {
    expectApiError(await till.api('PATCH', '/v1/tax_rates/txr_test_missing', { body: { active: false } }), 'resource_missing', 'id');
  });
});

describe('tax rates in pricing', () => {
  it('ignores an archived rate, and prices with the rate that replaced it', async () => {
    const [seeded] = (await till.api('GET', '/v1/tax_rates?country=FR')).body.data;
    expect((await till.createSession({ customer: { country: 'FR' } })).estimate.due_today).toMatchObject({ tax: '3.80', total: '22.80' });
    await till.api('PATCH', `/v1/tax_rates/${seeded.tax_rate_id}`, { body: { active: false } });
    const untaxed = await till.createSession({ customer: { country: 'FR' } });
    expect(untaxed.estimate).toMatchObject({ tax_rate: null, due_today: { tax: '0.00', total: '19.00' } });
    await createRate({ country: 'FR', percentage: 5.5, display_name: 'TVA réduite' });
    const reduced = await till.createSession({ customer: { country: 'FR' } });
    expect(reduced.estimate).toMatchObject({
      tax_rate: { country: 'FR', percentage: 5.5, display_name: 'TVA réduite' },
      due_today: { tax: '1.05', total: '20.05' },
    });
  });
});

describe('tax rates of another merchant', () => {
  it('are missing by id and absent from lists, both ways', async () => {
    const other = await till.insertOtherMerchant();
    const ours = await createRate({ country: 'SE', percentage: 25 });
    const theirs = await createRate({ country: 'SE', percentage: 25 }, other.apiKey);
    for (const [id, key] of [[ours.tax_rate_id, other.apiKey], [theirs.tax_rate_id, undefined]] as const) {
      expectApiError(await till.api('GET', `/v1/tax_rates/${id}`, { key }), 'resource_missing', 'id');
      expectApiError(await till.api('PATCH', `/v1/tax_rates/${id}`, { key, body: { active: false } }), 'resource_missing', 'id');
    }
    expect((await till.api('GET', '/v1/tax_rates', { key: other.apiKey })).body).toStrictEqual({ data: [theirs], has_more: false, next_cursor: null });
    expect(JSON.stringify((await till.api('GET', '/v1/tax_rates?limit=100')).body)).not.toContain(theirs.tax_rate_id);
  });
});
