import { expect } from 'vitest';
import { renewDueSubscriptions } from '../../../src/server/renewals/renewDueSubscriptions';
import { newCustomerPayment, secretOf, validCard, type TestServer } from './testServer';

export interface BoughtSubscription {
  subscriptionId: string;
  connectionId: string;
  /** `estimate.next_invoice` as the checkout app showed it before the customer paid. */
  nextInvoiceShown: { date: string; amount: string } | null;
  /** The real clock just before the view was read and just after the payment: the period began in between. */
  before: number;
  after: number;
}

/**
 * Buys a subscription through the real checkout: a session with `overrides`, the checkout app's view read (its
 * estimate is what the customer was promised), then paid with `card` by a new customer.
 */
export async function buySubscription(till: TestServer, overrides: Record<string, unknown> = {}, card = validCard()): Promise<BoughtSubscription> {
  const session = await till.createSession(overrides);
  const before = Date.now();
  const view = await till.getSessionView(secretOf(session));
  expect(view.status).toBe(200);
  const completed = await till.complete(secretOf(session), newCustomerPayment({ card }));
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return {
    subscriptionId: completed.body.subscription_id,
    connectionId: completed.body.connection_id,
    nextInvoiceShown: view.body.estimate.next_invoice,
    before,
    after: Date.now(),
  };
}

/** `POST /v1/test_helpers/advance_time` so that the demo merchant's test clock is past `instant` (by a second). */
export async function advanceClockPast(till: TestServer, instant: string | Date) {
  const [{ offset }] = await till.db.query<{ offset: number }>('SELECT test_clock_offset_seconds::float8 AS offset FROM merchants WHERE merchant_id = $1', [
    till.demo.merchantId,
  ]) as [{ offset: number }];
  const clockNow = Date.now() + offset * 1000;
  const seconds = Math.max(1, Math.ceil((new Date(instant).getTime() - clockNow) / 1000) + 1);
  const response = await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { now: string; offset_seconds: number };
}

/**
 * One run of the worker's renewal step, as its round runs it, with the server's processor, until nothing is due;
 * it must not fail.
 */
export async function renewDue(till: TestServer) {
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  while ((await renewDueSubscriptions({ db: till.db, processorFor: till.processorFor, onError })) > 0 && errors.length === 0);
  expect(errors).toStrictEqual([]);
}

/**
 * Gives the customer's connection another saved card, as if they had paid with it last: their subscriptions that
 * renewed on the card it replaces renew on it (migration 025), as `fulfilCheckout` moves them.
 */
export async function saveCard(till: TestServer, connectionId: string, number: string) {
  const tokenized = await till.createPaymentMethod(validCard(number));
  await till.db.query(
    `UPDATE subscriptions SET payment_method_id = $2
     WHERE connection_id = $1 AND payment_method_id = (SELECT payment_method_id FROM connections WHERE connection_id = $1)`,
    [connectionId, tokenized.body.id],
  );
  await till.db.query('UPDATE connections SET payment_method_id = $2 WHERE connection_id = $1', [connectionId, tokenized.body.id]);
}

/** The last four digits of the card each off-session charge to renew the subscription was made with, oldest first. */
export async function renewalCardsOf(till: TestServer, subscriptionId: string) {
  const rows = await till.db.query<{ card_last4: string }>(
    `SELECT m.card_last4 FROM test_payment_intents i JOIN test_payment_methods m ON m.payment_method_id = i.payment_method_id
     WHERE i.idempotency_key LIKE $1 ORDER BY i.created_at, i.payment_intent_id`,
    [`renewal_${subscriptionId}_%`],
  );
  return rows.map((row) => row.card_last4);
}

/** How many off-session charges the test processor was asked for to renew the subscription, retries included. */
export async function offSessionChargesOf(till: TestServer, subscriptionId: string) {
  const rows = await till.db.query<{ count: number }>('SELECT count(*)::int AS count FROM test_payment_intents WHERE idempotency_key LIKE $1', [
    `renewal_${subscriptionId}_%`,
  ]);
  return rows[0]!.count;
}

export async function invoicesOf(till: TestServer, subscriptionId: string) {
  const response = await till.api('GET', `/v1/invoices?subscription_id=${subscriptionId}&limit=100`);
  expect(response.status).toBe(200);
  return response.body.data as any[];
}

export async function subscriptionOf(till: TestServer, subscriptionId: string) {
  const response = await till.api('GET', `/v1/subscriptions/${subscriptionId}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** The types of the `subscription.*` and `invoice.*` events about one subscription, oldest first. */
export async function eventsAbout(till: TestServer, subscriptionId: string) {
  const types: string[] = [];
  let cursor: string | null = null;
  do {
    const page: any = (await till.api('GET', `/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    for (const event of page.data) {
      if (event.data.subscription_id === subscriptionId && /^(subscription|invoice)\./.test(event.type)) types.push(event.type);
    }
    cursor = page.next_cursor;
  } while (cursor);
  return types;
}
