import { describe, expect, it, vi } from 'vitest';
import { fillStore, GROWING_TABLES } from './support/fillStore';
import { recordQueries } from './support/recordQueries';
import { AUTHENTICATE_ALWAYS, DECLINED_VISA, handleOf, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';
import { startWebhookReceiver } from './support/webhookReceiver';

// Issue 13: every query the server sends on a request or in its worker uses an index on the tables that grow with
// use, so its cost stays flat as a business grows. The queries are the server's own, recorded while it serves a
// merchant's whole day; their plans are read on a store holding 100 k rows in each of those tables.
const ROWS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The tables a plan reads from end to end. */
function sequentialScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}

/** Statements with a plan, as opposed to transaction control and the migrations' DDL. */
const hasPlan = (sql: string) => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql);

describe('query plans on a grown store', { timeout: 300_000 }, () => {
  const recorded = new Map<string, unknown[]>();
  const till = useTestServer({ wrapDatabase: (db) => recordQueries(db, recorded) });

  /** A merchant's day: catalog, checkouts paid, declined and challenged, webhooks, lists, refunds, renewals, expiry. */
  async function serveAMerchantsDay() {
    const receiver = await startWebhookReceiver();
    try {
      till.startWorker({ pollIntervalMs: 20 });
      const endpoint = await till.createEndpoint(receiver.url);

      const { connectionId, session } = await till.subscribe();
      await till.subscribe(); // renews, where the challenged card's renewal is declined and this one is canceled
      const returning = await till.createBundleSession(connectionId);
      expect((await till.complete(secretOf(returning), { card: validCard() })).status).toBe(200);
      const declined = await till.createSession();
      expect((await till.complete(secretOf(declined), newCustomerPayment({ card: validCard(DECLINED_VISA) }))).status).toBe(402);
      const challenged = await till.createSession({ allow_promotion_codes: true });
      const code = await till.insertPromotionCode({ duration: 'forever' });
      expect((await till.updateSession(secretOf(challenged), { promotion_code: code, country: 'DE' })).status).toBe(200);
      expect((await till.getSessionView(secretOf(challenged))).status).toBe(200);
      expect((await till.request('GET', `/checkout/${handleOf(secretOf(challenged))}`, { key: null })).status).toBe(200);
      const attempt = newCustomerPayment({ card: validCard(AUTHENTICATE_ALWAYS) });
      const tokenized = await till.createPaymentMethod(attempt.card);
      const body = { customer: attempt.customer, payment_method: tokenized.body.id };
      const action = await till.api('POST', '/api/checkout/complete', { key: secretOf(challenged), body, headers: { 'Idempotency-Key': 'challenge-1' } });
      expect(action.body.next_action?.url).toBeTruthy();
      await till.answerChallenge(action.body.next_action.url, 'complete');
      const paid = await till.api('POST', '/api/checkout/complete', { key: secretOf(challenged), body, headers: { 'Idempotency-Key': 'challenge-1' } });
      expect(paid.status).toBe(200);
      const idempotent = { headers: { 'Idempotency-Key': 'create-1' }, body: await till.sessionBody() };
      expect((await till.api('POST', '/v1/checkout_sessions', idempotent)).status).toBe(201);
      expect((await till.api('POST', '/v1/checkout_sessions', idempotent)).status).toBe(201);

      const payments = (await till.api('GET', `/v1/payments?connection_id=${connectionId}`)).body.data;
      expect((await till.api('POST', `/v1/payments/${payments[0].payment_id}/refund`, { body: { amount: '1.00' } })).status).toBe(201);
      const subscriptionId = (await till.api('GET', `/v1/subscriptions?connection_id=${connectionId}`)).body.data[0].subscription_id;
      const reads = [
        `/v1/checkout_sessions/${session.checkout_session_id}`,
        `/v1/connections/${connectionId}`,
        `/v1/connections?email=${encodeURIComponent((await till.getConnection(connectionId)).email)}`,
        '/v1/connections?limit=2',
        `/v1/subscriptions/${subscriptionId}`,
        '/v1/subscriptions?status=active&limit=2',
        `/v1/subscriptions?cursor=${subscriptionId}`,
        '/v1/payments?status=succeeded&limit=2',
        `/v1/payments?cursor=${payments[0].payment_id}`,
        '/v1/events?type=checkout.completed&limit=2',
        '/v1/events?limit=2',
        `/v1/webhook_endpoints/${endpoint.webhook_endpoint_id}/deliveries`,
        '/v1/api_keys',
        '/v1/promotion_codes',
        '/v1/tax_rates',
        '/v1/subscription_configs',
        '/v1/credit_bundles',
      ];
      for (const path of reads) expect((await till.api('GET', path)).status, path).toBe(200);
      const [event] = await till.eventsOfType('checkout.completed');
      expect((await till.api('GET', `/v1/events/${event!.event_id}`)).status).toBe(200);
      expect((await till.api('POST', `/v1/events/${event!.event_id}/redeliver`, { body: {} })).status).toBe(202);
      expect((await till.api('POST', `/v1/subscriptions/${subscriptionId}/cancel`, { body: { at_period_end: true } })).status).toBe(200);

      // Forty days on: one subscription renews, one is past due, one ends; the open sessions expire.
      await till.api('POST', '/v1/test_helpers/advance_time', { body: { seconds: 40 * 86_400 } });
      await vi.waitFor(async () => expect((await till.api('GET', '/v1/invoices')).body.data).toHaveLength(2), { timeout: 20_000, interval: 50 });
      const invoices = (await till.api('GET', `/v1/invoices?connection_id=${connectionId}`)).body.data;
      if (invoices[0]) expect((await till.api('GET', `/v1/invoices/${invoices[0].invoice_id}`)).status).toBe(200);
      await receiver.waitFor(5);
    } finally {
      await till.stopWorkers();
      await receiver.close();
    }
  }

  it('reads no growing table from end to end, in any query the server sends', async () => {
    await serveAMerchantsDay();
    const statements = [...recorded].filter(([sql]) => hasPlan(sql));
    // The day reached every table that grows: the plans below are of the queries that use them.
    for (const table of GROWING_TABLES) {
      expect(statements.some(([sql]) => new RegExp(`\\b${table}\\b`).test(sql)), table).toBe(true);
    }

    await fillStore(till.db, { rows: ROWS });
    const scans: string[] = [];
    for (const [sql, params] of statements) {
      const [{ 'QUERY PLAN': plan }] = (await till.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as [
        { 'QUERY PLAN': [{ Plan: PlanNode }] },
      ];
      const growing = sequentialScans(plan[0].Plan).filter((table) => (GROWING_TABLES as readonly string[]).includes(table));
      if (growing.length > 0) scans.push(`${growing.join(', ')}: ${sql.replace(/\s+/g, ' ').trim()}`);
    }
    expect(scans).toStrictEqual([]);
  });
});
