-- Issue 12: refunds of succeeded payments, full or in parts. A payment keeps the sum refunded, which a check holds
-- within what was paid; each refund is a row of its own, with the processor's id for it. The refund's position
-- among its payment's refunds (`sequence`) makes the processor's idempotency key, and is unique, so a retry after
-- a crash asks the processor for the same refund instead of a second one.
ALTER TABLE payments ADD COLUMN amount_refunded integer NOT NULL DEFAULT 0;
ALTER TABLE payments ADD CONSTRAINT payments_refunded_within_amount CHECK (amount_refunded BETWEEN 0 AND amount);
CREATE TABLE refunds (
  refund_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  payment_id text NOT NULL REFERENCES payments,
  sequence integer NOT NULL CHECK (sequence > 0),
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  reason text,
  processor_refund_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payment_id, sequence)
);
CREATE INDEX refunds_by_merchant ON refunds (merchant_id, refund_id);
