-- Issue 12: Till pays through a processor (`src/server/payments/`), and card numbers never reach its own API.

-- The built-in test processor keeps its books in the store, as Stripe keeps its own. A payment method is what its
-- tokenization made of a card: brand, last four, expiry and what the test number does (`testCards.ts`), never
-- the number. `test_number`: one of the documented numbers, which live mode refuses.
CREATE TABLE test_payment_methods (
  payment_method_id text PRIMARY KEY,
  card_brand text NOT NULL,
  card_last4 text NOT NULL,
  card_exp_month integer NOT NULL CHECK (card_exp_month BETWEEN 1 AND 12),
  card_exp_year integer NOT NULL,
  behaviour text NOT NULL,
  test_number boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Its payments. The unique key is the caller's idempotency key: a repeat answers with the first payment.
CREATE TABLE test_payment_intents (
  payment_intent_id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  payment_method_id text NOT NULL REFERENCES test_payment_methods,
  amount integer NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  off_session boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'declined', 'requires_action', 'processing')),
  decline_code text,
  -- A processing payment settles then; one awaiting authentication, when the customer answers.
  settles_at timestamptz,
  amount_refunded integer NOT NULL DEFAULT 0 CHECK (amount_refunded BETWEEN 0 AND amount),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE test_refunds (
  refund_id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  payment_intent_id text NOT NULL REFERENCES test_payment_intents,
  amount integer NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A payment's id at its processor, and the card's expiry beside its brand and last four.
ALTER TABLE payments ADD COLUMN processor text NOT NULL DEFAULT 'test';
ALTER TABLE payments ADD COLUMN processor_payment_id text;
ALTER TABLE payments ADD COLUMN card_exp_month integer;
ALTER TABLE payments ADD COLUMN card_exp_year integer;

-- The card a connection pays with again (a returning customer's one-step payment, renewals): the processor's id.
ALTER TABLE connections ADD COLUMN payment_method_id text;
ALTER TABLE connections ADD COLUMN card_exp_month integer;
ALTER TABLE connections ADD COLUMN card_exp_year integer;

-- Cards saved before this migration were test-mode cards that succeeded: they become test payment methods that
-- succeed, expiring at the end of the century as nothing recorded their expiry.
INSERT INTO test_payment_methods (payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, behaviour, test_number)
  SELECT 'pm_saved_' || connection_id, card_brand, card_last4, 12, 2099, 'succeeds', false
  FROM connections WHERE card_brand IS NOT NULL AND card_last4 IS NOT NULL;
UPDATE connections SET payment_method_id = 'pm_saved_' || connection_id, card_exp_month = 12, card_exp_year = 2099
  WHERE card_brand IS NOT NULL AND card_last4 IS NOT NULL;

-- As Stripe's PaymentIntents: a payment may wait for the customer's bank (3-D Secure) or for settlement. At most one
-- payment of a session waits at a time: a second attempt cancels a challenge left unanswered, or waits for settling.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('succeeded', 'declined', 'requires_action', 'processing'));
-- The checkout's Idempotency-Key of the attempt, so the same request again resumes a waiting payment.
ALTER TABLE payments ADD COLUMN attempt_key text;
CREATE UNIQUE INDEX payments_waiting_by_session ON payments (checkout_session_id) WHERE status IN ('requires_action', 'processing');
-- The processor's id of the card paid with, saved on the connection when the payment succeeds.
ALTER TABLE payments ADD COLUMN payment_method_id text;
