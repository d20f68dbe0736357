import type { TaxRateRow } from '../pricing/priceSession';
import { isLive } from '../modes';
import type { TaxRate } from '../../protocol/api/taxRates';

/** A tax rate as the merchant API returns it: `percentage` as given (19, 7.5), stored as basis points. */
export function serializeTaxRate(rate: TaxRateRow): TaxRate {
  return {
    tax_rate_id: rate.tax_rate_id,
    livemode: isLive(rate.tax_rate_id),
    country: rate.country,
    percentage: rate.rate_bps / 100,
    display_name: rate.display_name,
    active: rate.active,
    created_at: rate.created_at.toISOString(),
  };
}
