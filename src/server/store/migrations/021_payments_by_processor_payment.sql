-- Issue 13: every lookup of a payment by the processor's id (the test processor's challenge page, Stripe's
-- webhook, the settling of a waiting payment) names that id, and not always the merchant or the processor: 017's
-- index led with the merchant, so the first two read every payment.
DROP INDEX payments_by_processor_payment;
CREATE INDEX payments_by_processor_payment ON payments (processor_payment_id);
