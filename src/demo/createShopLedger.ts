/** A Till event as a verified webhook carries it. */
export interface TillEvent {
  event_id: string;
  type: string;
  created_at: string;
  data: Record<string, any>;
}

/** The events the shop acts on; its webhook endpoint subscribes to these and no others. */
export const LEDGER_EVENT_TYPES = ['checkout.completed', 'connection.created', 'subscription.created', 'credits.purchased'] as const;

/** What the shop knows of a customer, each field as of the newest event that carried it (undefined: none yet). */
export interface LedgerConnection {
  email?: string;
  subscribed?: boolean;
  creditBalance?: string;
}

/** A checkout the shop has fulfilled, learnt from Till's webhooks alone. */
export interface LedgerCheckout {
  checkoutMode: 'subscription' | 'credit_bundle';
  connectionId: string;
  /** Credit-bundle checkouts: the credits bought and the balance right after. */
  creditsAdded: string | null;
  creditBalance: string | null;
}

export interface ShopLedger {
  /** Whether a webhook with this id was already recorded (Till retries until it gets a 2xx). */
  hasSeen(webhookId: string): boolean;
  /** Records a verified event; call it only after checking the signature. */
  record(webhookId: string, event: TillEvent): void;
  connection(connectionId: string): LedgerConnection | undefined;
  /** A checkout once its webhook has arrived; undefined until then, whatever the browser was told. */
  checkout(checkoutSessionId: string): LedgerCheckout | undefined;
}

type Field = keyof LedgerConnection;
type KnownConnection = LedgerConnection & { asOf: Partial<Record<Field, string>> };

/**
 * The demo shop's own record of what its customers have, written only by verified webhooks, as a real merchant's
 * database would be. In memory: a restart forgets it (the shop then asks Till's API, see `createShopApp`).
 *
 * Till does not promise an order of delivery, and a retried event can arrive after a newer one, so every field
 * remembers the event it came from and only a newer event (event ids sort by creation) may overwrite it. Each
 * event carries its object's state as it was then, never a change to apply, so applying one twice is harmless;
 * the webhook ids seen are kept anyway, as any receiver with side effects (an email, a ledger entry) must.
 */
export function createShopLedger(): ShopLedger {
  const seen = new Set<string>();
  const connections = new Map<string, KnownConnection>();
  const checkouts = new Map<string, LedgerCheckout>();

  function update(connectionId: string, event: TillEvent, fields: LedgerConnection) {
    const connection: KnownConnection = connections.get(connectionId) ?? { asOf: {} };
    for (const [field, value] of Object.entries(fields) as [Field, never][]) {
      const asOf = connection.asOf[field];
      if (asOf !== undefined && asOf > event.event_id) continue;
      connection[field] = value;
      connection.asOf[field] = event.event_id;
    }
    connections.set(connectionId, connection);
  }

  return {
    hasSeen: (webhookId) => seen.has(webhookId),
    record(webhookId, event) {
      seen.add(webhookId);
      const { data } = event;
      switch (event.type) {
        case 'connection.created':
          update(data.connection_id, event, {
            email: data.customer.email,
            subscribed: data.subscription?.status === 'active',
            creditBalance: data.credit_balance,
          });
          break;
        case 'subscription.created':
          update(data.connection_id, event, { subscribed: data.status === 'active' });
          break;
        case 'credits.purchased':
          update(data.connection_id, event, { creditBalance: data.credit_balance });
          // A credit pack is fulfilled by this event, which carries the new balance; checkout.completed for the
          // same checkout may come before or after it and adds nothing the shop needs.
          checkouts.set(data.checkout_session_id, {
            checkoutMode: 'credit_bundle',
            connectionId: data.connection_id,
            creditsAdded: data.credits_added,
            creditBalance: data.credit_balance,
          });
          break;
        case 'checkout.completed':
          if (data.checkout_mode !== 'subscription') break;
          update(data.connection_id, event, { subscribed: data.subscription_id !== null });
          checkouts.set(data.checkout_session_id, {
            checkoutMode: 'subscription',
            connectionId: data.connection_id,
            creditsAdded: null,
            creditBalance: null,
          });
          break;
      }
    },
    connection(connectionId) {
      const known = connections.get(connectionId);
      if (!known) return undefined;
      const { asOf: _, ...connection } = known;
      return connection;
    },
    checkout: (checkoutSessionId) => checkouts.get(checkoutSessionId),
  };
}
