import { beforeAll, describe, expect, it } from 'vitest';
import { addBillingInterval } from '../../src/server/addBillingInterval';
import { expectApiError, newCustomerPayment, secretOf, useTestServer, type OtherMerchant } from './support/testServer';

const till = useTestServer();
let other: OtherMerchant;

beforeAll(async () => {
  other = await till.insertOtherMerchant();
});

/** A quarterly plan (seed 003's THREE_MONTHS) with `overrides` merged in. */
const quarterly = (overrides: Record<string, unknown> = {}) => ({
  name: 'Pro Quarterly',
  period_amount: '57.00',
  currency: 'USD',
  billing_interval: 'month',
  interval_count: 3,
  ...overrides,
});

async function createPlan(body: Record<string, unknown> = quarterly()) {
  const response = await till.api('POST', '/v1/subscription_configs', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('POST /v1/subscription_configs', () => {
  it('creates an active plan with the defaults for what was not sent', async () => {
    const plan = await createPlan();
    expect(plan).toStrictEqual({
      subscription_config_id: expect.stringMatching(/^sc_test_[0-9A-Z]{26}$/),
      livemode: false,
      name: 'Pro Quarterly',
      period_amount: '57.00',
      currency: 'USD',
      billing_interval: 'month',
      interval_count: 3,
      included_credit: '0.00',
      seat_based: false,
      min_quantity: 1,
      max_quantity: 1,
      tax_behavior: 'exclusive',
      active: true,
      credit_bundles: [],
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const { body: fetched } = await till.api('GET', `/v1/subscription_configs/${plan.subscription_config_id}`);
    expect(fetched).toStrictEqual(plan);
  });

  it('creates a per-seat plan priced in yen, tax included, with credit and a seat range', async () => {
    const plan = await createPlan({
      name: 'Team (JPY)', period_amount: '1200', currency: 'jpy', billing_interval: 'year', included_credit: '12.5',
      tax_behavior: 'inclusive', seat_based: true, min_quantity: 2, max_quantity: 25, active: false,
    });
    expect(plan).toMatchObject({
      period_amount: '1200', currency: 'JPY', billing_interval: 'year', interval_count: 1, included_credit: '12.50',
      tax_behavior: 'inclusive', seat_based: true, min_quantity: 2, max_quantity: 25, active: false,
    });
  });

  it('gives a per-seat plan 1 to 10,000 seats unless told otherwise', async () => {
    expect(await createPlan(quarterly({ seat_based: true }))).toMatchObject({ min_quantity: 1, max_quantity: 10_000 });
  });

  it('lists a new plan with the others, and never for another merchant', async () => {
    const plan = await createPlan();
    const { body: mine } = await till.api('GET', '/v1/subscription_configs?limit=100');
    expect(mine.data).toContainEqual(plan);
    const { body: theirs } = await till.api('GET', '/v1/subscription_configs?limit=100', { key: other.apiKey });
    expect(theirs.data.map((config: { subscription_config_id: string }) => config.subscription_config_id)).toEqual([other.configId]);
  });

  it.each([
    ['no name', { name: undefined }, 'name'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name'],
    ['no price', { period_amount: undefined }, 'period_amount'],
    ['a price as a number', { period_amount: 57 }, 'period_amount'],
    ['a price with more digits than cents', { period_amount: '57.001' }, 'period_amount'],
    ['a negative price', { period_amount: '-1.00' }, 'period_amount'],
    ['a price in exponent notation', { period_amount: '1e3' }, 'period_amount'],
    ['a price above 999,999.99', { period_amount: '1000000.00' }, 'period_amount'],
    ['a yen price with a fraction', { currency: 'JPY', period_amount: '2900.5' }, 'period_amount'],
    ['an unknown currency', { currency: 'ABC' }, 'currency'],
    ['an unknown interval', { billing_interval: 'fortnight' }, 'billing_interval'],
    ['no interval', { billing_interval: undefined }, 'billing_interval'],
    ['an interval count of 0', { interval_count: 0 }, 'interval_count'],
    ['a fractional interval count', { interval_count: 1.5 }, 'interval_count'],
    ['an interval count as a string', { interval_count: '3' }, 'interval_count'],
    ['a period of 37 months', { interval_count: 37 }, 'interval_count'],
    ['a period of 4 years', { billing_interval: 'year', interval_count: 4 }, 'interval_count'],
    ['a period of 157 weeks', { billing_interval: 'week', interval_count: 157 }, 'interval_count'],
    ['a period of 1,096 days', { billing_interval: 'day', interval_count: 1096 }, 'interval_count'],
    ['negative included credit', { included_credit: '-5' }, 'included_credit'],
    ['included credit finer than hundredths', { included_credit: '1.234' }, 'included_credit'],
    ['an unknown tax behavior', { tax_behavior: 'sometimes' }, 'tax_behavior'],
    ['seat_based as a string', { seat_based: 'yes' }, 'seat_based'],
    ['a minimum of seats on a plan that is not per seat', { min_quantity: 2 }, 'min_quantity'],
    ['a maximum of seats on a plan that is not per seat', { max_quantity: 5 }, 'max_quantity'],
    ['a maximum below the minimum', { seat_based: true, min_quantity: 5, max_quantity: 2 }, 'max_quantity'],
    ['a minimum above the default maximum', { seat_based: true, min_quantity: 10_001 }, 'min_quantity'],
    ['more than 10,000 seats', { seat_based: true, max_quantity: 10_001 }, 'max_quantity'],
    ['no seats', { seat_based: true, min_quantity: 0 }, 'min_quantity'],
    ['active as a string', { active: 'no' }, 'active'],
    ['an unknown field', { interval: 'month' }, 'interval'],
  ])('refuses %s, naming the field', async (_, overrides, param) => {
    expectApiError(await till.api('POST', '/v1/subscription_configs', { body: quarterly(overrides) }), 'validation_error', param);
  });

  it('accepts every seed 003 charge period and the longest period of each interval', async () => {
    const periods = [['day', 1], ['week', 1], ['month', 1], ['month', 3], ['month', 6], ['year', 1],
      ['day', 1095], ['week', 156], ['month', 36], ['year', 3]] as const;
    for (const [billing_interval, interval_count] of periods) {
      expect(await createPlan(quarterly({ billing_interval, interval_count }))).toMatchObject({ billing_interval, interval_count });
    }
  });
});

describe('GET and PATCH /v1/subscription_configs/:id', () => {
  it('renames, reprices and archives a plan no session uses, answering with the plan as it now is', async () => {
    const plan = await createPlan();
    const response = await till.api('PATCH', `/v1/subscription_configs/${plan.subscription_config_id}`, {
      body: { name: 'Pro Half-yearly', period_amount: '99.00', interval_count: 6, included_credit: '60.00', tax_behavior: 'inclusive', active: false },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toStrictEqual({
      ...plan, name: 'Pro Half-yearly', period_amount: '99.00', interval_count: 6, included_credit: '60.00', tax_behavior: 'inclusive', active: false,
    });
    expect((await till.api('GET', `/v1/subscription_configs/${plan.subscription_config_id}`)).body).toStrictEqual(response.body);
  });

  it('changes nothing for an empty body', async () => {
    const plan = await createPlan();
    expect((await till.api('PATCH', `/v1/subscription_configs/${plan.subscription_config_id}`, { body: {} })).body).toStrictEqual(plan);
  });

  it('makes a plan per seat and back, with the seat range following', async () => {
    const { subscription_config_id: id } = await createPlan();
    const seated = await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { seat_based: true, max_quantity: 20 } });
    expect(seated.body).toMatchObject({ seat_based: true, min_quantity: 1, max_quantity: 20 });
    const narrowed = await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { min_quantity: 5 } });
    expect(narrowed.body).toMatchObject({ seat_based: true, min_quantity: 5, max_quantity: 20 });
    expectApiError(await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { max_quantity: 4 } }), 'validation_error', 'max_quantity');
    const single = await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { seat_based: false } });
    expect(single.body).toMatchObject({ seat_based: false, min_quantity: 1, max_quantity: 1 });
  });

  it('changes the currency only together with the price in it, and not under credit bundles priced in the old one', async () => {
    const { subscription_config_id: id } = await createPlan();
    expectApiError(await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { currency: 'EUR' } }), 'validation_error', 'period_amount');
    expectApiError(await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { currency: 'JPY', period_amount: '57.50' } }), 'validation_error', 'period_amount');
    const euros = await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { currency: 'eur', period_amount: '52' } });
    expect(euros.body).toMatchObject({ currency: 'EUR', period_amount: '52.00' });

    const bundle = await till.api('POST', '/v1/credit_bundles', { body: { subscription_config_id: id, name: 'Pack', cost: '5.00', credit_amount: '5' } });
    expect(bundle.status).toBe(201);
    expectApiError(
      await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { currency: 'USD', period_amount: '57.00' } }),
      'validation_error',
      'currency',
    );
  });

  it.each([
    ['a longer interval that makes the period exceed three years', { billing_interval: 'year' }, 'billing_interval'],
    ['a count beyond three years', { interval_count: 37 }, 'interval_count'],
    ['a price with more digits than cents', { period_amount: '1.999' }, 'period_amount'],
    ['a name of null', { name: null }, 'name'],
    ['an unknown field', { plan: 'x' }, 'plan'],
  ])('refuses %s, naming the field', async (_, body, param) => {
    const plan = await createPlan(quarterly({ interval_count: 6 }));
    expectApiError(await till.api('PATCH', `/v1/subscription_configs/${plan.subscription_config_id}`, { body }), 'validation_error', param);
    expect((await till.api('GET', `/v1/subscription_configs/${plan.subscription_config_id}`)).body).toStrictEqual(plan);
  });

  it('answers 404 for an unknown id and for another merchant’s plan, which stays as it was', async () => {
    for (const id of ['sc_test_missing', other.configId]) {
      expectApiError(await till.api('GET', `/v1/subscription_configs/${id}`), 'resource_missing', 'id');
      expectApiError(await till.api('PATCH', `/v1/subscription_configs/${id}`, { body: { name: 'Mine now' } }), 'resource_missing', 'id');
    }
    const { body } = await till.api('GET', `/v1/subscription_configs/${other.configId}`, { key: other.apiKey });
    expect(body).toMatchObject({ name: 'Other plan', active: true });
  });

  it('includes the plan’s credit bundles', async () => {
    const { configId, starterBundle, powerBundle } = await till.catalog();
    const { body } = await till.api('GET', `/v1/subscription_configs/${configId}`);
    expect(body.credit_bundles.map((bundle: { credit_bundle_id: string }) => bundle.credit_bundle_id)).toEqual([starterBundle.id, powerBundle.id]);
  });
});

