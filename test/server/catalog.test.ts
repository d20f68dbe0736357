import { beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, useTestServer } from './support/testServer';

const till = useTestServer();

/** Walks every page of a list with `limit`, following `next_cursor` until `has_more` is false. */
async function walk(path: string, limit: number) {
  const pages: { data: { [key: string]: unknown }[]; has_more: boolean; next_cursor: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await till.api('GET', `${path}${query}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    cursor = response.body.next_cursor;
    expect(pages.length).toBeLessThan(20);
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  // The demo merchant's Pro plan (2 bundles), plus a second plan with 1 bundle to page through.
  await till.insertExtraPlan();
  await till.insertOtherMerchant();
});

describe('GET /v1/subscription_configs', () => {
  it('lists the plans with their prices, credit and bundles, as Lava shapes them', async () => {
    const { configId, starterBundle, powerBundle } = await till.catalog();
    const response = await till.api('GET', '/v1/subscription_configs');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['data', 'has_more', 'next_cursor']);
    expect(response.body).toMatchObject({ has_more: false, next_cursor: null });

    const pro = response.body.data.find((config: { name: string }) => config.name === 'Pro');
    expect(pro).toStrictEqual({
      subscription_config_id: configId,
      livemode: false,
      name: 'Pro',
      period_amount: '19.00',
      currency: 'USD',
      billing_interval: 'month',
      interval_count: 1,
      included_credit: '10.00',
      seat_based: false,
      min_quantity: 1,
      max_quantity: 1,
      tax_behavior: 'exclusive',
      active: true,
      credit_bundles: expect.any(Array),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(pro.credit_bundles).toHaveLength(2);
    expect(pro.credit_bundles).toEqual(
      expect.arrayContaining([
        {
          credit_bundle_id: starterBundle.id,
          livemode: false,
          subscription_config_id: configId,
          name: 'Starter pack',
          cost: '5.00',
          currency: 'USD',
          credit_amount: '5.00',
          active: true,
          created_at: expect.any(String),
        },
        {
          credit_bundle_id: powerBundle.id,
          livemode: false,
          subscription_config_id: configId,
          name: 'Power pack',
          cost: '20.00',
          currency: 'USD',
          credit_amount: '25.00',
          active: true,
          created_at: expect.any(String),
        },
      ]),
    );
  });

  it('lists bundles in the order they were created', async () => {
    const { starterBundle, powerBundle } = await till.catalog();
    const { body } = await till.api('GET', '/v1/subscription_configs');
    const pro = body.data.find((config: { name: string }) => config.name === 'Pro');
    expect(pro.credit_bundles.map((bundle: { credit_bundle_id: string }) => bundle.credit_bundle_id)).toEqual([
      starterBundle.id,
      powerBundle.id,
    ]);
  });

  it('lists only the calling merchant’s plans', async () => {
    const { body } = await till.api('GET', '/v1/subscription_configs');
    // The seeded demo catalog (Pro first, then issue 4's plans) and this file's extra 'Team'; not 'Other plan'.
    expect(body.data.map((config: { name: string }) => config.name)).toEqual(['Pro', 'Pro Yearly', 'Team', 'Pro (JPY)', 'Team']);
  });

  it('pages with limit=1, following next_cursor to the end', async () => {
    const { body: all } = await till.api('GET', '/v1/subscription_configs?limit=100');
    const pages = await walk('/v1/subscription_configs', 1);
    expect(pages.map((page) => page.data.length)).toEqual([1, 1, 1, 1, 1]);
    expect(pages.map((page) => page.has_more)).toEqual([true, true, true, true, false]);
    expect(pages[0]!.next_cursor).toBe(pages[0]!.data[0]!.subscription_config_id);
    expect(pages.at(-1)!.next_cursor).toBeNull();
    expect(pages.flatMap((page) => page.data)).toEqual(all.data);
  });

  it('answers a cursor past the last plan with an empty page', async () => {
    const { body } = await till.api('GET', '/v1/subscription_configs?cursor=sc_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(body).toStrictEqual({ data: [], has_more: false, next_cursor: null });
  });
});

describe('GET /v1/credit_bundles', () => {
  it('lists every bundle of the merchant’s plans', async () => {
    const { starterBundle } = await till.catalog();
    const response = await till.api('GET', '/v1/credit_bundles');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(response.body.data.map((bundle: { name: string }) => bundle.name).sort()).toEqual(['Power pack', 'Starter pack', 'Team pack']);
    expect(response.body.data).toContainEqual({
      credit_bundle_id: starterBundle.id,
      livemode: false,
      subscription_config_id: (await till.catalog()).configId,
      name: 'Starter pack',
      cost: '5.00',
      currency: 'USD',
      credit_amount: '5.00',
      active: true,
      created_at: expect.any(String),
    });
  });

  it('pages with limit=1, following next_cursor to the end', async () => {
    const { body: all } = await till.api('GET', '/v1/credit_bundles?limit=100');
    const pages = await walk('/v1/credit_bundles', 1);
    expect(pages.map((page) => page.data.length)).toEqual([1, 1, 1]);
    expect(pages.map((page) => page.has_more)).toEqual([true, true, false]);
    expect(pages.flatMap((page) => page.data)).toEqual(all.data);
  });

  it('pages with a limit that divides the list exactly, ending without an empty page', async () => {
    const pages = await walk('/v1/credit_bundles', 3);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ has_more: false, next_cursor: null });
  });
});

describe('list parameters', () => {
  it.each(['/v1/subscription_configs', '/v1/credit_bundles'])('%s rejects a bad limit', async (path) => {
    for (const limit of ['0', '101', '-1', '1.5', 'ten', '']) {
      expectApiError(await till.api('GET', `${path}?limit=${limit}`), 'validation_error', 'limit');
    }
  });

  it.each(['/v1/subscription_configs', '/v1/credit_bundles'])('%s rejects an empty cursor and unknown parameters', async (path) => {
    expectApiError(await till.api('GET', `${path}?cursor=`), 'validation_error', 'cursor');
    expectApiError(await till.api('GET', `${path}?page=2`), 'validation_error', 'page');
  });

  it('accepts the largest limit', async () => {
    expect((await till.api('GET', '/v1/credit_bundles?limit=100')).status).toBe(200);
  });
});
