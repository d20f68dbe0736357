-- Issue 9: events written in the same transaction as the change they record (a transactional outbox), the
-- merchant's webhook endpoints, one delivery per event and endpoint, and every attempt to deliver it.

-- What a completed session paid for, so the session object (and its checkout.completed event) can say so.
ALTER TABLE checkout_sessions ADD COLUMN subscription_id text;
ALTER TABLE checkout_sessions ADD COLUMN amount_total integer;
ALTER TABLE checkout_sessions ADD COLUMN credits_added integer;
-- Set once by the sweep that records checkout.expired, so a session expires as an event exactly once.
ALTER TABLE checkout_sessions ADD COLUMN expired_at timestamptz;
-- Sessions that expired before events existed are not news: only those expiring from now on become events.
UPDATE checkout_sessions SET expired_at = expires_at WHERE status = 'open' AND expires_at <= now();
CREATE INDEX checkout_sessions_expiring ON checkout_sessions (expires_at) WHERE status = 'open' AND expired_at IS NULL;

-- `data` is the object as the merchant API returned it when the event happened, as JSON text.
CREATE TABLE events (
  event_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  type text NOT NULL,
  livemode boolean NOT NULL DEFAULT false,
  data text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_by_merchant ON events (merchant_id, event_id);
CREATE INDEX events_by_merchant_type ON events (merchant_id, type, event_id);

-- The signing secret is kept as it is: HMAC needs the key itself. During a rotation the previous secret keeps
-- signing beside the new one until previous_secret_expires_at. failing_since is the first failed attempt
-- after the last success; an endpoint failing for days is disabled and disabled_reason says why.
CREATE TABLE webhook_endpoints (
  webhook_endpoint_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants,
  url text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2083),
  description text CHECK (char_length(description) <= 500),
  enabled_events text[] NOT NULL CHECK (cardinality(enabled_events) > 0),
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason text,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  failing_since timestamptz,
  -- The worker sending to this endpoint now, and until when its claim holds: an endpoint gets one webhook at a
  -- time. A claim past busy_until belongs to a worker that died mid-attempt.
  busy_by text,
  busy_until timestamptz,
  livemode boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_by_merchant ON webhook_endpoints (merchant_id, webhook_endpoint_id);
CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (webhook_endpoint_id) WHERE status = 'enabled';

-- One row per event and endpoint: the unit a worker claims. locked_by says which worker holds it, and with attempts
-- (counted at the claim, so an attempt cut short by a crash still counts) it is the token that settles it
-- (graphile-worker's pattern). schedule_from is the attempt count when the retry schedule last started: a
-- redelivery starts it again. redeliver_requested asks for one more attempt once the one in flight is settled.
CREATE TABLE webhook_deliveries (
  delivery_id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES events,
  webhook_endpoint_id text NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  schedule_from integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  redeliver_requested boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, webhook_endpoint_id)
);
-- An endpoint's oldest due delivery, and all of an endpoint's deliveries when it is deleted.
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (webhook_endpoint_id, status, next_attempt_at);

-- Every attempt, as the merchant sees it in the delivery log: at most the first 1 KB of the response body.
CREATE TABLE webhook_attempts (
  attempt_id text PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
  webhook_endpoint_id text NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
  event_id text NOT NULL REFERENCES events,
  attempt integer NOT NULL CHECK (attempt >= 1),
  succeeded boolean NOT NULL,
  response_status integer,
  response_body text,
  error text,
  duration_ms integer NOT NULL,
  next_retry_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (webhook_endpoint_id, attempt_id);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id);
