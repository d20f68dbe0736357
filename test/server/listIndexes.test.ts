import { beforeAll, describe, expect, it } from 'vitest';
import { listConnections } from '../../src/server/connections/listConnections';
import { listPayments } from '../../src/server/payments/listPayments';
import { CLAIM_DUE_SUBSCRIPTION } from '../../src/server/renewals/renewDueSubscriptions';
import type { Queryable } from '../../src/server/store/Database';
import { listSubscriptions } from '../../src/server/subscriptions/listSubscriptions';
import { useTestServer } from './support/testServer';

const till = useTestServer();

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** How a plan reads each table: `table: index` through an index, `table: Seq Scan` when it reads the table whole. */
function tableReads(node: PlanNode): string[] {
  if (node['Node Type'] === 'Bitmap Heap Scan') return [`${node['Relation Name']}: ${bitmapIndexes(node).join(' + ')}`];
  const own = node['Relation Name'] ? [`${node['Relation Name']}: ${node['Index Name'] ?? node['Node Type']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(tableReads)];
}

/** The indexes under a bitmap scan (several when it combines them). */
function bitmapIndexes(node: PlanNode): string[] {
  return node['Index Name'] ? [node['Index Name']] : (node.Plans ?? []).flatMap(bitmapIndexes);
}

/**
 * The store, except that each query is first explained with sequential scans priced out (as they would be on a
 * table of millions of rows), and how its plan reads each table is kept: a query no index can serve still shows
 * `Seq Scan`. The queries are the list functions' own, with the parameters of the call.
 */
function explainingStore(reads: string[][]): Queryable {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const [row] = await till.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      });
      const plan = row!['QUERY PLAN'];
      const [{ Plan }] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: PlanNode }];
      reads.push(tableReads(Plan));
      return till.db.query<Row>(sql, params);
    },
  };
}

/**
 * Fifty merchants with thousands of customers between them, and statistics that say so: on a nearly empty table,
 * or one with a single merchant, reading the whole table in id order is rightly the cheapest plan, which says
 * nothing of what the planner does at scale.
 */
async function fillWithCustomers(count: number) {
  const { configId } = await till.catalog();
  const n = "lpad(i::text, 6, '0')";
  const merchant = "'mer_bulk_' || (i % 50)";
  await till.db.query("INSERT INTO merchants (merchant_id, account_id, name) SELECT 'mer_bulk_' || i, 'mer_bulk_' || i, 'Bulk' FROM generate_series(0, 49) AS i");
  await till.db.query(
    `INSERT INTO connections (connection_id, merchant_id, email, name)
     SELECT 'con_bulk_' || ${n}, ${merchant}, 'bulk' || i || '@example.com', 'Bulk' FROM generate_series(1, $1) AS i`,
    [count],
  );
  await till.db.query(
    `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start, current_period_end, billing_cycle_anchor)
     SELECT 'sub_bulk_' || ${n}, ${merchant}, 'con_bulk_' || ${n}, $2, CASE WHEN i % 10 = 0 THEN 'canceled' ELSE 'active' END,
       now(), now() + interval '1 month', now()
     FROM generate_series(1, $1) AS i`,
    [count, configId],
  );
  await till.db.query(
    `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, subscription_config_id, expires_at, connection_id, status)
     SELECT 'cs_bulk_' || ${n}, ${merchant}, 'hash_bulk_' || ${n}, 'subscription', 'https://shop.example.com/', $2, now(), 'con_bulk_' || ${n}, 'completed'
     FROM generate_series(1, $1) AS i`,
    [count, configId],
  );
  await till.db.query(
    `INSERT INTO payments (payment_id, merchant_id, checkout_session_id, connection_id, amount, currency, status, card_brand, card_last4)
     SELECT 'pay_bulk_' || ${n}, ${merchant}, 'cs_bulk_' || ${n}, 'con_bulk_' || ${n}, 1900, 'USD',
       CASE WHEN i % 20 = 0 THEN 'declined' ELSE 'succeeded' END, 'visa', '4242'
     FROM generate_series(1, $1) AS i`,
    [count],
  );
  // The tables filled, by name: a bare ANALYZE reads every schema of the database, and on a shared Postgres (CI) fails
  // when another test file drops its schema meanwhile ("relation with OID … does not exist").
  await till.db.query('ANALYZE merchants, connections, subscriptions, checkout_sessions, payments');
}

beforeAll(() => fillWithCustomers(10_000));

/** One of the fifty, with 200 customers; `con_bulk_000042` and `cs_bulk_000042` are its own. */
const MERCHANT = 'mer_bulk_42';

describe('list queries', () => {
  it.each([
    ['connections', listConnections, {}, ['connections: connections_by_merchant']],
    ['connections by email', listConnections, { email: 'Bulk42@example.com' }, ['connections: connections_merchant_email']],
    ['subscriptions', listSubscriptions, {}, ['subscriptions: subscriptions_by_merchant']],
    ['subscriptions by connection', listSubscriptions, { connection_id: 'con_bulk_000042' }, ['subscriptions: subscriptions_by_connection']],
    ['subscriptions by status', listSubscriptions, { status: 'canceled' }, ['subscriptions: subscriptions_by_merchant_status']],
    ['payments', listPayments, {}, ['payments: payments_by_merchant']],
    ['payments by session', listPayments, { checkout_session_id: 'cs_bulk_000042' }, ['payments: payments_by_session']],
    ['payments by connection', listPayments, { connection_id: 'con_bulk_000042' }, ['payments: payments_by_connection']],
    ['payments by status', listPayments, { status: 'declined' }, ['payments: payments_by_merchant_status']],
  ] as const)('reads %s from an index', async (_, list, query, expected) => {
    const reads: string[][] = [];
    await list(explainingStore(reads), MERCHANT, query);
    expect(reads[0]).toStrictEqual(expected);
  });

  it('reads the active subscriptions of a page of connections by connection', async () => {
    await till.subscribe();
    const reads: string[][] = [];
    await listConnections(explainingStore(reads), till.demo.merchantId, {});
    expect(reads).toStrictEqual([['connections: connections_by_merchant'], ['subscriptions: subscriptions_by_connection']]);
  });
});

describe('the renewal worker’s claim', () => {
  /** Where the plan reads `table`, with what it asks of the index and how many rows it found, run for real. */
  function readsOf(node: PlanNode & { 'Index Cond'?: string; 'Actual Rows'?: number }, table: string): object[] {
    const own = node['Relation Name'] === table ? [{ node: node['Node Type'], index: node['Index Name'], range: node['Index Cond'] !== undefined, rows: node['Actual Rows'] }] : [];
    return [...own, ...(node.Plans ?? []).flatMap((child) => readsOf(child, table))];
  }

  it('reads a range of subscriptions_due, and no subscription at all when none is due', async () => {
    const [row] = await till.db.transaction((tx) => tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_DUE_SUBSCRIPTION}`, [[]]));
    const plan = row!['QUERY PLAN'];
    const [{ Plan }] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: PlanNode }];
    expect(readsOf(Plan, 'subscriptions')).toStrictEqual([{ node: 'Index Scan', index: 'subscriptions_due', range: true, rows: 0 }]);
  });
});
