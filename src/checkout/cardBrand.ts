/** The brands the form recognises as the number is typed; the server decides the brand it stores on its own. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover';

export interface CardBrandRules {
  /** How many digits a complete number has. */
  length: number;
  /** How many digits the security code has (American Express prints four on the front). */
  cvcLength: number;
  /** How the number is printed on the card, e.g. 4-6-5 for American Express. */
  groups: readonly number[];
}

const SIXTEEN = [4, 4, 4, 4] as const;

export const cardBrandRules: Record<CardBrand, CardBrandRules> = {
  visa: { length: 16, cvcLength: 3, groups: SIXTEEN },
  mastercard: { length: 16, cvcLength: 3, groups: SIXTEEN },
  amex: { length: 15, cvcLength: 4, groups: [4, 6, 5] },
  discover: { length: 16, cvcLength: 3, groups: SIXTEEN },
};

/**
 * The brand a number's first digits (its IIN) belong to, or null while they match none. Mastercard includes the
 * 2221–2720 range issued since 2017; Discover includes 644–649 and 65.
 */
export function detectCardBrand(digits: string): CardBrand | null {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|64[4-9]|65)/.test(digits)) return 'discover';
  return null;
}
