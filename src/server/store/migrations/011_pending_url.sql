-- Issue 10, seed 001: where the customer is sent when a payment needs them to act later (issue 12's 3-D Secure
-- and delayed payments use it). 1–2083 characters, as the API checks.
ALTER TABLE checkout_sessions ADD COLUMN pending_url text CHECK (char_length(pending_url) BETWEEN 1 AND 2083);
