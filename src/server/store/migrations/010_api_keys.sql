-- Issue 10: a merchant's API keys can be listed and revoked. Each gets an id; of the secret only its hash (as
-- before) and its last four characters are kept, to tell keys apart in a list. Keys made before this have no
-- last four (their secret was never kept) and ids that sort before every new one.
ALTER TABLE api_keys ADD COLUMN api_key_id text;
UPDATE api_keys SET api_key_id = 'key_test_0000000000' || upper(substr(md5(key_hash), 1, 16));
ALTER TABLE api_keys ALTER COLUMN api_key_id SET NOT NULL;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_api_key_id UNIQUE (api_key_id);
ALTER TABLE api_keys ADD COLUMN last4 text CHECK (char_length(last4) = 4);
ALTER TABLE api_keys ADD COLUMN description text CHECK (char_length(description) <= 200);
-- Written at most once a minute per key, so using a key costs no write on most requests.
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN revoked_at timestamptz;
CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id, api_key_id);
