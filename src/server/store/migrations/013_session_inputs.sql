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

-- Seed 002's start_date and end_date, for subscriptions only. A later start_date defers the first payment to it
-- (nothing is charged at checkout, so a custom amount, which is charged then, never comes with it); end_date makes
-- a fixed term. The API checks the rest: start_date after the session expires, at most a year ahead.
ALTER TABLE checkout_sessions ADD COLUMN start_date timestamptz;
ALTER TABLE checkout_sessions ADD COLUMN end_date timestamptz;
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_term_of_a_subscription
  CHECK (checkout_mode = 'subscription' OR (start_date IS NULL AND end_date IS NULL));
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_end_after_start CHECK (end_date > start_date);
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_custom_amount_paid_at_checkout
  CHECK (custom_amount IS NULL OR start_date IS NULL);

-- A subscription bought with a later start_date is 'scheduled' until then: its first period starts at start_date,
-- and nothing has been charged (the card is on the connection). Issue 12's renewals charge it then and make it
-- 'active'. ends_at is a fixed term's end (end_date); renewals end it then rather than renew it.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check CHECK (status IN ('scheduled', 'active', 'canceled'));
ALTER TABLE subscriptions ADD COLUMN ends_at timestamptz;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_ends_after_start CHECK (ends_at > current_period_start);
