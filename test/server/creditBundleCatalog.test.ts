import { beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, useTestServer, type OtherMerchant } from './support/testServer';

const till = useTestServer();
let other: OtherMerchant;
let planId: string;

beforeAll(async () => {
  other = await till.insertOtherMerchant();
  planId = (await till.catalog()).configId;
});

const pack = (overrides: Record<string, unknown> = {}) => ({ subscription_config_id: planId, name: 'Mega pack', cost: '50.00', credit_amount: '75', ...overrides });

async function createBundle(body: Record<string, unknown> = pack()) {
  const response = await till.api('POST', '/v1/credit_bundles', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('POST /v1/credit_bundles', () => {
  it('creates an active bundle priced in its plan’s currency, listed with its plan', async () => {
    const bundle = await createBundle();
    expect(bundle).toStrictEqual({
      credit_bundle_id: expect.stringMatching(/^cb_test_[0-9A-Z]{26}$/),
      livemode: false,
      subscription_config_id: planId,
      name: 'Mega pack',
      cost: '50.00',
      currency: 'USD',
      credit_amount: '75.00',
      active: true,
      created_at: expect.any(String),
    });
    expect((await till.api('GET', `/v1/credit_bundles/${bundle.credit_bundle_id}`)).body).toStrictEqual(bundle);
    const { body: plan } = await till.api('GET', `/v1/subscription_configs/${planId}`);
    expect(plan.credit_bundles).toContainEqual(bundle);
  });

  it('prices a bundle of a yen plan in whole yen', async () => {
    const { proJpy } = await till.plans();
    expect(await createBundle(pack({ subscription_config_id: proJpy, cost: '500', active: false }))).toMatchObject({ cost: '500', currency: 'JPY', active: false });
    expectApiError(await till.api('POST', '/v1/credit_bundles', { body: pack({ subscription_config_id: proJpy, cost: '500.5' }) }), 'validation_error', 'cost');
  });

  it.each([
    ['no plan', { subscription_config_id: undefined }, 'subscription_config_id'],
    ['no name', { name: undefined }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a cost as a number', { cost: 50 }, 'cost'],
    ['a cost finer than cents', { cost: '0.001' }, 'cost'],
    ['a negative cost', { cost: '-5' }, 'cost'],
    ['no credit', { credit_amount: '0' }, 'credit_amount'],
    ['negative credit', { credit_amount: '-1' }, 'credit_amount'],
    ['credit finer than hundredths', { credit_amount: '0.005' }, 'credit_amount'],
    ['active as a string', { active: 'true' }, 'active'],
    ['an unknown field', { currency: 'USD' }, 'currency'],
  ])('refuses %s, naming the field', async (_, overrides, param) => {
    expectApiError(await till.api('POST', '/v1/credit_bundles', { body: pack(overrides) }), 'validation_error', param);
  });

  it('cannot attach a bundle to another merchant’s plan, or to a plan that does not exist', async () => {
    for (const id of [other.configId, 'sc_test_missing']) {
      expectApiError(await till.api('POST', '/v1/credit_bundles', { body: pack({ subscription_config_id: id }) }), 'resource_missing', 'subscription_config_id');
    }
    const { body } = await till.api('GET', `/v1/subscription_configs/${other.configId}`, { key: other.apiKey });
    expect(body.credit_bundles).toHaveLength(1);
  });
});

describe('GET and PATCH /v1/credit_bundles/:id', () => {
  it('renames, reprices and archives a bundle no session uses', async () => {
    const bundle = await createBundle();
    const response = await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, {
      body: { name: 'Giga pack', cost: '60', credit_amount: '100.50', active: false },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toStrictEqual({ ...bundle, name: 'Giga pack', cost: '60.00', credit_amount: '100.50', active: false });
  });

  it('moves a bundle to another plan, with the cost in that plan’s currency when it differs', async () => {
    const { proYearly, proJpy } = await till.plans();
    const bundle = await createBundle();
    const moved = await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, { body: { subscription_config_id: proYearly } });
    expect(moved.body).toMatchObject({ subscription_config_id: proYearly, cost: '50.00', currency: 'USD' });
    expectApiError(await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, { body: { subscription_config_id: proJpy } }), 'validation_error', 'cost');
    const yen = await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, { body: { subscription_config_id: proJpy, cost: '7500' } });
    expect(yen.body).toMatchObject({ subscription_config_id: proJpy, cost: '7500', currency: 'JPY' });
  });

  it('refuses bad values, naming the field, and keeps the bundle as it was', async () => {
    const bundle = await createBundle();
    for (const [body, param] of [[{ cost: '1.234' }, 'cost'], [{ credit_amount: '0' }, 'credit_amount'], [{ name: '' }, 'name'], [{ active: 1 }, 'active']] as const) {
      expectApiError(await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, { body }), 'validation_error', param);
    }
    expect((await till.api('GET', `/v1/credit_bundles/${bundle.credit_bundle_id}`)).body).toStrictEqual(bundle);
  });

  it('answers 404 for an unknown id and another merchant’s bundle, and will not move a bundle to another merchant’s plan', async () => {
    for (const id of ['cb_test_missing', other.bundleId]) {
      expectApiError(await till.api('GET', `/v1/credit_bundles/${id}`), 'resource_missing', 'id');
      expectApiError(await till.api('PATCH', `/v1/credit_bundles/${id}`, { body: { active: false } }), 'resource_missing', 'id');
    }
    const bundle = await createBundle();
    expectApiError(
      await till.api('PATCH', `/v1/credit_bundles/${bundle.credit_bundle_id}`, { body: { subscription_config_id: other.configId } }),
      'resource_missing',
      'subscription_config_id',
    );
    expect((await till.api('GET', `/v1/credit_bundles/${other.bundleId}`, { key: other.apiKey })).body).toMatchObject({ active: true, name: 'Other pack' });
  });
});
