-- The worker's safety net for a webhook that never came held only payments still settling (`processing`). A checkout
-- payment whose customer answered the bank's challenge (3-D Secure) and left before their checkout asked again was
-- settled by the processor's webhook alone: a webhook lost, or an endpoint that does not ask for the event (a Stripe
-- SetupIntent's, say), left the customer charged, or their card saved, without their order. The worker now asks about
-- these too once the challenge has had its time (settleProcessingPayments), and this index finds them, as
-- payments_processing (023) finds those settling.
CREATE INDEX payments_challenges ON payments (next_check_at NULLS FIRST) WHERE status = 'requires_action' AND checkout_session_id IS NOT NULL;
