import { cardBrandRules, detectCardBrand } from './cardBrand';

/** Numbers of no known brand can run to 19 digits (ISO/IEC 7812), printed in fours. */
const UNKNOWN = { length: 19, groups: [4, 4, 4, 4, 3] } as const;

/**
 * Prints a card number as it is embossed: 4-4-4-4, American Express 4-6-5. Anything but digits is dropped and
 * digits beyond the brand's length are cut, so a paste with spaces or dashes comes out the same as typing.
 */
export function formatCardNumber(text: string): string {
  const brand = detectCardBrand(text.replace(/\D/g, ''));
  const { length, groups } = brand ? cardBrandRules[brand] : UNKNOWN;
  let digits = text.replace(/\D/g, '').slice(0, length);
  const parts: string[] = [];
  for (const size of groups) {
    if (!digits) break;
    parts.push(digits.slice(0, size));
    digits = digits.slice(size);
  }
  return parts.join(' ');
}
