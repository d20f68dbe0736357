import type { CreatedSession, Stack } from './startStack';
import { tokenizeCard } from '../../server/support/tokenizeCard';
import { secretOf } from './secretOf';

/**
 * Pays a subscription session through the checkout app's own API, as the app does, for tests that need a
 * customer who has already bought (a saved card, a completed session). Returns the connection's id.
 */
export async function completeWithCard(
  stack: Stack,
  customer: { email: string; name: string },
  session?: CreatedSession,
): Promise<string> {
  const { checkout_session_token: token } = session ?? (await stack.createSubscriptionSession());
  const response = await fetch(new URL('api/checkout/complete', stack.tillUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretOf(token)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(
      await tokenizeCard((path, init) => fetch(new URL(path, stack.tillUrl), init), {
        customer,
        card: { number: '4242424242424242', exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' },
      }),
    ),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`checkout not completed: ${JSON.stringify(body)}`);
  return body.connection_id;
}
