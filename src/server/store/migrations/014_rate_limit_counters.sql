-- Issue 11: rate limits that every server on the store shares. One row per limited thing (a checkout session's
-- payment attempts, an API key, a client address), named by `bucket`, counting its hits in a fixed window that
-- starts at its first hit; the next hit after `window_ends_at` starts a new window. The webhook worker's sweep
-- deletes rows whose window has ended.
CREATE TABLE rate_limit_counters (
  bucket text PRIMARY KEY,
  hits integer NOT NULL CHECK (hits > 0),
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_by_window_end ON rate_limit_counters (window_ends_at);
