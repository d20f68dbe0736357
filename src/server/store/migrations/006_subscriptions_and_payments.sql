-- Issue 10: the merchant lists its connections, subscriptions and payments, and cancels subscriptions.

-- Each list is a range of its own table in id order (the cursor is the last id), so each must be one index range
-- per merchant. Subscriptions belong to a merchant through their connection and payments through their checkout
-- session; a join cannot be both filtered by merchant and read in id order from one index, so both tables get
-- their merchant's id, copied from the parent row here and written with every new row. The composite foreign keys
-- make the database refuse a copy that disagrees with the parent, so a merchant's lists can never show another's
-- rows. The unique (merchant_id, id) indexes they point at also serve the connection list.
CREATE UNIQUE INDEX connections_by_merchant ON connections (merchant_id, connection_id);
CREATE UNIQUE INDEX checkout_sessions_by_merchant ON checkout_sessions (merchant_id, checkout_session_id);

ALTER TABLE subscriptions ADD COLUMN merchant_id text REFERENCES merchants;
UPDATE subscriptions s SET merchant_id = c.merchant_id FROM connections c WHERE c.connection_id = s.connection_id;
ALTER TABLE subscriptions ALTER COLUMN merchant_id SET NOT NULL;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_connection_of_merchant
  FOREIGN KEY (merchant_id, connection_id) REFERENCES connections (merchant_id, connection_id);

-- Cancelling. At the period's end: the subscription stays active with cancel_at_period_end and cancel_at (the
-- period's end) set; nothing ends it yet (issue 12's renewals will). Now: canceled, with canceled_at and ended_at.
ALTER TABLE subscriptions ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false;
ALTER TABLE subscriptions ADD COLUMN cancel_at timestamptz;
ALTER TABLE subscriptions ADD COLUMN canceled_at timestamptz;
ALTER TABLE subscriptions ADD COLUMN ended_at timestamptz;
-- Nothing canceled a subscription before this migration; one canceled by hand ended by the time it ran, at the latest.
UPDATE subscriptions SET canceled_at = least(current_period_end, now()), ended_at = least(current_period_end, now())
  WHERE status = 'canceled';
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_cancel_at_period_end CHECK (cancel_at_period_end = (cancel_at IS NOT NULL));
-- Only a canceled subscription has ended. (Not the converse: tests and tools mark one canceled by status alone.)
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_ended CHECK (ended_at IS NULL OR status = 'canceled');

-- Subscriptions by connection: the connection's active subscription, the eligibility checks of a checkout, and the
-- list filtered by connection_id (which had no index before).
CREATE INDEX subscriptions_by_connection ON subscriptions (connection_id, subscription_id);
CREATE INDEX subscriptions_by_merchant ON subscriptions (merchant_id, subscription_id);
CREATE INDEX subscriptions_by_merchant_status ON subscriptions (merchant_id, status, subscription_id);

-- A payment's connection is the customer's, when the store knows them (named by the session, found by email, or
-- made by this payment), as its payment.failed event says: null only for a new customer's declined attempt.
-- Payments made before this migration take their session's connection, which for a new customer's declined
-- attempts is the connection that went on to pay, if one did.
ALTER TABLE payments ADD COLUMN merchant_id text REFERENCES merchants;
ALTER TABLE payments ADD COLUMN connection_id text;
UPDATE payments p SET merchant_id = s.merchant_id, connection_id = s.connection_id
  FROM checkout_sessions s WHERE s.checkout_session_id = p.checkout_session_id;
ALTER TABLE payments ALTER COLUMN merchant_id SET NOT NULL;
ALTER TABLE payments ADD CONSTRAINT payments_session_of_merchant
  FOREIGN KEY (merchant_id, checkout_session_id) REFERENCES checkout_sessions (merchant_id, checkout_session_id);
ALTER TABLE payments ADD CONSTRAINT payments_connection_of_merchant
  FOREIGN KEY (merchant_id, connection_id) REFERENCES connections (merchant_id, connection_id);

CREATE INDEX payments_by_merchant ON payments (merchant_id, payment_id);
CREATE INDEX payments_by_merchant_status ON payments (merchant_id, status, payment_id);
CREATE INDEX payments_by_session ON payments (checkout_session_id, payment_id);
CREATE INDEX payments_by_connection ON payments (connection_id, payment_id);
