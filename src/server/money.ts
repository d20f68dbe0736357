const digitsByCurrency = new Map<string, number>();

/**
 * Minor units per major unit for a currency, from the runtime's ISO 4217 data (JPY 0, USD 2, KWD 3). Kept per
 * currency: making the `Intl.NumberFormat` that knows it was 4 % of a server's CPU under session creates (issue 13).
 * `Intl` takes any three letters, so the list is emptied should it ever pass what real currencies make.
 */
export function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (digitsByCurrency.size >= 1000) digitsByCurrency.clear();
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Amounts live in the store as integer minor units and leave the API as decimal strings ("19.00"). */
export function toDecimalString(minorUnits: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minorUnits < 0;
  const padded = Math.abs(minorUnits).toString().padStart(digits + 1, '0');
  const whole = digits ? padded.slice(0, -digits) : padded;
  const fraction = digits ? `.${padded.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Credits are counted in hundredths, like Lava's dollar-denominated credit. */
export const creditToDecimalString = (hundredths: number): string => toDecimalString(hundredths, 'USD');
