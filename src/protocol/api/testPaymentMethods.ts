import { z } from 'zod';
import { checkoutCard } from './checkout/checkoutCard';
import { paymentCardBrand } from './paymentCardBrand';

/**
 * The test processor's tokenization, `POST /test-processor/payment_methods`: the frame's card fields send the
 * card here, apart from Till's own API as Stripe's are apart from a merchant's server, and pay with the id.
 */
export const createTestPaymentMethodBody = z.strictObject({ card: checkoutCard }).meta({ id: 'TestPaymentMethodBody' });

export const testPaymentMethod = z
  .strictObject({
    id: z.string().describe('The payment method’s id, `pm_…`, for `payment_method` of `POST /api/checkout/complete`.'),
    card: z.strictObject({
      brand: paymentCardBrand,
      last4: z.string().regex(/^\d{4}$/),
      exp_month: z.number().int(),
      exp_year: z.number().int(),
    }),
  })
  .meta({ id: 'TestPaymentMethod' });

export type CreateTestPaymentMethodBody = z.input<typeof createTestPaymentMethodBody>;
export type TestPaymentMethod = z.output<typeof testPaymentMethod>;
