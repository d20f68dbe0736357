import { z } from 'zod';

/** The unit a plan's period is counted in; a period is `interval_count` of them ("every 3 months"). */
export const billingInterval = z.enum(['day', 'week', 'month', 'year']);

export type BillingInterval = z.infer<typeof billingInterval>;
