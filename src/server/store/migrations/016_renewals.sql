-- Issue 12: subscriptions that renew. The background worker charges each subscription when its period ends (or,
-- when scheduled, when it starts) with the connection's saved card, off-session, and records the charge here.

-- past_due: a renewal was declined and is retried (after 1, 3 and 5 days, `renewalRetrySchedule.ts`); the
-- subscription is canceled when the last retry fails.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check CHECK (status IN ('scheduled', 'active', 'past_due', 'canceled'));

-- The test clock: how far a merchant's test mode has moved its time forward (POST /v1/test_helpers/advance_time).
-- Renewals and their retries fall due by now() plus this offset; live mode's clock is the real one, always.
ALTER TABLE merchants ADD COLUMN test_clock_offset_seconds bigint NOT NULL DEFAULT 0 CHECK (test_clock_offset_seconds >= 0);
ALTER TABLE merchants ADD CONSTRAINT merchants_test_clock_in_test_mode CHECK (test_clock_offset_seconds = 0 OR NOT livemode);

-- One invoice per period of a subscription that was charged (or is being tried): its amounts as `priceCheckout`
-- computed them when it was first tried (retries charge the same), its state (`open` while unpaid, `paid`, `void`
-- when the retries ran out or the subscription ended unpaid), and its attempts. The attempts are counted here and
-- not as `payments` rows: a payment is an attempt of a checkout session (a session id, the checkout's attempt key,
-- one waiting payment per session), and making those columns optional for renewals would loosen what every
-- checkout payment guarantees. The invoice keeps the processor's id of its last charge instead.
CREATE TABLE invoices (
  invoice_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  subscription_id text NOT NULL REFERENCES subscriptions,
  connection_id text NOT NULL,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  currency text NOT NULL,
  subtotal integer NOT NULL CHECK (subtotal >= 0),
  discount integer NOT NULL CHECK (discount >= 0),
  tax integer NOT NULL CHECK (tax >= 0),
  amount integer NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN ('open', 'paid', 'void')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- While open: when the worker tries again (a retry, or a look at a payment still processing).
  next_attempt_at timestamptz,
  processor text,
  processor_payment_id text,
  -- Of the last attempt, when it was declined.
  decline_code text,
  paid_at timestamptz,
  created_at timestamptz NOT NULL,
  CONSTRAINT invoices_period CHECK (period_end > period_start),
  CONSTRAINT invoices_retry_while_open CHECK ((next_attempt_at IS NOT NULL) = (status = 'open')),
  CONSTRAINT invoices_connection_of_merchant FOREIGN KEY (merchant_id, connection_id) REFERENCES connections (merchant_id, connection_id)
);

-- The last guard of "a period is charged at most once" (as Lago's): whatever a worker believes, a second invoice
-- for one period of a subscription cannot exist, and the worker treats this index's refusal as "already done".
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (subscription_id, period_start);
-- At most one unpaid invoice per subscription: the one its retries are about.
CREATE UNIQUE INDEX invoices_one_open ON invoices (subscription_id) WHERE status = 'open';

-- GET /v1/invoices, filtered as GET /v1/payments is, in id order.
CREATE INDEX invoices_by_merchant ON invoices (merchant_id, invoice_id);
CREATE INDEX invoices_by_merchant_status ON invoices (merchant_id, status, invoice_id);
CREATE INDEX invoices_by_subscription ON invoices (subscription_id, invoice_id);
CREATE INDEX invoices_by_connection ON invoices (connection_id, invoice_id);

-- What the worker looks for each round: subscriptions whose period ends (or starts, when scheduled).
CREATE INDEX subscriptions_due ON subscriptions (current_period_end) WHERE status IN ('scheduled', 'active', 'past_due');
