-- Issue 10: test and live modes. A merchant row is now one mode of a business: its test data or its live data.
-- Keys, catalog, sessions, customers, events and webhook endpoints all belong to one such row, so what keeps
-- merchants apart keeps modes apart too. `account_id` is the business: the id of its test row, which every
-- business has (its live row is made with its first live key). Name and logo are the business's, copied to both.
ALTER TABLE merchants ADD COLUMN livemode boolean NOT NULL DEFAULT false;
ALTER TABLE merchants ADD COLUMN account_id text REFERENCES merchants;
UPDATE merchants SET account_id = merchant_id;
ALTER TABLE merchants ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE merchants ADD CONSTRAINT merchants_mode_in_id CHECK (livemode = (merchant_id LIKE 'mer\_live\_%'));
ALTER TABLE merchants ADD CONSTRAINT merchants_one_row_per_mode UNIQUE (account_id, livemode);
