import { toDecimalString } from '../money';
import { TillApiError } from '../TillApiError';
import { toMinorUnits } from '../toMinorUnits';

/**
 * The largest price or credit amount a plan or bundle takes, in minor units (999,999.99 USD): Stripe's cap, and
 * far enough below 2^31 (the store's `integer`) that a price times 10,000 seats stays an exact number.
 */
export const MAX_CATALOG_AMOUNT = 99_999_999;

/**
 * A decimal string the merchant sent ("19.00", "2900" yen) as minor units of `currency`, or a 400 naming `param`.
 * More fraction digits than the currency has is refused rather than rounded, so the price is what was typed.
 */
export function parseCatalogAmount(value: string, currency: string, param: string, { positive = false } = {}): number {
  const minorUnits = toMinorUnits(value, currency);
  if (minorUnits === null) {
    const example = toDecimalString(1900, currency);
    throw new TillApiError(
      'validation_error',
      `Invalid '${param}': must be a decimal string in ${currency}, with at most the currency's minor units, like "${example}".`,
      param,
    );
  }
  if (minorUnits > MAX_CATALOG_AMOUNT) {
    throw new TillApiError('validation_error', `Invalid '${param}': must be at most ${toDecimalString(MAX_CATALOG_AMOUNT, currency)}.`, param);
  }
  if (positive && minorUnits === 0) throw new TillApiError('validation_error', `Invalid '${param}': must be more than 0.`, param);
  return minorUnits;
}

/** Credit is counted in hundredths ("10.50" credits), like `creditToDecimalString`. */
export const parseCreditAmount = (value: string, param: string, options?: { positive?: boolean }) =>
  parseCatalogAmount(value, 'USD', param, options);
