-- Issue 12: a merchant's payments may go through its own Stripe account instead of the built-in test processor.

-- One row per merchant row, that is per mode: a business's test mode takes Stripe test keys, its live mode live
-- keys. No row is the test processor. The secret key and the webhook signing secret are AES-256-GCM ciphertexts
-- (`encryptSecret`, with TILL_ENCRYPTION_KEY), bound to the merchant and the column; the publishable key is public.
CREATE TABLE merchant_processors (
  merchant_id text PRIMARY KEY REFERENCES merchants,
  processor text NOT NULL CHECK (processor IN ('test', 'stripe')),
  stripe_secret_key_sealed text,
  -- What lists show of the key, to tell keys apart: never more.
  stripe_secret_key_last4 text,
  stripe_publishable_key text,
  stripe_webhook_secret_sealed text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    processor = 'test'
    OR (stripe_secret_key_sealed IS NOT NULL AND stripe_secret_key_last4 IS NOT NULL AND stripe_publishable_key IS NOT NULL
        AND stripe_webhook_secret_sealed IS NOT NULL)
  )
);

-- A Stripe webhook names a PaymentIntent: the payment it settles is found by it.
CREATE INDEX payments_by_processor_payment ON payments (merchant_id, processor, processor_payment_id);
