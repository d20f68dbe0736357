import { anchoredPeriodEnd } from '../anchoredPeriodEnd';
import type { SubscriptionRow } from '../connections/getConnection';
import { serializeSubscription } from '../connections/serializeSubscription';
import { recordEvent } from '../events/recordEvent';
import { createId } from '../ids';
import { serializeInvoice, type InvoiceRow } from '../invoices/serializeInvoice';
import { isLive, modeOf } from '../modes';
import type { ProcessorPayment } from '../payments/PaymentProcessor';
import type { ProcessorFor } from '../payments/ProcessorFor';
import { chargerOfSavedCard, ownerForgotten } from '../payments/savedCardOwner';
import type { Queryable } from '../store/Database';
import type { DueSubscription } from './DueSubscription';
import { priceRenewal } from './priceRenewal';
import { recordRenewalPayment } from './recordRenewalPayment';
import { nextRenewalAttempt } from './renewalRetrySchedule';

/** How soon a renewal the processor is still settling (`processing`) is looked at again. */
const PROCESSING_CHECK_MS = 5000;

/**
 * What falls due for one subscription, decided again under its row lock from what the store says now (the claim
 * may have read a row another worker has since renewed), in the merchant's time:
 * 1. An open invoice whose next attempt has come is tried again, unless the merchant asked meanwhile to cancel at
 *    the period's end: then it is void and the subscription ends, once no charge of it is still settling (that one
 *    is looked at first: it may yet pay).
 * 2. A scheduled subscription whose start has come is charged its first period (status `active`).
 * 3. An active one whose fixed term (`ends_at`) ends by its period's end ends then; one set to cancel at the
 *    period's end ends then; any other is charged the next period.
 * A declined charge leaves the invoice open, retried on `RENEWAL_RETRY_DAYS` (the subscription `past_due`), until
 * the last attempt fails: the invoice is void and the subscription canceled.
 */
export async function renewSubscription(tx: Queryable, subscriptionId: string, processorFor: ProcessorFor): Promise<void> {
  const [subscription] = await tx.query<DueSubscription>(
    `SELECT s.*, c.billing_interval, c.interval_count, c.included_credit,
       coalesce(s.payment_method_id, n.payment_method_id) AS renewal_payment_method_id,
       CASE WHEN s.payment_method_id IS NULL THEN n.country ELSE s.country END AS renewal_country,
       CASE WHEN s.payment_method_id IS NULL THEN n.payment_method_processor ELSE s.payment_method_processor END AS renewal_payment_method_processor,
       CASE WHEN s.payment_method_id IS NULL THEN n.payment_method_credentials_id ELSE s.payment_method_credentials_id END
         AS renewal_payment_method_credentials_id,
       now() + m.test_clock_offset_seconds * interval '1 second' AS clock_now
     FROM subscriptions s
     JOIN merchants m ON m.merchant_id = s.merchant_id
     JOIN subscription_configs c ON c.subscription_config_id = s.subscription_config_id
     JOIN connections n ON n.connection_id = s.connection_id
     WHERE s.subscription_id = $1`,
    [subscriptionId],
  );
  if (!subscription) return;
  const now = subscription.clock_now;
  const [open] = await tx.query<InvoiceRow>("SELECT * FROM invoices WHERE subscription_id = $1 AND status = 'open' FOR UPDATE", [subscriptionId]);
  if (subscription.status === 'canceled') return;
  if (open) {
    if (open.next_attempt_at! > now) return;
    if (subscription.cancel_at_period_end && subscription.status === 'past_due' && !chargeSettling(open)) {
      await voidInvoice(tx, open);
      return endSubscription(tx, subscription, subscription.cancel_at!);
    }
    return attemptInvoice(tx, subscription, open, processorFor);
  }
  if (subscription.status === 'scheduled') {
    if (subscription.current_period_start > now) return;
    const invoice = await createInvoice(tx, subscription, subscription.current_period_start, subscription.current_period_end);
    return attemptInvoice(tx, subscription, invoice, processorFor);
  }
  if (subscription.ends_at && subscription.ends_at <= subscription.current_period_end) {
    if (subscription.ends_at <= now) await endSubscription(tx, subscription, subscription.ends_at);
    return;
  }
  if (subscription.current_period_end > now) return;
  if (subscription.cancel_at_period_end) return endSubscription(tx, subscription, subscription.current_period_end);
  const periodStart = subscription.current_period_end;
  const periodEnd = anchoredPeriodEnd(subscription.billing_cycle_anchor, periodStart, subscription.billing_interval, subscription.interval_count);
  const invoice = await createInvoice(tx, subscription, periodStart, periodEnd);
  return attemptInvoice(tx, subscription, invoice, processorFor);
}

