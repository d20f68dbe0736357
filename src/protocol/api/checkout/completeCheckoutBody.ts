import { z } from 'zod';
import { countryCode, decimalAmount, emailAddress, personName } from '../fields';

/**
 * `POST /api/checkout/complete`: how the customer pays, and who they are when the checkout collects identity.
 * Exactly one of `payment_method` and `use_saved_card`: the server says which is missing or extra in its own words,
 * so the rule is not a union here, whose error would name neither. The card itself never comes here: the frame
 * gives it to the processor, which answers with the `payment_method` id.
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
    payment_method: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,100}$/, 'This card could not be read. Enter it again.')
      .optional()
      .describe('The card to charge, as the processor’s id for it (`pm_…`, from its tokenization), unless `use_saved_card`.'),
    use_saved_card: z.literal(true).optional().describe('A returning customer pays with the card on file (`saved_card`), in one step.'),
    expected_total: decimalAmount
      .optional()
      .describe(
        'The total the customer was shown (the view’s `amount_due`). When the server’s total differs, as when the merchant ' +
          'replaced the tax rate meanwhile, nothing is charged and the answer is `total_changed`.',
      ),
  })
  .meta({ id: 'CheckoutCompleteBody', description: 'How the customer pays, and who they are.' });

export type CompleteCheckoutBody = z.input<typeof completeCheckoutBody>;
