-- `GET /v1/events` pages by cursor, and a poller sends the last event it saw. An event's id is made when it is
-- inserted, but the event becomes visible when its transaction commits: on Postgres two transactions can commit in
-- the other order than their ids (a checkout completing while the renewal worker renews), and a poller reading
-- between the two commits moved its cursor past the larger id and never saw the smaller one. PGlite runs one
-- transaction at a time, so there it could not happen.
--
-- Each event now keeps the transaction that recorded it (the standard outbox-polling technique): the list holds
-- back every event of a transaction younger than the oldest one still running (`pg_snapshot_xmin`), and goes in
-- transaction order, then id order. The events it returns then belong to transactions that have all ended, and no
-- transaction begun later can add one before them, so a cursor never passes over an event committed after it
-- (`listEvents`). Ordering by id alone would not do: a transaction that began writing first can make its event's id
-- last, and commit first.
--
-- Events recorded before this migration all committed: they take '0', before every transaction, and keep their id
-- order among themselves. A constant default is stored once in the catalog, so adding the column rewrites no row;
-- new rows then default to the transaction inserting them, which every store's `recordEvent` (and the test fill)
-- relies on.
ALTER TABLE events ADD COLUMN txid xid8 NOT NULL DEFAULT '0';
ALTER TABLE events ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
-- The list reads one merchant's events in its new order, with or without a type, from an index either way.
DROP INDEX events_by_merchant;
CREATE INDEX events_by_merchant ON events (merchant_id, txid, event_id);
DROP INDEX events_by_merchant_type;
CREATE INDEX events_by_merchant_type ON events (merchant_id, type, txid, event_id);
