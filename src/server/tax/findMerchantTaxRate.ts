import type { TaxRateRow } from '../pricing/priceSession';
import type { Queryable } from '../store/Database';
import { TillApiError } from '../TillApiError';

/** One of the merchant's rates by id, active or not; another merchant's id is as missing as an unknown one. */
export async function findMerchantTaxRate(db: Queryable, merchantId: string, taxRateId: string) {
  const [row] = await db.query<TaxRateRow>('SELECT * FROM tax_rates WHERE tax_rate_id = $1 AND merchant_id = $2', [taxRateId, merchantId]);
  if (!row) throw new TillApiError('resource_missing', `No tax rate with id '${taxRateId}'.`, 'id');
  return row;
}
