import { z } from 'zod';
import type { CheckoutMode } from '../types';

/** What a checkout sells: a plan's subscription, or a credit bundle to a subscriber of its plan. */
export const checkoutMode = z.enum(['subscription', 'credit_bundle'] as const satisfies readonly CheckoutMode[]);