/** Whether the invoice's latest charge is still settling at the processor (`processing`), neither paid nor declined. */
const chargeSettling = (invoice: InvoiceRow) => invoice.processor_payment_id !== null && invoice.decline_code === null;

/**
 * The invoice of one period, open, priced now. A period already billed makes the insert fail on
 * `invoices_one_per_period`, and the caller takes that as done. The promotion code counts the invoice it
 * discounted here, when the amount is fixed: retries charge the same amount.
 */
async function createInvoice(tx: Queryable, subscription: DueSubscription, periodStart: Date, periodEnd: Date): Promise<InvoiceRow> {
  const price = await priceRenewal(tx, subscription);
  const [invoice] = await tx.query<InvoiceRow>(
    `INSERT INTO invoices (invoice_id, merchant_id, subscription_id, connection_id, period_start, period_end, currency,
       subtotal, discount, tax, amount, status, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $12) RETURNING *`,
    [createId('in', modeOf(subscription.merchant_id)), subscription.merchant_id, subscription.subscription_id, subscription.connection_id,
      periodStart, periodEnd, price.currency, price.subtotal, price.discount, price.tax, price.total, subscription.clock_now],
  );
  if (subscription.promotion_intervals_remaining !== null) {
    // At 0 the code no longer discounts: it is dropped, as migration 009 says.
    await tx.query(
      `UPDATE subscriptions SET
         promotion_code_id = CASE WHEN promotion_intervals_remaining <= 1 THEN NULL ELSE promotion_code_id END,
         promotion_intervals_remaining = CASE WHEN promotion_intervals_remaining <= 1 THEN NULL ELSE promotion_intervals_remaining - 1 END
       WHERE subscription_id = $1`,
      [subscription.subscription_id],
    );
  }
  return invoice!;
}

/**
 * Charges the invoice once, off-session, with the subscription's card (`renewal_payment_method_id`), or looks
 * again at a charge that was still processing; each attempt the processor answers is a payment of the invoice (`recordRenewalPayment`). The idempotency key names the subscription, the period and the attempt: a crash before the
 * commit rolls the attempt's count back too, so the next try sends the same key and the processor answers with the
 * payment it already made, while a retry after a decline is a new attempt and a new charge. Nothing is charged for
 * an invoice of zero (a discount of everything).
 */
