import { toDecimalString } from '../money';
import type { PromotionCode } from './promotionCodes';
import { isLive } from '../modes';
import type { PromotionCode as PromotionCodeBody } from '../../protocol/api/promotionCodes';

/** A promotion code as the merchant API returns it: amounts as decimal strings, dates as ISO 8601. */
export function serializePromotionCode(promotion: PromotionCode): PromotionCodeBody {
  return {
    promotion_code_id: promotion.promotion_code_id,
    livemode: isLive(promotion.promotion_code_id),
    code: promotion.code,
    percent_off: promotion.percent_off,
    amount_off: promotion.amount_off === null ? null : toDecimalString(promotion.amount_off, promotion.currency!),
    currency: promotion.currency,
    duration: promotion.duration,
    duration_in_intervals: promotion.duration_in_intervals,
    max_redemptions: promotion.max_redemptions,
    times_redeemed: promotion.times_redeemed,
    expires_at: promotion.expires_at?.toISOString() ?? null,
    subscription_config_ids: promotion.subscription_config_ids,
    active: promotion.active,
    created_at: promotion.created_at.toISOString(),
  };
}
