import type { SubscriptionConfigRow } from '../catalog/catalogRows';
import { toDecimalString } from '../money';
import type { Discount } from '../pricing/priceCheckout';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';

export interface PromotionCodeRow {
  promotion_code_id: string;
  merchant_id: string;
  code: string;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: 'once' | 'forever' | 'repeating';
  /** For `repeating` only: how many payments, the first included, the code discounts. */
  duration_in_intervals: number | null;
  expires_at: Date | null;
  max_redemptions: number | null;
  times_redeemed: number;
  /** False once the merchant archived it: it can no longer be applied. */
  active: boolean;
  created_at: Date;
}

/** A code and the plans it is restricted to (none: every plan of its merchant). */
export interface PromotionCode extends PromotionCodeRow {
  subscription_config_ids: string[];
}

/** Why a code cannot be used for a plan right now, or null when it can. */
export type PromotionProblem = 'expired' | 'exhausted' | 'not_applicable';

export async function withRestrictions(db: Queryable, row: PromotionCodeRow | undefined): Promise<PromotionCode | null> {
  if (!row) return null;
  const configs = await db.query<{ subscription_config_id: string }>(
    'SELECT subscription_config_id FROM promotion_code_configs WHERE promotion_code_id = $1 ORDER BY subscription_config_id',
    [row.promotion_code_id],
  );
  return { ...row, subscription_config_ids: configs.map((c) => c.subscription_config_id) };
}

/**
 * A merchant's active code as the customer typed it: codes are stored upper-case and matched in any case. An
 * inactive code is not found, so nobody learns that it existed and the app needs no wording of its own for it.
 * A session that applied it before it was archived keeps it: the customer was shown that total.
 */
export async function findPromotionCode(db: Queryable, merchantId: string, code: string) {
  const [row] = await db.query<PromotionCodeRow>('SELECT * FROM promotion_codes WHERE merchant_id = $1 AND code = $2 AND active', [
    merchantId,
    code.trim().toUpperCase(),
  ]);
  return withRestrictions(db, row);
}

/** `lock` takes the code's row lock, so two completions cannot both take a code's last redemption. */
export async function findPromotionCodeById(db: Queryable, promotionCodeId: string, lock = false): Promise<PromotionCode | null> {
  const [row] = await db.query<PromotionCodeRow>(
    `SELECT * FROM promotion_codes WHERE promotion_code_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [promotionCodeId],
  );
  return withRestrictions(db, row);
}

/**
 * Whether `promotion` can discount `config` at `now`. A fixed amount is in one currency, so it fits only plans
 * priced in that currency.
 */
export function promotionProblem(promotion: PromotionCode, config: SubscriptionConfigRow, now = new Date()): PromotionProblem | null {
  if (promotion.expires_at && promotion.expires_at <= now) return 'expired';
  if (promotion.max_redemptions !== null && promotion.times_redeemed >= promotion.max_redemptions) return 'exhausted';
  const restricted = promotion.subscription_config_ids.length > 0;
  if (restricted && !promotion.subscription_config_ids.includes(config.subscription_config_id)) return 'not_applicable';
  if (promotion.currency !== null && promotion.currency !== config.currency) return 'not_applicable';
  return null;
}

/** The error for a code that cannot be used, named after `param` (`promotion_code` in both APIs). */
export function promotionError(problem: PromotionProblem | 'not_found', code: string, param = 'promotion_code'): TillApiError {
  const shown = code.trim().toUpperCase();
  switch (problem) {
    case 'not_found':
      return new TillApiError('promotion_code_not_found', `The promotion code '${shown}' does not exist.`, param);
    case 'expired':
      return new TillApiError('promotion_code_expired', `The promotion code '${shown}' has expired.`, param);
    case 'exhausted':
      return new TillApiError('promotion_code_exhausted', `The promotion code '${shown}' has been fully redeemed.`, param);
    case 'not_applicable':
      return new TillApiError('promotion_code_not_applicable', `The promotion code '${shown}' does not apply to this plan.`, param);
  }
}

/** The code the customer or merchant gave, if it exists and can discount `config` now; otherwise the error. */
export async function resolvePromotionCode(db: Queryable, merchantId: string, code: string, config: SubscriptionConfigRow) {
  const promotion = await findPromotionCode(db, merchantId, code);
  if (!promotion) throw promotionError('not_found', code);
  const problem = promotionProblem(promotion, config);
  if (problem) throw promotionError(problem, code);
  return promotion;
}

export function toDiscount(promotion: PromotionCodeRow): Discount {
  const duration =
    promotion.duration === 'repeating'
      ? { duration: promotion.duration, durationInIntervals: promotion.duration_in_intervals! }
      : { duration: promotion.duration };
  return promotion.percent_off !== null ? { percentOff: promotion.percent_off, ...duration } : { amountOff: promotion.amount_off!, ...duration };
}

/** English text for the merchant's logs and for clients without their own wording; apps localise from the fields. */
export function describePromotion(promotion: PromotionCodeRow): string {
  const off =
    promotion.percent_off !== null
      ? `${promotion.percent_off}% off`
      : `${toDecimalString(promotion.amount_off!, promotion.currency!)} ${promotion.currency} off`;
  if (promotion.duration === 'forever') return `${off} every payment`;
  const payments = promotion.duration === 'repeating' ? promotion.duration_in_intervals! : 1;
  return `${off} ${payments === 1 ? 'the first payment' : `the first ${payments} payments`}`;
}
