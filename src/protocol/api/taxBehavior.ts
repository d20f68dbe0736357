import { z } from 'zod';

/** `inclusive`: the price already holds the tax, so the customer pays it as listed; `exclusive`: tax is added on top. */
export const taxBehavior = z.enum(['inclusive', 'exclusive']);

export type TaxBehavior = z.infer<typeof taxBehavior>;
