-- A subscription renews with the card that paid for it, and is taxed for the country it was bought in. Until now
-- renewals charged the connection's saved card and priced tax by the connection's country, and a checkout matched
-- to a connection by email alone (seed 003: no `connection_id`) overwrote both: anyone who knew a customer's email
-- could put their own card on the customer's renewals, and change the tax on them. Such a checkout no longer touches
-- the connection's card or country, and the subscription it starts keeps the payer's card and country here, so it
-- renews on the payer's card, not on the customer's.
--
-- `payment_method_id`: the processor's id of the card its renewals charge; `country`: the one their tax is priced
-- for (null: none known). A payment by the connection's own customer that saves another card moves the
-- subscriptions renewing on the card it replaces to the new one (`fulfilCheckout`). Subscriptions made before this
-- migration have no card of their own (null) and renew as they did, with the connection's card and country: copying
-- the connection's card now could copy one a stranger had put there. Nullable without a default, so adding the
-- columns rewrites no row.
ALTER TABLE subscriptions ADD COLUMN payment_method_id text;
ALTER TABLE subscriptions ADD COLUMN country text;
