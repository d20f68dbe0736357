import { toList } from '../pagination';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import type { PromotionCodeRow } from './promotionCodes';
import { serializePromotionCode } from './serializePromotionCode';
import { listPromotionCodesQuery } from '../../protocol/api/promotionCodes';

/**
 * `GET /v1/promotion_codes`: the merchant's codes in id order (oldest first), served by
 * `promotion_codes_by_merchant` (migration 009); their plans in one more query for the whole page.
 */
export async function listPromotionCodes(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, active, code } = parseInput(listPromotionCodesQuery, query);
  const rows = await db.query<PromotionCodeRow>(
    `SELECT * FROM promotion_codes
     WHERE merchant_id = $1 AND promotion_code_id > $2 AND ($3::boolean IS NULL OR active = $3) AND ($4::text IS NULL OR code = $4)
     ORDER BY promotion_code_id LIMIT $5`,
    [merchantId, cursor ?? '', active === undefined ? null : active === 'true', code?.trim().toUpperCase() ?? null, limit + 1],
  );
  const configs = await db.query<{ promotion_code_id: string; subscription_config_id: string }>(
    `SELECT promotion_code_id, subscription_config_id FROM promotion_code_configs WHERE promotion_code_id = ANY($1)
     ORDER BY subscription_config_id`,
    [rows.map((row) => row.promotion_code_id)],
  );
  return toList(rows, limit, (row) => row.promotion_code_id, (page) =>
    page.map((row) =>
      serializePromotionCode({
        ...row,
        subscription_config_ids: configs.filter((c) => c.promotion_code_id === row.promotion_code_id).map((c) => c.subscription_config_id),
      }),
    ),
  );
}
