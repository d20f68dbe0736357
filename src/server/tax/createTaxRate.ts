import { z } from 'zod';
import { createId } from '../ids';
import { modeOf } from '../modes';
import type { TaxRateRow } from '../pricing/priceSession';
import type { Queryable } from '../store/Database';
import { isUniqueViolation } from '../store/isUniqueViolation';
import { parseInput } from '../validation';
import { countryCode } from '../../protocol/api/fields';
import { activeTaxRateExists } from './activeTaxRateExists';
import { serializeTaxRate } from './serializeTaxRate';

/** A percentage of at most two decimals (19, 7.5, 8.25), as whole basis points. */
const percentage = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'must have at most two decimals, like 19 or 7.5')
  .transform((value) => Math.round(value * 100));

export const taxRateDisplayName = z.string().trim().min(1).max(100);

const createInput = z.strictObject({
  country: countryCode,
  percentage,
  display_name: taxRateDisplayName,
  active: z.boolean().optional(),
});

/** `POST /v1/tax_rates`. A country has at most one active rate, so which one prices a checkout is never a guess. */
export async function createTaxRate(db: Queryable, merchantId: string, body: unknown) {
  const input = parseInput(createInput, body);
  try {
    const [row] = await db.query<TaxRateRow>(
      `INSERT INTO tax_rates (tax_rate_id, merchant_id, country, rate_bps, display_name, active)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [createId('txr', modeOf(merchantId)), merchantId, input.country, input.percentage, input.display_name, input.active ?? true],
    );
    return serializeTaxRate(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw activeTaxRateExists(input.country, 'country');
    throw error;
  }
}
