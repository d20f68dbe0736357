import { cardNumberLengths, detectCardBrand } from './cardNumbers';

// What can be wrong with a whole card number, apart from the brand rules (`cardNumbers.ts`) a number being typed
// needs: the checkout app judges with it only once the customer leaves the field or pays, so it loads later there.

/** The Luhn checksum every card number carries, which catches a mistyped digit or two swapped neighbours. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit > 4 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Why a number cannot be a card's, checked in this order; the app words each for the customer. */
export type CardNumberProblem = 'not_digits' | 'length' | 'checksum';

/** What is wrong with a card number given as digits only, or null when it may be a real card's. */
export function findCardNumberProblem(digits: string): CardNumberProblem | null {
  if (!/^\d+$/.test(digits)) return 'not_digits';
  if (!cardNumberLengths(detectCardBrand(digits)).includes(digits.length)) return 'length';
  if (!passesLuhn(digits)) return 'checksum';
  return null;
}
