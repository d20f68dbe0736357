import { z } from 'zod';

/**
 * Who takes the session's card, so the app shows that processor's fields: the built-in test processor's own, or
 * Stripe's Payment Element, which needs the merchant's publishable key (public by design: it only identifies the
 * Stripe account to Stripe.js). Never a secret key.
 */
export const checkoutProcessor = z
  .discriminatedUnion('name', [
    z.strictObject({ name: z.literal('test').describe('The built-in test processor: the frame’s own card fields.') }),
    z.strictObject({
      name: z.literal('stripe').describe('Stripe: its Payment Element collects the card, in its own iframe.'),
      publishable_key: z
        .string()
        // What the processor settings accept for it (`processorSettings.ts`).
        .regex(/^pk_(test|live)_[\x21-\x7e]+$/)
        .describe('The merchant’s Stripe publishable key, of the session’s mode, for Stripe.js.'),
    }),
  ])
  .meta({ id: 'CheckoutProcessor', description: 'The processor that takes the card, and what the frame needs to load its fields.' });

export type CheckoutProcessor = z.infer<typeof checkoutProcessor>;