async function attemptInvoice(tx: Queryable, subscription: DueSubscription, invoice: InvoiceRow, processorFor: ProcessorFor) {
  let payment: ProcessorPayment | null = null;
  let attempts = invoice.attempts;
  const lookAgain = chargeSettling(invoice);
  const owner = {
    payment_method_processor: subscription.renewal_payment_method_processor,
    payment_method_credentials_id: subscription.renewal_payment_method_credentials_id,
  };
  const card = ownerForgotten(owner) ? null : subscription.renewal_payment_method_id;
  // A charge still processing is looked at where it was made, and a new charge is made where the card was saved,
  // even if the merchant has moved to another processor or account since: no other can charge that card.
  const takenBy = lookAgain
    ? { processor: invoice.processor!, processor_credentials_id: invoice.processor_credentials_id }
    : card ? chargerOfSavedCard(owner) : null;
  const processor = await processorFor(subscription.merchant_id, tx, takenBy);
  if (lookAgain) {
    payment = await processor.retrievePayment(invoice.processor_payment_id!);
  } else if (invoice.amount > 0 && card) {
    attempts++;
    payment = await processor.chargeOffSession({
      idempotencyKey: `renewal_${subscription.subscription_id}_${invoice.period_start.toISOString()}_${attempts}`,
      amount: invoice.amount,
      currency: invoice.currency,
      paymentMethodId: card,
      livemode: isLive(subscription.merchant_id),
    });
  } else if (invoice.amount > 0) {
    attempts++; // no card was ever saved, or none a processor can charge: declined without asking one
  }
  const paymentId = payment && (await recordRenewalPayment(tx, subscription, invoice, processor, payment, lookAgain));
  const now = subscription.clock_now;
  const status = payment?.status ?? (invoice.amount === 0 ? 'succeeded' : 'declined');
  if (status === 'succeeded') {
    const [paid] = await tx.query<InvoiceRow>(
      `UPDATE invoices SET status = 'paid', paid_at = $2, next_attempt_at = NULL, attempts = $3, decline_code = NULL,
         processor = $4, processor_payment_id = $5, payment_id = $6, processor_credentials_id = $7
       WHERE invoice_id = $1 RETURNING *`,
      [invoice.invoice_id, now, attempts, payment ? processor.name : null, payment?.id ?? null, paymentId, payment ? processor.credentialsId : null],
    );
    return startPaidPeriod(tx, subscription, paid!);
  }
  if (status === 'processing' || status === 'requires_action') {
    // requires_action never comes back off-session; were it to, it is looked at again like a payment still processing.
    await tx.query(
      `UPDATE invoices SET attempts = $2, next_attempt_at = $3, processor = $4, processor_payment_id = $5, decline_code = NULL, payment_id = $6,
         processor_credentials_id = $7
       WHERE invoice_id = $1`,
      [invoice.invoice_id, attempts, new Date(now.getTime() + PROCESSING_CHECK_MS), processor.name, payment!.id, paymentId, processor.credentialsId],
    );
    return;
  }
  const declineCode = payment?.status === 'declined' ? payment.declineCode : 'card_declined';
  const retryAt = nextRenewalAttempt(invoice.created_at, attempts);
  const [failed] = await tx.query<InvoiceRow>(
    `UPDATE invoices SET status = $2, next_attempt_at = $3, attempts = $4, decline_code = $5, processor = $6, processor_payment_id = $7,
       payment_id = coalesce($8, payment_id), processor_credentials_id = $9
     WHERE invoice_id = $1 RETURNING *`,
    [invoice.invoice_id, retryAt ? 'open' : 'void', retryAt, attempts, declineCode, payment ? processor.name : null, payment?.id ?? null, paymentId,
      payment ? processor.credentialsId : null],
  );
  await recordEvent(tx, subscription.merchant_id, 'invoice.payment_failed', serializeInvoice(failed!));
  if (!retryAt) return endSubscription(tx, subscription, now);
  if (subscription.status !== 'past_due') {
    const [pastDue] = await tx.query<SubscriptionRow>("UPDATE subscriptions SET status = 'past_due' WHERE subscription_id = $1 RETURNING *", [
      subscription.subscription_id,
    ]);
    await recordEvent(tx, subscription.merchant_id, 'subscription.past_due', serializeSubscription(pastDue!));
  }
}

/**
 * The paid invoice's period becomes the subscription's, `active`. A renewal grants the plan's included credit for
 * the new period; the first period of a scheduled subscription does not, as its checkout granted it already.
 */
async function startPaidPeriod(tx: Queryable, subscription: DueSubscription, invoice: InvoiceRow) {
  const [renewed] = await tx.query<SubscriptionRow>(
    `UPDATE subscriptions SET status = 'active', current_period_start = $2, current_period_end = $3::timestamptz,
       cancel_at = CASE WHEN cancel_at_period_end THEN $3::timestamptz ELSE NULL END
     WHERE subscription_id = $1 RETURNING *`,
    [subscription.subscription_id, invoice.period_start, invoice.period_end],
  );
  if (invoice.period_start > subscription.current_period_start && subscription.included_credit > 0) {
    await tx.query('UPDATE connections SET credit_balance = credit_balance + $2 WHERE connection_id = $1', [
      subscription.connection_id,
      subscription.included_credit,
    ]);
  }
  await recordEvent(tx, subscription.merchant_id, 'invoice.paid', serializeInvoice(invoice));
  await recordEvent(tx, subscription.merchant_id, 'subscription.renewed', serializeSubscription(renewed!));
}

async function voidInvoice(tx: Queryable, invoice: InvoiceRow) {
  await tx.query("UPDATE invoices SET status = 'void', next_attempt_at = NULL WHERE invoice_id = $1", [invoice.invoice_id]);
}

/** Canceled, ended at `at`: the period's end, the fixed term's end, or now when the retries ran out. */
async function endSubscription(tx: Queryable, subscription: DueSubscription, at: Date) {
  const [ended] = await tx.query<SubscriptionRow>(
    `UPDATE subscriptions SET status = 'canceled', canceled_at = coalesce(canceled_at, $2), ended_at = $2 WHERE subscription_id = $1 RETURNING *`,
    [subscription.subscription_id, at],
  );
  await recordEvent(tx, subscription.merchant_id, 'subscription.canceled', serializeSubscription(ended!));
}
