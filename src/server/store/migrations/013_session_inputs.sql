-- Issue 10: checkout session inputs the seeds still lack. (012 is another change's.)

-- Seed 003's custom amount: the first payment's subtotal, for all seats, in the session's currency (the plan's),
-- instead of the plan's price or the bundle's cost, with its own tax behavior; both or neither. At most the
-- catalog's cap (999,999.99), as the API checks.
ALTER TABLE checkout_sessions ADD COLUMN custom_amount integer CHECK (custom_amount BETWEEN 1 AND 99999999);
ALTER TABLE checkout_sessions ADD COLUMN custom_tax_behavior text CHECK (custom_tax_behavior IN ('inclusive', 'exclusive'));
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_custom_amount_tax_behavior
  CHECK ((custom_amount IS NULL) = (custom_tax_behavior IS NULL));

-- Seed 003's customer IP address: only the country it resolved to (offline GeoIP data) is kept, never the address,
-- which is personal data Till needs for one lookup. Null when the address was private or unknown, or none was sent.
ALTER TABLE checkout_sessions ADD COLUMN ip_country text CHECK (ip_country ~ '^[A-Z]{2}$');
