-- Issue 4: seats, promotion codes, taxes and what a session can ask for.
-- Written for both PGlite and Postgres 15: no extensions, plain types; JSON kept as text so it comes back verbatim.

-- Per-seat plans (seed 003): the price is per seat and the quantity stays within min..max. Other plans sell one.
ALTER TABLE subscription_configs ADD COLUMN seat_based boolean NOT NULL DEFAULT false;
ALTER TABLE subscription_configs ADD COLUMN min_quantity integer NOT NULL DEFAULT 1 CHECK (min_quantity >= 1);
ALTER TABLE subscription_configs ADD COLUMN max_quantity integer NOT NULL DEFAULT 1 CHECK (max_quantity <= 10000);
ALTER TABLE subscription_configs ADD CONSTRAINT subscription_configs_quantity_range
  CHECK (max_quantity >= min_quantity AND (seat_based OR (min_quantity = 1 AND max_quantity = 1)));
-- Whether the price includes tax (seed 003); a plan's bundles follow their plan.
ALTER TABLE subscription_configs ADD COLUMN tax_behavior text NOT NULL DEFAULT 'exclusive'
  CHECK (tax_behavior IN ('inclusive', 'exclusive'));

ALTER TABLE merchants ADD COLUMN logo_url text CHECK (char_length(logo_url) BETWEEN 1 AND 2083);

-- A merchant's tax rate per country (ISO 3166-1 alpha-2), in basis points: 1900 is 19 %.
CREATE TABLE tax_rates (
  merchant_id text NOT NULL REFERENCES merchants,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
  display_name text NOT NULL,
  PRIMARY KEY (merchant_id, country)
);

-- Codes are kept upper-case and matched case-insensitively. Exactly one of percent_off and amount_off; a fixed
-- amount is in one currency's minor units. times_redeemed counts completed checkouts that used the code.
CREATE TABLE promotion_codes (
  promotion_code_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  code text NOT NULL CHECK (code = upper(code) AND char_length(code) BETWEEN 1 AND 64),
  percent_off integer CHECK (percent_off BETWEEN 1 AND 100),
  amount_off integer CHECK (amount_off > 0),
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  duration text NOT NULL CHECK (duration IN ('once', 'forever')),
  expires_at timestamptz,
  max_redemptions integer CHECK (max_redemptions > 0),
  times_redeemed integer NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, code),
  CHECK ((percent_off IS NULL) <> (amount_off IS NULL)),
  CHECK ((amount_off IS NULL) = (currency IS NULL)),
  CHECK (max_redemptions IS NULL OR times_redeemed <= max_redemptions)
);

-- A code with rows here is valid only for these plans; without rows, for every plan of its merchant.
CREATE TABLE promotion_code_configs (
  promotion_code_id text NOT NULL REFERENCES promotion_codes,
  subscription_config_id text NOT NULL REFERENCES subscription_configs,
  PRIMARY KEY (promotion_code_id, subscription_config_id)
);

-- One redemption per completed session.
CREATE TABLE promotion_redemptions (
  checkout_session_id text PRIMARY KEY REFERENCES checkout_sessions,
  promotion_code_id text NOT NULL REFERENCES promotion_codes,
  connection_id text NOT NULL REFERENCES connections,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The country the customer gave last, for tax on later purchases.
ALTER TABLE connections ADD COLUMN country text CHECK (country ~ '^[A-Z]{2}$');

-- What a session asked for. The customer's prefill (seed 003); quantity (1 unless the plan is per seat);
-- the plans the customer may switch between, as a JSON array in the merchant's order; promotion codes;
-- locale (BCP 47); metadata and attribution as the JSON the merchant sent, so they come back verbatim.
ALTER TABLE checkout_sessions ADD COLUMN customer_email text CHECK (char_length(customer_email) <= 254);
ALTER TABLE checkout_sessions ADD COLUMN customer_name text CHECK (char_length(customer_name) <= 200);
ALTER TABLE checkout_sessions ADD COLUMN customer_country text CHECK (customer_country ~ '^[A-Z]{2}$');
ALTER TABLE checkout_sessions ADD COLUMN lock_email boolean NOT NULL DEFAULT false;
ALTER TABLE checkout_sessions ADD COLUMN quantity integer NOT NULL DEFAULT 1 CHECK (quantity >= 1);
ALTER TABLE checkout_sessions ADD COLUMN subscription_config_ids text;
ALTER TABLE checkout_sessions ADD COLUMN allow_promotion_codes boolean NOT NULL DEFAULT false;
ALTER TABLE checkout_sessions ADD COLUMN promotion_code_id text REFERENCES promotion_codes;
ALTER TABLE checkout_sessions ADD COLUMN locale text;
ALTER TABLE checkout_sessions ADD COLUMN metadata text NOT NULL DEFAULT '{}';
ALTER TABLE checkout_sessions ADD COLUMN reference_id text;
ALTER TABLE checkout_sessions ADD COLUMN attribution text;

-- A subscription keeps its seats and a `forever` promotion for the invoices after the first.
ALTER TABLE subscriptions ADD COLUMN quantity integer NOT NULL DEFAULT 1 CHECK (quantity >= 1);
ALTER TABLE subscriptions ADD COLUMN promotion_code_id text REFERENCES promotion_codes;

-- The first outcome of each `Idempotency-Key` sent to complete a session, replayed for repeats of that key.
CREATE TABLE checkout_idempotency_keys (
  checkout_session_id text NOT NULL REFERENCES checkout_sessions,
  idempotency_key text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (checkout_session_id, idempotency_key)
);

-- Returning customers are found by email, case-insensitively, within a merchant (seed 003).
CREATE INDEX connections_merchant_email ON connections (merchant_id, lower(email));
