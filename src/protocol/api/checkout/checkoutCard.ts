import { z } from 'zod';
import { findCardNumberProblem, type CardNumberProblem } from '../../cardNumberProblems';
import { cardBrandRules, detectCardBrand } from '../../cardNumbers';

/** The app's own checks (`cardNumbers.ts`) in the API's words, for a caller that skipped them. */
const cardNumberProblems: Record<CardNumberProblem, string> = {
  not_digits: 'Enter the card number without spaces.',
  length: 'This card number has too few or too many digits for its brand.',
  checksum: 'This card number is not valid.',
};

/** A security code of its brand's length; a number of no known brand may have 3 or 4 digits. */
const hasBrandsCvcLength = ({ number, cvc }: { number: string; cvc: string }) => {
  const brand = detectCardBrand(number);
  return !brand || cvc.length === cardBrandRules[brand].cvcLength;
};

/**
 * A card as the customer typed it, judged by the same rules the app judged it by as it was typed, so the two never
 * disagree about a number; only its brand and last four digits are kept.
 */
export const checkoutCard = z
  .strictObject({
    number: z
      .string()
      .superRefine((number, context) => {
        const problem = findCardNumberProblem(number);
        if (problem) context.addIssue({ code: 'custom', message: cardNumberProblems[problem] });
      })
      .describe('The card number, digits only, of a length its brand issues and with a valid Luhn checksum.'),
    exp_month: z.number().int().min(1).max(12).describe('The month the card expires, 1–12.'),
    exp_year: z.number().int().min(2000).max(2100).describe('The year the card expires, four digits; with the month, not past.'),
    cvc: z.string().regex(/^\d{3,4}$/, 'Enter the 3 or 4 digit security code.').describe('The security code: 4 digits for American Express, 3 for other brands.'),
  })
  .refine(({ exp_month, exp_year }) => new Date(Date.UTC(exp_year, exp_month, 1)) > new Date(), {
    message: 'This card has expired.',
    path: ['exp_year'],
  })
  .refine(hasBrandsCvcLength, {
    message: 'Enter the security code printed on the card: 4 digits for American Express, 3 for other brands.',
    path: ['cvc'],
  })
  .meta({ id: 'CheckoutCard', description: 'A card to pay with.' });
