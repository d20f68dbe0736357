import { TillApiError } from '../TillApiError';

/** The refusal of a second active rate for one country, which `tax_rates_one_active` (migration 009) enforces. */
export function activeTaxRateExists(country: string, param: string) {
  return new TillApiError(
    'tax_rate_exists',
    `There is an active tax rate for ${country} already: deactivate it first (PATCH it with "active": false).`,
    param,
  );
}
