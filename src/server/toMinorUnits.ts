import { fractionDigits } from './money';

/**
 * A decimal string of the API ("5", "5.5", "5.50") as integer minor units of `currency` (550), or null when it
 * is not a plain non-negative decimal or has more fraction digits than the currency has (JPY "5.5", USD "5.005"):
 * rounding an amount the merchant typed would charge something other than what they meant.
 */
export function toMinorUnits(decimal: string, currency: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(decimal);
  if (!match) return null;
  const digits = fractionDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minorUnits = Number(match[1]! + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minorUnits) ? minorUnits : null;
}
