import { creditToDecimalString } from '../money';
import type { ConnectionRow, SubscriptionRow } from './getConnection';
import { serializeSubscription } from './serializeSubscription';
import { isLive } from '../modes';
import type { Connection } from '../../protocol/api/connections';

/**
 * A connection as the merchant API returns it, alone, in lists and in `connection.created` events: the customer,
 * the current subscription (active, else scheduled to start; null when there is none) and the credit balance. Of
 * the card, nothing.
 */
export function serializeConnection(connection: ConnectionRow, activeSubscription: SubscriptionRow | null): Connection {
  return {
    connection_id: connection.connection_id,
    livemode: isLive(connection.connection_id),
    customer: { email: connection.email, name: connection.name },
    subscription: activeSubscription && serializeSubscription(activeSubscription),
    credit_balance: creditToDecimalString(connection.credit_balance),
    created_at: connection.created_at.toISOString(),
  };
}
