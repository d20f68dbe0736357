-- Issue 12: a checkout whose payment the processor settles later is `processing` until then: it does not expire
-- (the expiry sweep takes only open sessions), and it completes, or opens again for another card, when the
-- payment settles. The webhook worker asks after such payments each round, the longest unasked first.
ALTER TABLE checkout_sessions DROP CONSTRAINT checkout_sessions_status_check;
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_status_check CHECK (status IN ('open', 'processing', 'completed'));
ALTER TABLE payments ADD COLUMN checked_at timestamptz;
CREATE INDEX payments_processing ON payments (checked_at NULLS FIRST) WHERE status = 'processing';
