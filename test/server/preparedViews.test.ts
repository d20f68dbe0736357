import { describe, expect, it } from 'vitest';
import { createPreparedViews } from '../../src/server/checkout/preparedViews';
import { findCheckoutSessionByHash } from '../../src/server/sessions/findCheckoutSession';
import type { Database, Queryable } from '../../src/server/store/Database';
import { handleOf, secretOf, useTestServer } from './support/testServer';

/** Every statement sent through the store, in order. */
const sent: string[] = [];
function countQueries(db: Database): Database {
  const counting = (target: Queryable): Queryable['query'] => (sql, params) => {
    sent.push(sql);
    return target.query(sql, params);
  };
  return { query: counting(db), transaction: (work) => db.transaction((tx) => work({ query: counting(tx) })), close: () => db.close() };
}

const till = useTestServer({ wrapDatabase: countQueries });

/** The view without its next invoice's date, which is computed from the clock at each description. */
const withoutClock = (view: any) => ({ ...view, estimate: { ...view.estimate, next_invoice: { ...view.estimate.next_invoice, date: null } } });

async function openPage(secret: string) {
  const page = await till.request('GET', `/checkout/${handleOf(secret)}`, { key: null });
  expect(page.status).toBe(200);
  await page.text();
  // The page starts describing once its answer is written (checkoutPage.ts); the app's request comes much later.
  await new Promise((resolve) => setImmediate(resolve));
}

/** The view, with the number of statements the request sent. */
async function viewWithQueries(secret: string) {
  const before = sent.length;
  const response = await till.getSessionView(secret);
  expect(response.status).toBe(200);
  return { view: response.body, queries: sent.length - before };
}

describe('the view the checkout page prepares', () => {
  it('answers the app’s first request for the session, which then describes nothing itself', async () => {
    const secret = secretOf(await till.createSession());
    await openPage(secret);
    const first = await viewWithQueries(secret);
    const described = await viewWithQueries(secret);

    expect(withoutClock(first.view)).toStrictEqual(withoutClock(described.view));
    // The second request describes the session again: the prepared view is handed out once.
    expect(first.queries).toBeLessThan(described.queries);
  });

  it('is not given for a session changed since the page was served', async () => {
    const session = await till.createSession();
    const secret = secretOf(session);
    await openPage(secret);
    await till.expireSession(session.checkout_session_id);

    expect((await viewWithQueries(secret)).view.status).toBe('expired');
  });

  it('is not given after the customer’s own change', async () => {
    const secret = secretOf(await till.createSession());
    await openPage(secret);
    expect((await till.updateSession(secret, { country: 'DE' })).status).toBe(200);

    expect((await viewWithQueries(secret)).view.country).toBe('DE');
  });

  it('is given once, and not once it has waited past its time', async () => {
    const secret = secretOf(await till.createSession());
    const row = (await findCheckoutSessionByHash(till.db, handleOf(secret)))!;
    let clock = 0;
    const views = createPreparedViews(till.db, { ttlMs: 10_000, now: () => clock });

    views.prepare(row);
    expect((await views.take(row))?.checkout_session_id).toBe(row.checkout_session_id);
    expect(await views.take(row)).toBeNull();

    views.prepare(row);
    clock += 10_000;
    expect(await views.take(row)).toBeNull();
  });
});
