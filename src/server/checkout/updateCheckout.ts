import { hasActiveSubscription } from '../connections/getConnection';
import type { ProcessorFor } from '../payments/ProcessorFor';
import { resolvePromotionCode } from '../promotions/promotionCodes';
import { assertOpen, planOptionIds, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import { checkQuantity, findConfig } from '../sessions/createCheckoutSession';
import { findCheckoutSessionByHash } from '../sessions/findCheckoutSession';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { checkoutUpdate } from '../../protocol/api/checkout/checkoutUpdate';
import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import { describeCheckout } from './describeCheckout';
import { resolveWaitingPayment } from './resolveWaitingPayment';

/**
 * `PATCH /api/checkout/session`: the customer's choices, within what the merchant allowed: another of the
 * session's plans, seats within the plan's range, a promotion code (only where the merchant allows codes;
 * `null` removes it), and the country that prices tax. All are checked before anything is stored, under the
 * session's row lock so a change cannot slip in beside a completion; the answer is the new view.
 *
 * A payment waiting for the customer's bank (3-D Secure) was charged for the order as it stood: it is cancelled first,
 * as another payment attempt cancels it, so a challenge answered later can never pay the old total for the new order.
 * Should the customer have answered it meanwhile, the checkout is completed and the answer is its view, unchanged.
 */
export async function updateCheckout(db: Database, processorFor: ProcessorFor, secretHash: string, body: unknown): Promise<CheckoutView> {
  const input = parseInput(checkoutUpdate, body);
  const session = await db.transaction(async (tx) => {
    const session = (await findCheckoutSessionByHash(tx, secretHash, true))!;
    assertOpen(session);
    const waited = await resolveWaitingPayment(tx, processorFor, session, null, new Date());
    if (waited) return (await findCheckoutSessionByHash(tx, secretHash))!;
    const isPlan = session.checkout_mode === 'subscription';
    let config = await findConfig(tx, session.merchant_id, session.subscription_config_id);
    let quantity = session.quantity;
    let promotionCodeId = session.promotion_code_id;

    if (input.subscription_config_id !== undefined && input.subscription_config_id !== config.subscription_config_id) {
      const options = isPlan ? planOptionIds(session) : null;
      if (!options?.includes(input.subscription_config_id)) {
        throw new TillApiError('validation_error', 'This plan is not one of the options of this checkout.', 'subscription_config_id');
      }
      config = await findConfig(tx, session.merchant_id, input.subscription_config_id);
      if (session.connection_id && (await hasActiveSubscription(tx, session.connection_id, config.subscription_config_id, { orScheduled: true }))) {
        throw new TillApiError('already_subscribed', 'You already have an active subscription to this plan.', 'subscription_config_id');
      }
      // The seats carry over where the new plan allows them; a plan that is not per seat sells one.
      quantity = config.seat_based ? Math.min(Math.max(quantity, config.min_quantity), config.max_quantity) : 1;
    }
    if (input.quantity !== undefined) {
      if (!isPlan) throw new TillApiError('validation_error', 'A credit pack is bought one at a time.', 'quantity');
      // The merchant's custom amount is the first payment for the seats it was set for.
      if (session.custom_amount !== null && input.quantity !== quantity) {
        throw new TillApiError('validation_error', 'The first payment of this checkout is a set amount, so its seats cannot change.', 'quantity');
      }
      quantity = checkQuantity(config, input.quantity);
    }
    if (input.promotion_code !== undefined) {
      if (!session.allow_promotion_codes) {
        throw new TillApiError('promotion_codes_not_allowed', 'This checkout does not take promotion codes.', 'promotion_code');
      }
      promotionCodeId =
        input.promotion_code === null
          ? null
          : (await resolvePromotionCode(tx, session.merchant_id, input.promotion_code, config)).promotion_code_id;
    }
    const [updated] = await tx.query<CheckoutSessionRow>(
      `UPDATE checkout_sessions
       SET subscription_config_id = $2, quantity = $3, promotion_code_id = $4, customer_country = $5
       WHERE checkout_session_id = $1 RETURNING *`,
      [session.checkout_session_id, config.subscription_config_id, quantity, promotionCodeId, input.country ?? session.customer_country],
    );
    return updated!;
  });
  return describeCheckout(db, session);
}
