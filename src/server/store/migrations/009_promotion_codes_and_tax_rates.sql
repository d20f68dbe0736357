-- Issue 10: promotion codes and tax rates the merchant manages through the API.
-- Written for both PGlite and Postgres 15, like the others.

-- A `repeating` code discounts the first N payments (N billing intervals of the plan); `once` is N = 1 and
-- `forever` has no end, so only `repeating` has a count.
ALTER TABLE promotion_codes DROP CONSTRAINT promotion_codes_duration_check;
ALTER TABLE promotion_codes ADD CONSTRAINT promotion_codes_duration_check CHECK (duration IN ('once', 'forever', 'repeating'));
ALTER TABLE promotion_codes ADD COLUMN duration_in_intervals integer CHECK (duration_in_intervals BETWEEN 1 AND 1000);
ALTER TABLE promotion_codes ADD CONSTRAINT promotion_codes_repeating_count
  CHECK ((duration = 'repeating') = (duration_in_intervals IS NOT NULL));
-- An inactive code can no longer be applied; it stays, with its redemptions, and can be activated again.
ALTER TABLE promotion_codes ADD COLUMN active boolean NOT NULL DEFAULT true;
-- GET /v1/promotion_codes: a merchant's codes in id order.
CREATE INDEX promotion_codes_by_merchant ON promotion_codes (merchant_id, promotion_code_id);

-- A subscription keeps a `forever` code (promotion_code_id, no count) or a `repeating` one with the number of
-- invoices after the first that it still discounts; renewals (issue 12) count it down and drop the code at 0.
ALTER TABLE subscriptions ADD COLUMN promotion_intervals_remaining integer CHECK (promotion_intervals_remaining >= 0);
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_promotion_count
  CHECK (promotion_intervals_remaining IS NULL OR promotion_code_id IS NOT NULL);

-- Tax rates get ids, so one can be archived and replaced rather than changed. Rows from before get ids of the
-- app's shape (`txr_test_` and 26 Crockford digits) whose time part is all zeros: they sort before every id
-- `createId` makes, and the row number keeps them unique.
ALTER TABLE tax_rates ADD COLUMN tax_rate_id text;
ALTER TABLE tax_rates ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE tax_rates ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
UPDATE tax_rates t SET tax_rate_id = 'txr_test_0000000000' || lpad(r.n::text, 16, '0')
FROM (SELECT merchant_id, country, row_number() OVER (ORDER BY merchant_id, country) AS n FROM tax_rates) r
WHERE t.merchant_id = r.merchant_id AND t.country = r.country;
ALTER TABLE tax_rates ALTER COLUMN tax_rate_id SET NOT NULL;
ALTER TABLE tax_rates DROP CONSTRAINT tax_rates_pkey;
ALTER TABLE tax_rates ADD PRIMARY KEY (tax_rate_id);
-- Pricing finds a country's one active rate through this; archived rates may be many.
CREATE UNIQUE INDEX tax_rates_one_active ON tax_rates (merchant_id, country) WHERE active;
-- GET /v1/tax_rates: a merchant's rates in id order.
CREATE INDEX tax_rates_by_merchant ON tax_rates (merchant_id, tax_rate_id);
