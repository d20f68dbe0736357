-- Each round of the worker (about a second) asks the processor about checkout payments still settling and charges
-- the renewals that fell due. A review found that a processor that answers with an error (down, a revoked key, a
-- payment or card it does not know) was asked again at every round, for good, and that a checkout payment's error
-- ended the round for every merchant: no webhook went out and no renewal ran. Each now waits before it is tried again.
-- A payment still settling waits longer each time it is found so (a bank debit takes days, and processors limit how
-- often they are asked), and longer still after an error: `next_check_at`, which the worker's sweep now orders by.
ALTER TABLE payments ADD COLUMN next_check_at timestamptz;
DROP INDEX payments_processing;
CREATE INDEX payments_processing ON payments (next_check_at NULLS FIRST) WHERE status = 'processing' AND checkout_session_id IS NOT NULL;
-- A subscription whose renewal failed with an error, rather than a decline (which its invoice retries on its own
-- schedule): how many times in a row, and when it may be tried again.
ALTER TABLE subscriptions ADD COLUMN renewal_errors integer NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN renewal_retry_at timestamptz;
