import { toList } from '../pagination';
import type { TaxRateRow } from '../pricing/priceSession';
import type { Queryable } from '../store/Database';
import { parseInput } from '../validation';
import { listTaxRatesQuery } from '../../protocol/api/taxRates';
import { serializeTaxRate } from './serializeTaxRate';

/** `GET /v1/tax_rates`: the merchant's rates in id order (oldest first), served by `tax_rates_by_merchant` (migration 009). */
export async function listTaxRates(db: Queryable, merchantId: string, query: unknown) {
  const { limit, cursor, country, active } = parseInput(listTaxRatesQuery, query);
  const rows = await db.query<TaxRateRow>(
    `SELECT * FROM tax_rates
     WHERE merchant_id = $1 AND tax_rate_id > $2 AND ($3::text IS NULL OR country = $3) AND ($4::boolean IS NULL OR active = $4)
     ORDER BY tax_rate_id LIMIT $5`,
    [merchantId, cursor ?? '', country ?? null, active === undefined ? null : active === 'true', limit + 1],
  );
  return toList(rows, limit, (row) => row.tax_rate_id, (page) => page.map(serializeTaxRate));
}
