import { refuseImmutableFields } from '../refuseImmutableFields';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { parseInput } from '../validation';
import { findMerchantPromotionCode } from './findMerchantPromotionCode';
import { serializePromotionCode } from './serializePromotionCode';
import { updatePromotionCodeBody } from '../../protocol/api/promotionCodes';

/**
 * The discount is fixed at creation, as with Stripe's coupons: a customer who saw "20 % off" in an open checkout,
 * or a subscription that keeps the code for its renewals, must get the discount it was sold with.
 */
const IMMUTABLE = ['code', 'percent_off', 'amount_off', 'currency', 'duration', 'duration_in_intervals', 'subscription_config_ids'] as const;

/**
 * `PATCH /v1/promotion_codes/:id`: activate or archive, and change its limits. The row lock makes a new
 * `max_redemptions` and a completion redeeming the code take turns, so the limit is never below the count.
 */
export async function updatePromotionCode(db: Database, merchantId: string, promotionCodeId: string, body: unknown) {
  refuseImmutableFields(body, IMMUTABLE, 'create a new promotion code and deactivate this one.');
  const input = parseInput(updatePromotionCodeBody, body);
  await db.transaction(async (tx) => {
    const promotion = await findMerchantPromotionCode(tx, merchantId, promotionCodeId, true);
    if (input.max_redemptions != null && input.max_redemptions < promotion.times_redeemed) {
      throw new TillApiError(
        'validation_error',
        `Invalid 'max_redemptions': the code has been redeemed ${promotion.times_redeemed} times already.`,
        'max_redemptions',
      );
    }
    await tx.query(
      `UPDATE promotion_codes SET active = coalesce($2, active),
         max_redemptions = CASE WHEN $3 THEN $4::integer ELSE max_redemptions END,
         expires_at = CASE WHEN $5 THEN $6::timestamptz ELSE expires_at END
       WHERE promotion_code_id = $1`,
      [promotionCodeId, input.active ?? null, input.max_redemptions !== undefined, input.max_redemptions ?? null,
        input.expires_at !== undefined, input.expires_at ?? null],
    );
  });
  return serializePromotionCode(await findMerchantPromotionCode(db, merchantId, promotionCodeId));
}
