-- Money is stored in the currency's minor units, credit in hundredths of a credit.

CREATE TABLE merchants (
  merchant_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  key_hash text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Plain text of the demo merchant's test key, so `npm start` can print it again; real merchants' keys exist only hashed.
CREATE TABLE demo_settings (
  name text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE subscription_configs (
  subscription_config_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  name text NOT NULL,
  period_amount integer NOT NULL CHECK (period_amount >= 0),
  currency text NOT NULL,
  billing_interval text NOT NULL CHECK (billing_interval IN ('day', 'week', 'month', 'year')),
  included_credit integer NOT NULL DEFAULT 0 CHECK (included_credit >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credit_bundles (
  credit_bundle_id text PRIMARY KEY,
  subscription_config_id text NOT NULL REFERENCES subscription_configs,
  name text NOT NULL,
  cost integer NOT NULL CHECK (cost >= 0),
  credit_amount integer NOT NULL CHECK (credit_amount > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connections (
  connection_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  email text NOT NULL,
  name text NOT NULL,
  credit_balance integer NOT NULL DEFAULT 0,
  card_brand text,
  card_last4 text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
  subscription_id text PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections,
  subscription_config_id text NOT NULL REFERENCES subscription_configs,
  status text NOT NULL CHECK (status IN ('active', 'canceled')),
  current_period_start timestamptz NOT NULL,
  current_period_end timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE checkout_sessions (
  checkout_session_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  secret_hash text NOT NULL UNIQUE,
  checkout_mode text NOT NULL CHECK (checkout_mode IN ('subscription', 'credit_bundle')),
  origin_url text NOT NULL,
  connection_id text REFERENCES connections,
  subscription_config_id text NOT NULL REFERENCES subscription_configs,
  credit_bundle_id text REFERENCES credit_bundles,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  completed_at timestamptz
);

-- Every attempt, declined ones too; of the card only its brand and last four digits.
CREATE TABLE payments (
  payment_id text PRIMARY KEY,
  checkout_session_id text NOT NULL REFERENCES checkout_sessions,
  amount integer NOT NULL,
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'declined')),
  card_brand text NOT NULL,
  card_last4 text NOT NULL,
  decline_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);
