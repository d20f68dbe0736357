import type { CheckoutSession } from '../api/CheckoutApi';
import { lazyPart } from '../lazyPart';

/**
 * The parts of the form only some sessions show: a plan switcher, seats, a promotion code, a credit balance,
 * Stripe's Payment Element. They load, together and beside the session's language, before the form of a session
 * that shows one; a checkout of the test processor without them never fetches them.
 */
export const formExtras = lazyPart(() => import('./formExtrasChunk'));

export function needsFormExtras(session: CheckoutSession): boolean {
  return (
    session.plan_options.length > 1 ||
    session.seat_limits !== null ||
    session.allows_promotion_codes ||
    (session.credit_balance !== null && session.credit_balance_after !== null) ||
    session.processor.name === 'stripe'
  );
}
