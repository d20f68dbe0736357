-- Idempotent responses are now kept sealed with the caller's API key (see sealedResponses.ts): a new API key's
-- secret and a session's token (and its hosted URL, the secret in its fragment) were kept readable for 24 hours,
-- where the rest of the store keeps only their hashes. The responses kept before that hold such a secret are
-- deleted (a retry of one runs again); the others stay replayable as they are until they expire.
DELETE FROM idempotency_keys
  WHERE response_body LIKE '%sk\_test\_%' OR response_body LIKE '%sk\_live\_%' OR response_body LIKE '%css\_%'
     OR response_body LIKE '%"checkout_session_token"%'
