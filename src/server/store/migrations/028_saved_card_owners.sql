-- A saved card is an id only the processor, and for Stripe only the account, that saved it can charge: a merchant
-- that moved from the test processor to Stripe, from Stripe to the test processor, or to keys of another Stripe
-- account sent its subscribers' renewals, and its returning customers' one-step payments, to a processor that never
-- saw the card, and they failed. Each saved card now names its owner, as payments name who took them (027):
-- renewals charge it there, the old account keeping its subscribers until they give another card, and a checkout
-- offers it only while its owner takes the merchant's new payments.
--
-- `payment_method_processor` and `payment_method_credentials_id`, beside `payment_method_id` on connections and on
-- subscriptions (025): the processor that saved the card and, for Stripe, the set of keys it was saved with. Both
-- null: no owner known (no card, or a card no recorded payment saved); such a card is charged, and offered, by the
-- merchant's current processor, as before this migration. `stripe` without keys: saved with Stripe keys that 017
-- forgot when they were replaced; no processor can charge it, so renewals decline it without asking one (the
-- customer is asked to pay again, README, Renewals) and checkouts do not offer it.
ALTER TABLE connections ADD COLUMN payment_method_processor text, ADD COLUMN payment_method_credentials_id text,
  ADD CONSTRAINT connections_card_credentials_of_merchant
    FOREIGN KEY (merchant_id, payment_method_credentials_id) REFERENCES processor_credentials (merchant_id, credentials_id),
  ADD CONSTRAINT connections_card_credentials_of_stripe CHECK (payment_method_credentials_id IS NULL OR payment_method_processor = 'stripe');
ALTER TABLE subscriptions ADD COLUMN payment_method_processor text, ADD COLUMN payment_method_credentials_id text,
  ADD CONSTRAINT subscriptions_card_credentials_of_merchant
    FOREIGN KEY (merchant_id, payment_method_credentials_id) REFERENCES processor_credentials (merchant_id, credentials_id),
  ADD CONSTRAINT subscriptions_card_credentials_of_stripe CHECK (payment_method_credentials_id IS NULL OR payment_method_processor = 'stripe');

-- A card was saved by a checkout's payment that succeeded with it (015 records the card of each payment), so its
-- owner is who took that payment; the latest, should one id have paid twice. Cards 015 made from older rows
-- (`pm_saved_…`) had no payment: they are the test processor's own payment methods.
CREATE TEMPORARY TABLE card_owners ON COMMIT DROP AS
  SELECT DISTINCT ON (merchant_id, payment_method_id) merchant_id, payment_method_id, processor, processor_credentials_id
  FROM payments WHERE status = 'succeeded' AND payment_method_id IS NOT NULL
  ORDER BY merchant_id, payment_method_id, created_at DESC;
INSERT INTO card_owners (merchant_id, payment_method_id, processor, processor_credentials_id)
  SELECT n.merchant_id, n.payment_method_id, 'test', NULL FROM connections n
  WHERE n.payment_method_id IN (SELECT payment_method_id FROM test_payment_methods)
    AND NOT EXISTS (SELECT 1 FROM card_owners o WHERE o.merchant_id = n.merchant_id AND o.payment_method_id = n.payment_method_id);

UPDATE connections n SET payment_method_processor = o.processor, payment_method_credentials_id = o.processor_credentials_id
  FROM card_owners o WHERE o.merchant_id = n.merchant_id AND o.payment_method_id = n.payment_method_id;
UPDATE subscriptions s SET payment_method_processor = o.processor, payment_method_credentials_id = o.processor_credentials_id
  FROM card_owners o WHERE o.merchant_id = s.merchant_id AND o.payment_method_id = s.payment_method_id;
