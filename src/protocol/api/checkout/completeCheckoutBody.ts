import { z } from 'zod';
import { countryCode, emailAddress, personName } from '../fields';
import { checkoutCard } from './checkoutCard';

/**
 * `POST /api/checkout/complete`: how the customer pays, and who they are when the checkout collects identity.
 * Exactly one of `card` and `use_saved_card`: the server says which is missing or extra in its own words, so the
 * rule is not a union here, whose error would name neither.
 */
export const completeCheckoutBody = z
  .strictObject({
    customer: z
      .strictObject({
        email: emailAddress.describe('The customer’s email; must be the prefilled one when the merchant locked it.'),
        name: personName.describe('The customer’s name.'),
        country: countryCode
          .optional()
          .describe('The customer’s country, in either case; one whose tax changes the total must be sent with PATCH first.'),
      })
      .optional()
      .describe('A new customer’s details (`collects_identity`); the merchant’s prefill stands in for what is left out.'),
    card: checkoutCard.optional().describe('The card to charge, unless `use_saved_card`.'),
    use_saved_card: z.literal(true).optional().describe('A returning customer pays with the card on file (`saved_card`), in one step.'),
  })
  .meta({ id: 'CheckoutCompleteBody', description: 'How the customer pays, and who they are.' });

export type CompleteCheckoutBody = z.input<typeof completeCheckoutBody>;
