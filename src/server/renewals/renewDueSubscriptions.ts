import type { SubscriptionRow } from '../connections/getConnection';
import { serializeSubscription } from '../connections/serializeSubscription';
import { recordEvent } from '../events/recordEvent';
import type { ProcessorFor } from '../payments/ProcessorFor';
import type { Database } from '../store/Database';
import { isUniqueViolation } from '../store/isUniqueViolation';
import { renewSubscription } from './renewSubscription';

/** Subscriptions renewed per round of the worker; a round that renews this many runs again at once. */
export const RENEWAL_BATCH = 20;

/**
 * The merchant's clock, in SQL: `now()` moved by the test clock (`POST /v1/test_helpers/advance_time`), which
 * only test mode can have.
 */
export const MERCHANT_NOW = "(now() + m.test_clock_offset_seconds * interval '1 second')";

/**
 * When a subscription falls due if it has no open invoice; never after its open invoice's next attempt, which is
 * made once it is due. Migration 020's `subscriptions_due` indexes this very expression.
 */
const DUE_WITHOUT_INVOICE = "(CASE WHEN s.status IN ('scheduled', 'past_due') THEN s.current_period_start ELSE least(s.current_period_end, s.ends_at) END)";

/** What is due exactly: an open invoice whose next attempt has come, else a scheduled start, else a period's end. */
const DUE = `CASE WHEN i.invoice_id IS NOT NULL THEN i.next_attempt_at
             WHEN s.status = 'scheduled' THEN s.current_period_start
             ELSE least(s.current_period_end, s.ends_at) END`;

/**
 * Not waiting after a renewal that failed with an error (`renewalFailed`): by the real clock, as the wait is for the
 * processor, not for the merchant's time.
 */
const RETRY_DUE = '(s.renewal_retry_at IS NULL OR s.renewal_retry_at <= now())';

/**
 * One subscription that has something due by its merchant's clock, locked for this transaction: an open invoice
 * whose next attempt has come (a retry, or a payment still processing); else a scheduled start; else the end of an
 * active period or of a fixed term. SKIP LOCKED passes over a subscription another worker holds, so workers in any
 * number of processes, on one Postgres, each renew different subscriptions side by side (graphile-worker's
 * `getJobs`). `$1`: subscriptions this round already failed on, so one that keeps failing holds up no other; one
 * that failed in an earlier round waits until its `renewal_retry_at`.
 *
 * Merchants on the real clock (every live one, and test modes whose clock never moved): a range of
 * `subscriptions_due` up to now, so a round that finds nothing due reads nothing. A bound that differs by merchant
 * is no range of one index, hence the second claim.
 */
export const CLAIM_DUE_SUBSCRIPTION = `
  SELECT s.subscription_id FROM subscriptions s
  JOIN merchants m ON m.merchant_id = s.merchant_id
  LEFT JOIN invoices i ON i.subscription_id = s.subscription_id AND i.status = 'open'
  WHERE s.status IN ('scheduled', 'active', 'past_due') AND NOT (s.subscription_id = ANY($1)) AND ${RETRY_DUE}
    AND ${DUE_WITHOUT_INVOICE} <= now() AND m.test_clock_offset_seconds = 0 AND ${DUE} <= now()
  ORDER BY ${DUE_WITHOUT_INVOICE}
  LIMIT 1
  FOR UPDATE OF s SKIP LOCKED`;

/**
 * The same, for test modes whose clock was moved forward (`POST /v1/test_helpers/advance_time`): their own
 * subscriptions only, each by its merchant's time. With no such merchant, it reads the merchants and nothing more.
 * Each merchant's subscriptions are read through the merchant's index (a lateral subquery): as one join under
 * `LIMIT 1`, the planner would scan every subscription in the hope of finding a due one early (issue 13's plan test).
 */
export const CLAIM_DUE_ON_TEST_CLOCK = `
  SELECT due.subscription_id FROM merchants m
  CROSS JOIN LATERAL (
    SELECT s.subscription_id FROM subscriptions s
    LEFT JOIN invoices i ON i.subscription_id = s.subscription_id AND i.status = 'open'
    WHERE s.merchant_id = m.merchant_id AND s.status IN ('scheduled', 'active', 'past_due') AND NOT (s.subscription_id = ANY($1))
      AND ${RETRY_DUE} AND ${DUE} <= ${MERCHANT_NOW}
    LIMIT 1
    FOR UPDATE OF s SKIP LOCKED
  ) due
  WHERE m.test_clock_offset_seconds > 0
  LIMIT 1`;

