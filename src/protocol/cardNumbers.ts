/**
 * What a card number is, decided once for the checkout app (which judges it as it is typed) and the server (which
 * judges it again and records its brand), so the two can never disagree about a number. It lives beside the
 * loader↔app protocol because both runtimes may import from here: it imports nothing and touches no DOM.
 *
 * Brands are named as Stripe names them in `card.brand` (`amex`, `diners`, `unionpay`), the names a merchant's
 * code already knows; a number of none of these has no brand (`null`; the server records `unknown`).
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay';

export interface CardBrandRules {
  /** Every length, in digits, a number of this brand may have. */
  lengths: readonly number[];
  /** How many digits the security code has (American Express prints four on the front). */
  cvcLength: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * ISO/IEC 7812 allows payment card numbers of up to 19 digits, and no brand below issues fewer than 13 (Visa's
 * oldest numbers), so a number of no known brand may have any length between.
 */
export const UNKNOWN_BRAND_LENGTHS: readonly number[] = range(13, 19);

// Lengths as the networks publish them (and Wikipedia's "Payment card number" table gathers them): Visa still
// honours its old 13-digit numbers and issues 19-digit ones; Discover, Diners Club, JCB and UnionPay run to 19.
export const cardBrandRules: Record<CardBrand, CardBrandRules> = {
  visa: { lengths: [13, 16, 19], cvcLength: 3 },
  mastercard: { lengths: [16], cvcLength: 3 },
  amex: { lengths: [15], cvcLength: 4 },
  discover: { lengths: range(16, 19), cvcLength: 3 },
  diners: { lengths: range(14, 19), cvcLength: 3 },
  jcb: { lengths: range(16, 19), cvcLength: 3 },
  unionpay: { lengths: range(16, 19), cvcLength: 3 },
};

/**
 * The networks' IIN ranges: a number belongs to a range when its first digits, as many as the range's bounds
 * have, lie between them. Where ranges overlap the longer prefix wins: 622126–622925 is UnionPay's block that
 * Discover lists as its own (cards co-branded for acceptance on Discover's network), inside UnionPay's 62.
 * Mastercard's 2221–2720 is the range it added in 2017; 2200–2204 (Mir) and the rest of 2 are no brand here.
 */
const IIN_RANGES: ReadonlyArray<readonly [from: string, to: string, brand: CardBrand]> = [
  ['4', '4', 'visa'],
  ['51', '55', 'mastercard'],
  ['2221', '2720', 'mastercard'],
  ['34', '34', 'amex'],
  ['37', '37', 'amex'],
  ['6011', '6011', 'discover'],
  ['644', '649', 'discover'],
  ['65', '65', 'discover'],
  ['622126', '622925', 'discover'],
  ['300', '305', 'diners'],
  ['3095', '3095', 'diners'],
  ['36', '36', 'diners'],
  ['38', '39', 'diners'],
  ['3528', '3589', 'jcb'],
  ['62', '62', 'unionpay'],
  ['8100', '8171', 'unionpay'],
];

/**
 * The brand a number's first digits belong to, or null while they match none. Works on a number still being
 * typed: "37" is already American Express, and "6221" UnionPay until a sixth digit may make it Discover.
 */
export function detectCardBrand(digits: string): CardBrand | null {
  let found: { brand: CardBrand; prefixLength: number } | null = null;
  for (const [from, to, brand] of IIN_RANGES) {
    const prefix = digits.slice(0, from.length);
    // Bounds of one range have equal lengths, so comparing digit strings compares the numbers.
    if (prefix.length === from.length && prefix >= from && prefix <= to && from.length > (found?.prefixLength ?? 0)) {
      found = { brand, prefixLength: from.length };
    }
  }
  return found?.brand ?? null;
}

/** The lengths a number may have: its brand's, or for a number of no known brand, any a card may have. */
export function cardNumberLengths(brand: CardBrand | null): readonly number[] {
  return brand ? cardBrandRules[brand].lengths : UNKNOWN_BRAND_LENGTHS;
}
