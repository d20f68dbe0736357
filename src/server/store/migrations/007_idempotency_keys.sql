-- Issue 10: an Idempotency-Key on any merchant POST (Stripe's rules). The first request with a key claims it
-- (status NULL while it runs); its response is kept for 24 hours and replayed for a retry with the same request.
-- A retry with another request under the same key is refused. request_fingerprint is SHA-256 of method, path and
-- body, so nothing of the request itself is kept beyond the response that was already sent.
CREATE TABLE idempotency_keys (
  merchant_id text NOT NULL REFERENCES merchants,
  idempotency_key text NOT NULL,
  request_fingerprint text NOT NULL,
  status integer,
  response_body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
