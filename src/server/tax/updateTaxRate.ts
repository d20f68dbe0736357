import type { TaxRateRow } from '../pricing/priceSession';
import { refuseImmutableFields } from '../refuseImmutableFields';
import type { Queryable } from '../store/Database';
import { isUniqueViolation } from '../store/isUniqueViolation';
import { parseInput } from '../validation';
import { activeTaxRateExists } from './activeTaxRateExists';
import { updateTaxRateBody } from '../../protocol/api/taxRates';
import { findMerchantTaxRate } from './findMerchantTaxRate';
import { serializeTaxRate } from './serializeTaxRate';

/**
 * A rate's percentage and country are fixed: a rate changing under an open checkout would change a total the
 * customer was already shown, and a rate id would no longer say what was charged. A new rate is created instead,
 * and the old one archived.
 */
const IMMUTABLE = ['percentage', 'country'] as const;

/** `PATCH /v1/tax_rates/:id`: rename, archive, or activate again (if the country has no other active rate). */
export async function updateTaxRate(db: Queryable, merchantId: string, taxRateId: string, body: unknown) {
  refuseImmutableFields(body, IMMUTABLE, 'create a new tax rate and deactivate this one.');
  const input = parseInput(updateTaxRateBody, body);
  const rate = await findMerchantTaxRate(db, merchantId, taxRateId);
  try {
    const [row] = await db.query<TaxRateRow>(
      'UPDATE tax_rates SET display_name = coalesce($2, display_name), active = coalesce($3, active) WHERE tax_rate_id = $1 RETURNING *',
      [taxRateId, input.display_name ?? null, input.active ?? null],
    );
    return serializeTaxRate(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw activeTaxRateExists(rate.country, 'active');
    throw error;
  }
}
