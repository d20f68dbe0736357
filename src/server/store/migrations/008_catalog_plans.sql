-- Issue 10: plans and credit bundles the merchant manages through the API.
-- Written for both PGlite and Postgres 15, like the others.

-- A period is `interval_count` billing intervals (seed 003's THREE_MONTHS is month × 3), at most three years
-- long, as Stripe caps it: a longer period is a contract, not a subscription.
ALTER TABLE subscription_configs ADD COLUMN interval_count integer NOT NULL DEFAULT 1 CHECK (interval_count >= 1);
ALTER TABLE subscription_configs ADD CONSTRAINT subscription_configs_period_at_most_three_years CHECK (
  interval_count <= CASE billing_interval WHEN 'day' THEN 1095 WHEN 'week' THEN 156 WHEN 'month' THEN 36 ELSE 3 END
);

-- Archived plans and bundles can no longer start a checkout; sessions already open for them still complete,
-- and subscribers of an archived plan keep it. A price in use never changes: a new plan replaces it.
ALTER TABLE subscription_configs ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE credit_bundles ADD COLUMN active boolean NOT NULL DEFAULT true;

-- Whether any session uses a plan or bundle (`price_in_use`): as its purchase, or among its plan options.
CREATE INDEX checkout_sessions_by_config ON checkout_sessions (subscription_config_id);
CREATE INDEX checkout_sessions_by_bundle ON checkout_sessions (credit_bundle_id) WHERE credit_bundle_id IS NOT NULL;
CREATE INDEX checkout_sessions_by_plan_option ON checkout_sessions USING gin ((subscription_config_ids::jsonb));
-- GET /v1/credit_bundles/:id and the plan's bundles, in id order.
CREATE INDEX credit_bundles_by_config ON credit_bundles (subscription_config_id, credit_bundle_id);
