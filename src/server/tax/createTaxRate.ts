import { createId } from '../ids';
import { modeOf } from '../modes';
import type { TaxRateRow } from '../pricing/priceSession';
import type { Queryable } from '../store/Database';
import { isUniqueViolation } from '../store/isUniqueViolation';
import { parseInput } from '../validation';
import { createTaxRateBody } from '../../protocol/api/taxRates';
import { activeTaxRateExists } from './activeTaxRateExists';
import { serializeTaxRate } from './serializeTaxRate';

/** `POST /v1/tax_rates`. A country has at most one active rate, so which one prices a checkout is never a guess. */
export async function createTaxRate(db: Queryable, merchantId: string, body: unknown) {
  const input = parseInput(createTaxRateBody, body);
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
