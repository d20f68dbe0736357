import type { Queryable } from '../../../src/server/store/Database';

export interface FillOptions {
  /** Rows added to each table that grows with use (sessions, connections, subscriptions, payments, events, …). */
  rows: number;
  /** The businesses those rows are spread over; each gets a plan, a bundle, a promotion code and a webhook endpoint. */
  merchants?: number;
}

/**
 * Fills a migrated store with `rows` rows per growing table by SQL alone (seconds where the API would take hours),
 * as a long-lived Till would hold them: every customer has a session, a payment, a subscription that is not due,
 * a paid invoice, a refund, an event delivered to its merchant's endpoint. The rows belong to merchants of their
 * own (`mer_test_fill_…`), so a store's other merchants see none of them and their queries stay comparable.
 * Ids sort after the ULIDs the server makes today, as those of an older store would not; no query may depend on it.
 */
export async function fillStore(db: Queryable, { rows, merchants = 100 }: FillOptions): Promise<void> {
  // Row i belongs to merchant i % merchants, is i minutes older than now, and links to the other tables' row i. Its
  // ids carry i zero-padded (n), so each table's ids grow as it is filled, as the server's ULIDs do: each insert
  // lands at the end of its id indexes, as a server's would. Unpadded, 'con_fill_10' sorts before 'con_fill_9', and
  // the inserts land all over the indexes, which made the fill take half again as long (issue 13).
  const series = `generate_series(1, ${Math.trunc(rows)}) AS i, LATERAL (SELECT lpad(i::text, ${String(Math.trunc(rows)).length}, '0') AS n) AS padded`;
  const merchant = `'mer_test_fill_' || (i % ${Math.trunc(merchants)})`;
  const at = "now() - i * interval '1 minute'";
  const statements = [
    `INSERT INTO merchants (merchant_id, name, account_id, livemode, created_at)
       SELECT 'mer_test_fill_' || m, 'Filler ' || m, 'mer_test_fill_' || m, false, now() FROM generate_series(0, ${merchants - 1}) AS m`,
    `INSERT INTO subscription_configs (subscription_config_id, merchant_id, name, period_amount, currency, billing_interval, included_credit, created_at)
       SELECT 'sc_fill_' || m, 'mer_test_fill_' || m, 'Plan', 1900, 'USD', 'month', 100, now() FROM generate_series(0, ${merchants - 1}) AS m`,
    `INSERT INTO credit_bundles (credit_bundle_id, subscription_config_id, name, cost, credit_amount, created_at, active)
       SELECT 'cb_fill_' || m, 'sc_fill_' || m, 'Bundle', 500, 50, now(), true FROM generate_series(0, ${merchants - 1}) AS m`,
    `INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, duration, times_redeemed, created_at, active)
       SELECT 'promo_fill_' || m, 'mer_test_fill_' || m, 'FILL' || m, 10, 'forever', 0, now(), true FROM generate_series(0, ${merchants - 1}) AS m`,
    `INSERT INTO webhook_endpoints (webhook_endpoint_id, merchant_id, url, enabled_events, status, secret, livemode, created_at)
       SELECT 'we_fill_' || m, 'mer_test_fill_' || m, 'https://example.com/hooks/' || m, ARRAY['*'], 'enabled', 'whsec_ZmlsbGVy', false, now()
       FROM generate_series(0, ${merchants - 1}) AS m`,
    `INSERT INTO connections (connection_id, merchant_id, email, name, credit_balance, card_brand, card_last4, card_exp_month, card_exp_year,
         payment_method_id, country, created_at)
       SELECT 'con_fill_' || n, ${merchant}, 'customer' || n || '@example.com', 'Customer ' || n, 100, 'visa', '4242', 12, 2040,
         'pm_fill_' || n, 'US', ${at} FROM ${series}`,
    `INSERT INTO checkout_sessions (checkout_session_id, merchant_id, secret_hash, checkout_mode, origin_url, connection_id, subscription_config_id,
         status, created_at, expires_at, completed_at, lock_email, quantity, allow_promotion_codes, metadata, amount_total)
       SELECT 'cs_fill_' || n, ${merchant}, 'hash_fill_' || n, 'subscription', 'https://shop.example/', 'con_fill_' || n,
         'sc_fill_' || (i % ${merchants}), 'completed', ${at}, ${at} + interval '1 hour', ${at}, false, 1, false, '{}', 1900 FROM ${series}`,
    `INSERT INTO checkout_idempotency_keys (checkout_session_id, idempotency_key, status, body, created_at)
       SELECT 'cs_fill_' || n, 'key_fill_' || n, 200, '{}', ${at} FROM ${series}`,
    `INSERT INTO promotion_redemptions (checkout_session_id, promotion_code_id, connection_id, created_at)
       SELECT 'cs_fill_' || n, 'promo_fill_' || (i % ${merchants}), 'con_fill_' || n, ${at} FROM ${series}`,
    `INSERT INTO test_payment_methods (payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, behaviour, test_number, created_at)
       SELECT 'pm_fill_' || n, 'visa', '4242', 12, 2040, 'succeeds', true, ${at} FROM ${series}`,
    `INSERT INTO test_payment_intents (payment_intent_id, idempotency_key, payment_method_id, amount, currency, off_session, status, amount_refunded, created_at)
       SELECT 'pi_fill_' || n, 'attempt_fill_' || n, 'pm_fill_' || n, 1900, 'USD', false, 'succeeded', 100, ${at} FROM ${series}`,
    `INSERT INTO test_refunds (refund_id, idempotency_key, payment_intent_id, amount, created_at)
       SELECT 're_fill_' || n, 'refund_fill_' || n, 'pi_fill_' || n, 100, ${at} FROM ${series}`,
    `INSERT INTO payments (payment_id, checkout_session_id, merchant_id, connection_id, amount, currency, status, card_brand, card_last4,
         card_exp_month, card_exp_year, processor, processor_payment_id, attempt_key, payment_method_id, amount_refunded, created_at)
       SELECT 'pay_fill_' || n, 'cs_fill_' || n, ${merchant}, 'con_fill_' || n, 1900, 'USD', 'succeeded', 'visa', '4242', 12, 2040,
         'test', 'pi_fill_' || n, 'attempt_fill_' || n, 'pm_fill_' || n, 100, ${at} FROM ${series}`,
    `INSERT INTO refunds (refund_id, merchant_id, payment_id, sequence, amount, currency, processor_refund_id, created_at)
       SELECT 'ref_fill_' || n, ${merchant}, 'pay_fill_' || n, 1, 100, 'USD', 're_fill_' || n, ${at} FROM ${series}`,
    // Nine in ten are active and not due for a year; the rest ended.
    `INSERT INTO subscriptions (subscription_id, merchant_id, connection_id, subscription_config_id, status, current_period_start,
         current_period_end, billing_cycle_anchor, created_at, quantity, cancel_at_period_end, canceled_at, ended_at)
       SELECT 'sub_fill_' || n, ${merchant}, 'con_fill_' || n, 'sc_fill_' || (i % ${merchants}), s.status, now(), now() + interval '1 year',
         now(), ${at}, 1, false, s.ended, s.ended
       FROM ${series}, LATERAL (SELECT CASE WHEN i % 10 = 0 THEN 'canceled' ELSE 'active' END AS status,
         CASE WHEN i % 10 = 0 THEN now() END AS ended) AS s`,
    `INSERT INTO invoices (invoice_id, merchant_id, subscription_id, connection_id, period_start, period_end, currency, subtotal, discount, tax,
         amount, status, attempts, processor, processor_payment_id, paid_at, created_at)
       SELECT 'in_fill_' || n, ${merchant}, 'sub_fill_' || n, 'con_fill_' || n, ${at} - interval '1 month', ${at}, 'USD', 1900, 0, 0,
         1900, 'paid', 1, 'test', 'pi_fill_' || n, ${at}, ${at} FROM ${series}`,
    `INSERT INTO events (event_id, merchant_id, type, livemode, data, created_at)
       SELECT 'evt_fill_' || n, ${merchant}, 'checkout.completed', false, '{}', ${at} FROM ${series}`,
    `INSERT INTO webhook_deliveries (delivery_id, event_id, webhook_endpoint_id, status, attempts, schedule_from, next_attempt_at, redeliver_requested, created_at)
       SELECT 'del_fill_' || n, 'evt_fill_' || n, 'we_fill_' || (i % ${merchants}), 'delivered', 1, 0, ${at}, false, ${at} FROM ${series}`,
    `INSERT INTO webhook_attempts (attempt_id, delivery_id, webhook_endpoint_id, event_id, attempt, succeeded, response_status, duration_ms, created_at)
       SELECT 'wa_fill_' || n, 'del_fill_' || n, 'we_fill_' || (i % ${merchants}), 'evt_fill_' || n, 1, true, 200, 40, ${at} FROM ${series}`,
    // The worker sweeps these as they expire, so a store holds only the last hour's: none is past its time.
    `INSERT INTO idempotency_keys (merchant_id, idempotency_key, request_fingerprint, status, response_body, created_at)
       SELECT ${merchant}, 'key_fill_' || n, 'fingerprint', 201, '{}', now() - (i % 3600) * interval '1 second' FROM ${series}`,
    // Windows of a minute, as the server's, but starting ten minutes on: the plans are read after the rest of the fill,
    // which on a busy machine took over a minute, and a store whose every window has ended (so that the sweep's
    // DELETE reads the whole table, rightly) is one no server holds: it sweeps them as they end.
    `INSERT INTO rate_limit_counters (bucket, hits, window_ends_at)
       SELECT 'fill:' || n, 1, now() + interval '10 minutes' + (i % 60 + 1) * interval '1 second' FROM ${series}`,
  ];
  // Statistics, as autovacuum would have gathered them: the planner chooses by them.
  const analyze = `ANALYZE ${[...GROWING_TABLES, 'merchants', 'subscription_configs', 'credit_bundles', 'promotion_codes', 'webhook_endpoints'].join(', ')}`;
  // The rows are consistent by construction, so their foreign keys need not be checked row by row, a lookup in the
  // referenced table for each key of each row: that is half the time or more. Where the role may (PGlite's does),
  // they are not checked at all. A Postgres role that is not a superuser may neither do that nor disable the
  // constraints' triggers, so there the foreign keys from and to the growing tables are dropped while the rows go in
  // and added again from their own definitions after, each then checked by one join over its table: 37 → 14 s for
  // 100 k rows, about 500 → 160 s for 1 M (issue 13). The store ends with the same constraints, all validated.
  const [{ superuser }] = (await db.query<{ superuser: boolean }>('SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user')) as [
    { superuser: boolean },
  ];
  const foreignKeys = superuser
    ? []
    : await db.query<{ table: string; name: string; definition: string }>(
        `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
           AND EXISTS (SELECT FROM pg_class WHERE oid IN (conrelid, confrelid) AND relname = ANY($1))`,
        [GROWING_TABLES],
      );
  for (const { table, name } of foreignKeys) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  if (superuser) await db.query('SET session_replication_role = replica');
  // The growing tables' indexes are dropped while the rows go in and made again from their own definitions before
  // ANALYZE: building an index over 100 k rows at once costs less than growing it row by row (32 → 23 CPU-s on
  // PGlite, issue 13). The plans are read with the same indexes either way. Those a constraint uses (a key's, or one
  // a foreign key still in place refers to) stay, as dropping them would drop the constraint.
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1)
       AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = format('%I.%I', schemaname, indexname)::regclass)`,
    [GROWING_TABLES],
  );
  try {
    for (const { indexname } of indexes) await db.query(`DROP INDEX ${indexname}`);
    for (const sql of statements) await db.query(sql);
    for (const { indexdef } of indexes) await db.query(indexdef);
    for (const { table, name, definition } of foreignKeys) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`);
    await db.query(analyze);
  } finally {
    if (superuser) await db.query('SET session_replication_role = DEFAULT');
  }
}

/** The tables `fillStore` grows: those a query may not read from end to end. */
export const GROWING_TABLES = [
  'checkout_sessions',
  'checkout_idempotency_keys',
  'connections',
  'events',
  'idempotency_keys',
  'invoices',
  'payments',
  'promotion_redemptions',
  'rate_limit_counters',
  'refunds',
  'subscriptions',
  'test_payment_intents',
  'test_payment_methods',
  'test_refunds',
  'webhook_attempts',
  'webhook_deliveries',
] as const;
