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
