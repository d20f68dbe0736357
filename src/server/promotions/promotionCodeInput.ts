import { z } from 'zod';

/** The most a fixed discount takes, in minor units: eight digits, as Stripe allows, well within the column. */
export const MAX_AMOUNT_OFF = 99_999_999;
export const MAX_REDEMPTIONS = 1_000_000_000;
/** The longest `repeating` code; beyond it, `forever` says the same. */
export const MAX_DURATION_IN_INTERVALS = 1000;

export const maxRedemptions = z.number().int().min(1).max(MAX_REDEMPTIONS);

export const expiresAt = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time, like 2025-05-15T08:30:00Z' })
  .transform((value) => new Date(value))
  .refine((date) => date > new Date(), 'must be in the future');
