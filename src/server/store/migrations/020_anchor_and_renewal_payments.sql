-- Issue 12: periods anchor to the subscription's first start, as Stripe's `billing_cycle_anchor` does: the n-th
-- period ends n intervals after the anchor (Jan 31 → Feb 28 → Mar 31 → Apr 30), instead of one interval after the
-- previous end, which drifts to the shortest month's day for good (Jan 31 → Feb 28 → Mar 28). A column, because no
-- other can tell it: once a period ended on Feb 28, neither that period nor the next says the customer began on
-- the 31st. The first period's start is the anchor: the checkout's payment, or a later `start_date`.
ALTER TABLE subscriptions ADD COLUMN billing_cycle_anchor timestamptz;
-- A subscription that never renewed still has its first period, whose start is the anchor. One that renewed keeps
-- the day its periods have now: anchoring it to its first start instead would make its next period a short one
-- (Apr 28 → Apr 30), charged in full.
UPDATE subscriptions SET billing_cycle_anchor = current_period_start;
ALTER TABLE subscriptions ALTER COLUMN billing_cycle_anchor SET NOT NULL;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_anchor_before_period CHECK (billing_cycle_anchor <= current_period_start);

-- Every renewal charge is a payment too, as each of Stripe's invoices is paid by a PaymentIntent: `GET /v1/payments`
-- lists it and `POST /v1/payments/{id}/refund` refunds it, held within what was paid by the same check
-- (`payments_refunded_within_amount`) and row lock as a checkout's payment, so a merchant refunds any charge one
-- way. A payment is for a checkout session or for an invoice, never both. Migration 016 kept renewals out of this
-- table so as not to loosen what a checkout's payment guarantees; those guarantees stay on the rows that have a
-- session (one waiting payment per session, the session of the payment's merchant), and the check says which
-- kind a row is. The invoice keeps counting its attempts: each attempt the processor answered is a payment here.
ALTER TABLE payments ALTER COLUMN checkout_session_id DROP NOT NULL;
ALTER TABLE payments ADD COLUMN invoice_id text;
ALTER TABLE payments ADD CONSTRAINT payments_for_session_or_invoice CHECK ((checkout_session_id IS NULL) <> (invoice_id IS NULL));
-- As 006 does for sessions: the database refuses a payment for another merchant's invoice.
DROP INDEX invoices_by_merchant;
CREATE UNIQUE INDEX invoices_by_merchant ON invoices (merchant_id, invoice_id);
ALTER TABLE payments ADD CONSTRAINT payments_invoice_of_merchant FOREIGN KEY (merchant_id, invoice_id) REFERENCES invoices (merchant_id, invoice_id);
-- The payment of the invoice's latest attempt, which refunds it once paid. Null for an invoice never charged
-- (nothing was due, or no card was saved), and for one charged before this migration: the processor's dashboard
-- refunds those.
ALTER TABLE invoices ADD COLUMN payment_id text REFERENCES payments;
-- The worker's sweep of slow checkout payments (migration 018) leaves a renewal's to the renewal worker.
DROP INDEX payments_processing;
CREATE INDEX payments_processing ON payments (checked_at NULLS FIRST) WHERE status = 'processing' AND checkout_session_id IS NOT NULL;

-- The renewal worker's claim (`renewDueSubscriptions`) read 016's `subscriptions_due` only for its order: the
-- condition of being due was no range of it, so each round walked every live subscription to find none due.
-- Indexed now is when a subscription falls due without its open invoice: a scheduled one's start, an active one's
-- period end (or fixed term's end, if sooner), and a past-due one's period start. That is never after its open
-- invoice's next attempt (the invoice is made once the subscription is due), so the claim bounds it by this
-- index's range first, on merchants whose clock is the real one, and checks the invoice after.
DROP INDEX subscriptions_due;
CREATE INDEX subscriptions_due ON subscriptions
  ((CASE WHEN status IN ('scheduled', 'past_due') THEN current_period_start ELSE least(current_period_end, ends_at) END))
  WHERE status IN ('scheduled', 'active', 'past_due');