describe('a plan billed every three months', () => {
  it('estimates its next invoice three months out and starts a subscription whose period ends then', async () => {
    const plan = await createPlan();
    const session = await till.createSession({ subscription_config_id: plan.subscription_config_id });
    const created = new Date(session.created_at);
    const next = new Date(session.estimate.next_invoice!.date);
    const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
    expect(monthIndex(next) - monthIndex(created)).toBe(3);
    expect(session.estimate.next_invoice!.amount).toBe('57.00');

    const completed = await till.complete(secretOf(session), newCustomerPayment());
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const { body: subscription } = await till.api('GET', `/v1/subscriptions/${completed.body.subscription_id}`);
    const start = new Date(subscription.current_period_start);
    expect(subscription.current_period_end).toBe(addBillingInterval(start, 'month', 3).toISOString());
    const { body: paid } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(paid.estimate.next_invoice.date).toBe(subscription.current_period_end);
  });

  it('tells the checkout app the period, for every plan it may show', async () => {
    const plan = await createPlan();
    const { pro } = await till.plans();
    const session = await till.createSession({ subscription_config_id: plan.subscription_config_id, subscription_config_ids: [pro, plan.subscription_config_id] });
    const { body: view } = await till.getSessionView(secretOf(session));
    expect(view.plan).toMatchObject({ billing_interval: 'month', interval_count: 3, price: '57.00' });
    expect(view.plan_options.map((option: { billing_interval: string; interval_count: number }) => [option.billing_interval, option.interval_count])).toEqual([
      ['month', 1],
      ['month', 3],
    ]);
  });
});
