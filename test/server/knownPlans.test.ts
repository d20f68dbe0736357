import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/createApp';
import type { Database, Queryable } from '../../src/server/store/Database';
import { expectApiError, PUBLIC_URL, SHOP_ORIGIN_URL, useTestServer } from './support/testServer';

/** Every statement the app sends, so a test can count a request's round trips to the store. */
const sent: string[] = [];

function countQueries(db: Database): Database {
  const counting = (target: Queryable) => (sql: string, params?: unknown[]) => {
    sent.push(sql);
    return target.query<never>(sql, params);
  };
  return { query: counting(db), transaction: (work) => db.transaction((tx) => work({ query: counting(tx) })), close: () => db.close() };
}

const till = useTestServer({ wrapDatabase: countQueries });

/** A second server on the same store, with caches of its own: another process, as far as this one can tell. */
function secondServer() {
  const app = createApp({ db: till.db, publicUrl: PUBLIC_URL });
  return async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${till.demo.apiKey}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
}

async function createPlan(overrides: Record<string, unknown> = {}) {
  const body = { name: 'Team', period_amount: '10.00', currency: 'USD', billing_interval: 'month', ...overrides };
  const response = await till.api('POST', '/v1/subscription_configs', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.subscription_config_id as string;
}

const sessionOf = (planId: string, overrides: Record<string, unknown> = {}) => ({
  checkout_mode: 'subscription',
  origin_url: SHOP_ORIGIN_URL,
  subscription_config_id: planId,
  ...overrides,
});

/** Creates a checkout of `planId`, returning the response and the statements it sent. */
async function createWithQueries(planId: string, overrides: Record<string, unknown> = {}) {
  const before = sent.length;
  const response = await till.api('POST', '/v1/checkout_sessions', { body: sessionOf(planId, overrides) });
  return { response, queries: sent.slice(before) };
}

const readsPlan = (sql: string) => /^SELECT .* FROM subscription_configs/.test(sql);

describe('the plans a server keeps for new checkouts', () => {
  it('makes a second checkout of a plan with one statement instead of two', async () => {
    const planId = await createPlan();
    const first = await createWithQueries(planId);
    const second = await createWithQueries(planId);
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    // Besides what every request sends (the rate limit's counter, at times the key's last use).
    expect(first.queries.filter(readsPlan)).toHaveLength(1);
    expect(second.queries.filter(readsPlan)).toHaveLength(0);
    expect(second.queries.length).toBeLessThanOrEqual(first.queries.length - 1);
    const { next_invoice: _, ...priced } = first.response.body.estimate;
    expect(second.response.body.estimate).toMatchObject(priced);
  });

  it('refuses a plan right after this server archived it', async () => {
    const planId = await createPlan();
    expect((await createWithQueries(planId)).response.status).toBe(201);
    expect((await till.api('PATCH', `/v1/subscription_configs/${planId}`, { body: { active: false } })).status).toBe(200);
    expectApiError((await createWithQueries(planId)).response, 'plan_inactive', 'subscription_config_id');
  });

  it('refuses a plan right after another server archived it', async () => {
    const planId = await createPlan();
    expect((await createWithQueries(planId)).response.status).toBe(201);
    expect((await secondServer()('PATCH', `/v1/subscription_configs/${planId}`, { active: false })).status).toBe(200);
    expectApiError((await createWithQueries(planId)).response, 'plan_inactive', 'subscription_config_id');
  });

  it('sells a plan again right after another server brought it back', async () => {
    const planId = await createPlan();
    const other = secondServer();
    expect((await createWithQueries(planId)).response.status).toBe(201);
    expect((await other('PATCH', `/v1/subscription_configs/${planId}`, { active: false })).status).toBe(200);
    expectApiError((await createWithQueries(planId)).response, 'plan_inactive', 'subscription_config_id');
    expect((await other('PATCH', `/v1/subscription_configs/${planId}`, { active: true })).status).toBe(200);
    expect((await createWithQueries(planId)).response.status).toBe(201);
  });

  it('prices a checkout at a price changed in the store since the last one', async () => {
    // The API keeps a price in use fixed (price_in_use); an operator's UPDATE, or a migration, does not.
    const planId = await createPlan({ seat_based: true, max_quantity: 50 });
    expect((await createWithQueries(planId, { quantity: 3 })).response.body.estimate.unit_amount).toBe('10.00');
    await till.db.query('UPDATE subscription_configs SET period_amount = 1200, max_quantity = 2 WHERE subscription_config_id = $1', [planId]);
    expect((await createWithQueries(planId)).response.body.estimate.unit_amount).toBe('12.00');
    expectApiError((await createWithQueries(planId, { quantity: 3 })).response, 'validation_error', 'quantity');
  });

  it('keeps no plan another merchant asks for', async () => {
    const planId = await createPlan();
    expect((await createWithQueries(planId)).response.status).toBe(201);
    const other = await till.insertOtherMerchant();
    const response = await till.api('POST', '/v1/checkout_sessions', { body: sessionOf(planId), key: other.apiKey });
    expectApiError(response, 'resource_missing', 'subscription_config_id');
  });
});
