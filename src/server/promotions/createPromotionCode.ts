import type { z } from 'zod';
import { createId } from '../ids';
import { modeOf } from '../modes';
import { findConfig } from '../sessions/createCheckoutSession';
import type { Database } from '../store/Database';
import { isUniqueViolation } from '../store/isUniqueViolation';
import { TillApiError } from '../TillApiError';
import { toMinorUnits } from '../toMinorUnits';
import { parseInput } from '../validation';
import { createPromotionCodeBody, MAX_AMOUNT_OFF } from '../../protocol/api/promotionCodes';
import { findMerchantPromotionCode } from './findMerchantPromotionCode';
import { serializePromotionCode } from './serializePromotionCode';

type CreateInput = z.infer<typeof createPromotionCodeBody>;

const invalid = (param: string, message: string) => new TillApiError('validation_error', message, param);

/** The discount: exactly one of a percentage or an amount, the amount with its currency. */
function discountOf(input: CreateInput): { percentOff: number | null; amountOff: number | null; currency: string | null } {
  if (input.percent_off !== undefined) {
    if (input.amount_off !== undefined) throw invalid('amount_off', "Send either 'percent_off' or 'amount_off', not both.");
    if (input.currency !== undefined) throw invalid('currency', "'currency' applies only to 'amount_off'.");
    return { percentOff: input.percent_off, amountOff: null, currency: null };
  }
  if (input.amount_off === undefined) throw invalid('percent_off', "Missing required parameter: send 'percent_off' or 'amount_off'.");
  if (input.currency === undefined) throw invalid('currency', "Missing required parameter 'currency': 'amount_off' is in one currency.");
  const amountOff = toMinorUnits(input.amount_off, input.currency);
  if (amountOff === null) {
    throw invalid('amount_off', `Invalid 'amount_off': must be a decimal string in ${input.currency}, like "5.00".`);
  }
  if (amountOff < 1 || amountOff > MAX_AMOUNT_OFF) throw invalid('amount_off', "Invalid 'amount_off': must be more than zero and at most 8 digits.");
  return { percentOff: null, amountOff, currency: input.currency };
}

function durationInIntervalsOf(input: CreateInput): number | null {
  if (input.duration === 'repeating') {
    if (input.duration_in_intervals === undefined) {
      throw invalid('duration_in_intervals', "Missing required parameter 'duration_in_intervals': a repeating code lasts that many payments.");
    }
    return input.duration_in_intervals;
  }
  if (input.duration_in_intervals !== undefined) {
    throw invalid('duration_in_intervals', "'duration_in_intervals' applies only when 'duration' is 'repeating'.");
  }
  return null;
}

/**
 * `POST /v1/promotion_codes`. The plans a code is for must be the merchant's, and a fixed amount must be in their
 * currency, or the code could never apply to them. Codes are unique per merchant, archived ones included, so a
 * code the customer types always means one discount.
 */
export async function createPromotionCode(db: Database, merchantId: string, body: unknown) {
  const input = parseInput(createPromotionCodeBody, body);
  const discount = discountOf(input);
  const durationInIntervals = durationInIntervalsOf(input);
  const code = input.code.toUpperCase();
  const promotionCodeId = createId('promo', modeOf(merchantId));
  try {
    await db.transaction(async (tx) => {
      const configIds = input.subscription_config_ids ?? [];
      for (const [index, configId] of configIds.entries()) {
        const config = await findConfig(tx, merchantId, configId, `subscription_config_ids.${index}`);
        if (discount.currency !== null && config.currency !== discount.currency) {
          throw invalid(`subscription_config_ids.${index}`, `'${config.name}' is priced in ${config.currency}, and 'amount_off' in ${discount.currency}.`);
        }
      }
      await tx.query(
        `INSERT INTO promotion_codes (promotion_code_id, merchant_id, code, percent_off, amount_off, currency, duration,
           duration_in_intervals, expires_at, max_redemptions, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [promotionCodeId, merchantId, code, discount.percentOff, discount.amountOff, discount.currency, input.duration,
          durationInIntervals, input.expires_at ?? null, input.max_redemptions ?? null, input.active ?? true],
      );
      for (const configId of configIds) {
        await tx.query('INSERT INTO promotion_code_configs (promotion_code_id, subscription_config_id) VALUES ($1, $2)', [promotionCodeId, configId]);
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TillApiError('promotion_code_exists', `A promotion code '${code}' already exists.`, 'code');
    throw error;
  }
  return serializePromotionCode(await findMerchantPromotionCode(db, merchantId, promotionCodeId));
}
