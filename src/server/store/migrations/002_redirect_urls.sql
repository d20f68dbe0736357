-- Where redirect display sends the customer after paying or cancelling. Null means the session's origin_url.
-- 1–2083 characters, as the API checks (seeds 001/002; 2083 was Internet Explorer's longest URL).

ALTER TABLE checkout_sessions
  ADD COLUMN success_url text CHECK (char_length(success_url) BETWEEN 1 AND 2083);

ALTER TABLE checkout_sessions
  ADD COLUMN cancel_url text CHECK (char_length(cancel_url) BETWEEN 1 AND 2083);
