import { describe, expect, it } from 'vitest';
import { expectApiError, newCustomer, useTestServer, type ApiResponse } from './support/testServer';

const till = useTestServer();

const EMPTY = { data: [], has_more: false, next_cursor: null };

/** Every connection of the demo merchant, oldest first, read page by page. */
async function allConnections() {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const response: ApiResponse = await till.api('GET', `/v1/connections?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    all.push(...response.body.data);
    cursor = response.body.next_cursor;
  } while (cursor);
  return all;
}

describe('GET /v1/connections', () => {
  it('lists connections oldest first, a page at a time, each as GET /v1/connections/:id shows it', async () => {
    // Pages from the newest connection before these three, so what earlier tests made does not matter.
    let cursor: string | null = (await allConnections()).at(-1)?.connection_id ?? null;
    const ids = [(await till.subscribe()).connectionId, (await till.subscribe()).connectionId, (await till.subscribe()).connectionId];
    const pages = [];
    do {
      const response = await till.api('GET', `/v1/connections?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      pages.push(response.body);
      cursor = response.body.next_cursor;
    } while (cursor);

    const listed = pages.flatMap((page) => page.data);
    expect(listed.map((connection) => connection.connection_id)).toStrictEqual(ids);
    expect(pages.map((page) => [page.data.length, page.has_more])).toStrictEqual([[2, true], [1, false]]);
    expect(pages[0].next_cursor).toBe(ids[1]);
    for (const connection of listed) expect(connection).toStrictEqual(await till.getConnection(connection.connection_id));
  });

  it('shows each connection’s active subscription, and none once it is canceled', async () => {
    const kept = (await till.subscribe()).connectionId;
    const ended = (await till.subscribe()).connectionId;
    const { subscription } = await till.getConnection(ended);
    await till.api('POST', `/v1/subscriptions/${subscription.subscription_id}/cancel`, { body: { at_period_end: false } });

    const shown = (await allConnections()).filter((connection: any) => [kept, ended].includes(connection.connection_id));
    expect(shown.map((connection: any) => [connection.connection_id, connection.subscription?.status ?? null])).toStrictEqual([
      [kept, 'active'],
      [ended, null],
    ]);
  });

  it('finds a connection by email, whatever its case', async () => {
    const { connectionId } = await till.subscribe(newCustomer('Grace.Hopper@Example.com', 'Grace Hopper'));
    await till.subscribe(newCustomer('grace.hopper@example.org', 'Someone Else'));

    for (const email of ['Grace.Hopper@Example.com', 'grace.hopper@example.com', 'GRACE.HOPPER@EXAMPLE.COM', encodeURIComponent(' grace.hopper@example.com ')]) {
      const { body } = await till.api('GET', `/v1/connections?email=${email}`);
      expect(body).toStrictEqual({ data: [await till.getConnection(connectionId)], has_more: false, next_cursor: null });
    }
  });

  it('matches the whole address only', async () => {
    await till.subscribe(newCustomer('whole.address@example.com'));
    for (const email of ['whole.address', 'example.com', 'whole.address@example.co', '%25@example.com', 'whole_address@example.com']) {
      expect((await till.api('GET', `/v1/connections?email=${email}`)).body).toStrictEqual(EMPTY);
    }
  });

  it.each([
    ['email=', 'email'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['name=Ada', 'name'],
  ])('refuses ?%s naming %s', async (query, param) => {
    expectApiError(await till.api('GET', `/v1/connections?${query}`), 'validation_error', param);
  });

  it('needs an API key', async () => {
    expectApiError(await till.api('GET', '/v1/connections', { key: null }), 'authentication_required');
    expectApiError(await till.api('GET', '/v1/connections', { key: 'sk_test_wrong' }), 'invalid_api_key');
  });

  it('shows another merchant none of them, not even by email', async () => {
    await till.subscribe(newCustomer('mine.only@example.com'));
    const other = await till.insertOtherMerchant();
    expect((await till.api('GET', '/v1/connections', { key: other.apiKey })).body).toStrictEqual(EMPTY);
    expect((await till.api('GET', '/v1/connections?email=mine.only@example.com', { key: other.apiKey })).body).toStrictEqual(EMPTY);
  });
});