export interface RenewalOptions {
  db: Database;
  /** Who charges each merchant's cards; it works in the renewal's transaction. */
  processorFor: ProcessorFor;
  /** A renewal that failed (the processor unreachable, say): reported, and tried again after a wait (`renewalFailed`). */
  onError: (error: unknown) => void;
}

/**
 * Renews up to `limit` due subscriptions, one transaction each: the claim, the charge (with an idempotency key
 * derived from the subscription and the period), the invoice, the subscription's new period and the events commit
 * together or not at all. A process killed after the processor charged but before the commit leaves nothing
 * behind in Till's store; the next attempt asks the processor with the same key and gets the same payment back.
 * The unique index on (subscription_id, period_start) is the last guard: should two workers ever both bill a
 * period, the second insert fails and is taken as "already done", as Lago does. Returns how many it renewed (or
 * ended, or retried), so the worker runs again while it finds a full batch.
 */
export async function renewDueSubscriptions({ db, processorFor, onError }: RenewalOptions, limit = RENEWAL_BATCH): Promise<number> {
  const failed: string[] = [];
  let done = 0;
  while (done < limit) {
    let claimed: string | null = null;
    try {
      await db.transaction(async (tx) => {
        // The second claim only when the first found nothing: each locks what it finds until this transaction ends.
        const claim = (sql: string) => tx.query<{ subscription_id: string }>(sql, [failed]).then(([row]) => row);
        const due = (await claim(CLAIM_DUE_SUBSCRIPTION)) ?? (await claim(CLAIM_DUE_ON_TEST_CLOCK));
        if (!due) return;
        claimed = due.subscription_id;
        await renewSubscription(tx, due.subscription_id, processorFor);
        await tx.query('UPDATE subscriptions SET renewal_errors = 0, renewal_retry_at = NULL WHERE subscription_id = $1 AND renewal_errors > 0', [
          due.subscription_id,
        ]);
      });
    } catch (error) {
      if (claimed === null) throw error; // the claim itself failed: the store, most likely; the round reports it
      if (!isUniqueViolation(error)) {
        onError(error);
        failed.push(claimed);
        await renewalFailed(db, claimed).catch(onError);
      }
    }
    if (claimed === null) return done;
    done++;
  }
  return done;
}

/**
 * How long past its renewal an active subscription that could not be charged (errors, not declines) stays `active`:
 * long enough to ride out a processor's outage unseen, short enough that a customer whose card is never asked (the
 * merchant's keys revoked, say) does not go on unpaid while the merchant hears nothing.
 */
export const PAST_DUE_AFTER_ERRORS = '1 hour';

/**
 * A renewal that failed with an error rather than a decline (the processor down, or not knowing the saved card) is
 * tried again after a wait that doubles with each failure in a row, from half a minute up to an hour, rather than at
 * every round: a processor in trouble is not asked once a second per subscription, and the log says it once a wait.
 * The count goes back to 0 once a renewal of the subscription commits.
 *
 * An active subscription whose period ended `PAST_DUE_AFTER_ERRORS` ago, by its merchant's clock, becomes `past_due`
 * (`subscription.past_due`), as a declined one does; it is never canceled for errors, as its card was never refused,
 * and the renewal that finally commits makes it `active` again. One with an open invoice was charged already, and
 * waits on that charge; a scheduled one has had nothing to use yet.
 */
function renewalFailed(db: Database, subscriptionId: string) {
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE subscriptions SET renewal_errors = renewal_errors + 1,
         renewal_retry_at = now() + least(interval '1 hour', interval '30 seconds' * power(2, least(renewal_errors, 10)))
       WHERE subscription_id = $1`,
      [subscriptionId],
    );
    const [pastDue] = await tx.query<SubscriptionRow>(
      `UPDATE subscriptions s SET status = 'past_due' FROM merchants m
       WHERE s.subscription_id = $1 AND m.merchant_id = s.merchant_id AND s.status = 'active'
         AND s.current_period_end <= ${MERCHANT_NOW} - interval '${PAST_DUE_AFTER_ERRORS}'
         AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.subscription_id AND i.status = 'open')
       RETURNING s.*`,
      [subscriptionId],
    );
    if (pastDue) await recordEvent(tx, pastDue.merchant_id, 'subscription.past_due', serializeSubscription(pastDue));
  });
}
