import { cardNumberLengths, detectCardBrand } from '../../protocol/cardNumbers';

/** American Express embosses its 15 digits 4-6-5; every other brand prints fours, whatever its length. */
const AMEX_GROUPS = [4, 6, 5] as const;
const FOURS = [4, 4, 4, 4, 3] as const;

/**
 * Prints a card number as it is embossed: 4-4-4-4, American Express 4-6-5. Anything but digits is dropped and
 * digits beyond the brand's longest number are cut, so a paste with spaces or dashes comes out the same as typing.
 */
export function formatCardNumber(text: string): string {
  const brand = detectCardBrand(text.replace(/\D/g, ''));
  const groups = brand === 'amex' ? AMEX_GROUPS : FOURS;
  let digits = text.replace(/\D/g, '').slice(0, Math.max(...cardNumberLengths(brand)));
  const parts: string[] = [];
  for (const size of groups) {
    if (!digits) break;
    parts.push(digits.slice(0, size));
    digits = digits.slice(size);
  }
  return parts.join(' ');
}
