import { z } from 'zod';
import { cardBrandRules, type CardBrand } from '../cardNumbers';

/**
 * A card's brand as Stripe names it (`amex`, `diners`), from the rules both the app and the server judge numbers
 * by; `unknown` (Stripe's word) for a number of none of them.
 */
export const paymentCardBrand = z.enum(['unknown', ...(Object.keys(cardBrandRules) as CardBrand[])]);

export type PaymentCardBrand = z.infer<typeof paymentCardBrand>;
