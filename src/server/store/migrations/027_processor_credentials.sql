-- A payment is looked up again (3-D Secure answered, settled, refunded, told of by a webhook) with the processor
-- and the keys that took it, not with the merchant's current settings: a merchant that moved from the test processor
-- to Stripe, from Stripe to the test processor, or to keys of another Stripe account meanwhile would otherwise ask a
-- processor that never saw the payment, and the payment would never settle, nor refund.

-- Each set of Stripe keys a merchant row has saved, kept after it moves to others: payments taken with them still
-- need them. A set is never changed, only added, so a payment's keys are the ones it was taken with. The sealed
-- values keep 017's context (the merchant and the column), so they are copied here as they are.
CREATE TABLE processor_credentials (
  credentials_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  stripe_secret_key_sealed text NOT NULL,
  stripe_secret_key_last4 text NOT NULL,
  stripe_publishable_key text NOT NULL,
  stripe_webhook_secret_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT processor_credentials_by_merchant UNIQUE (merchant_id, credentials_id)
);

-- One set per merchant row on Stripe today. The id is made from the merchant's, which is unique, of the same shape.
INSERT INTO processor_credentials
    (credentials_id, merchant_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed, created_at)
  SELECT 'pcr_' || substr(merchant_id, 5), merchant_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key,
    stripe_webhook_secret_sealed, updated_at
  FROM merchant_processors WHERE processor = 'stripe';

-- The settings point at the current set. 017's key columns stay, and this release writes the current set's values
-- into them too: during a rolling deploy, an instance of the release before reads its keys there and keeps taking
-- Stripe payments (README, Health checks). A later release drops them. 017's check of them goes, so that the
-- columns are this release's copy, not its rule; what this release reads is `credentials_id`.
ALTER TABLE merchant_processors ADD COLUMN credentials_id text;
UPDATE merchant_processors SET credentials_id = 'pcr_' || substr(merchant_id, 5) WHERE processor = 'stripe';
ALTER TABLE merchant_processors DROP CONSTRAINT merchant_processors_check;
ALTER TABLE merchant_processors ADD CONSTRAINT merchant_processors_credentials_of_merchant
  FOREIGN KEY (merchant_id, credentials_id) REFERENCES processor_credentials (merchant_id, credentials_id);

-- The keys each payment, and each invoice's last charge, was taken with; null for the test processor, which needs
-- none. Stripe payments made before this migration were taken with the keys saved now, as far as the store can
-- tell: 017 forgot keys that were replaced, so a payment of a merchant that has left Stripe since keeps none.
ALTER TABLE payments ADD COLUMN processor_credentials_id text;
ALTER TABLE payments ADD CONSTRAINT payments_credentials_of_merchant
  FOREIGN KEY (merchant_id, processor_credentials_id) REFERENCES processor_credentials (merchant_id, credentials_id);
ALTER TABLE payments ADD CONSTRAINT payments_credentials_of_stripe CHECK (processor_credentials_id IS NULL OR processor = 'stripe');
UPDATE payments p SET processor_credentials_id = m.credentials_id
  FROM merchant_processors m WHERE m.merchant_id = p.merchant_id AND p.processor = 'stripe' AND m.processor = 'stripe';

ALTER TABLE invoices ADD COLUMN processor_credentials_id text;
ALTER TABLE invoices ADD CONSTRAINT invoices_credentials_of_merchant
  FOREIGN KEY (merchant_id, processor_credentials_id) REFERENCES processor_credentials (merchant_id, credentials_id);
ALTER TABLE invoices ADD CONSTRAINT invoices_credentials_of_stripe CHECK (processor_credentials_id IS NULL OR processor = 'stripe');
UPDATE invoices i SET processor_credentials_id = m.credentials_id
  FROM merchant_processors m WHERE m.merchant_id = i.merchant_id AND i.processor = 'stripe' AND m.processor = 'stripe';
