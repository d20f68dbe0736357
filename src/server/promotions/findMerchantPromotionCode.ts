import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { withRestrictions, type PromotionCodeRow } from './promotionCodes';

/**
 * One of the merchant's codes by id, active or not; another merchant's id is as missing as an unknown one.
 * `lock` takes its row lock, so a change of `max_redemptions` and a completion redeeming it take turns.
 */
export async function findMerchantPromotionCode(db: Queryable, merchantId: string, promotionCodeId: string, lock = false) {
  const [row] = await db.query<PromotionCodeRow>(
    `SELECT * FROM promotion_codes WHERE promotion_code_id = $1 AND merchant_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [promotionCodeId, merchantId],
  );
  const promotion = await withRestrictions(db, row);
  if (!promotion) throw new TillApiError('resource_missing', `No promotion code with id '${promotionCodeId}'.`, 'id');
  return promotion;
}
