import { z } from 'zod';

// The merchant API's responses give these fields the same way; when both APIs' schemas meet in src/protocol, one
// definition of each is enough.

/**
 * An id as the server makes them: the object's prefix, its mode, and 26 base-32 digits that sort by creation time
 * (`cs_test_01KK2…`).
 */
export const objectId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_(?:test|live)_[0-9A-Z]{26}$`));

/** An instant as every response gives it: ISO 8601 in UTC, with milliseconds (`2026-12-04T16:16:44.922Z`). */
export const timestamp = z.iso.datetime();

/**
 * An amount as every response gives it: a decimal string with exactly the currency's minor units ("19.00" USD,
 * "2900" JPY), never a binary float that cannot hold 0.10.
 */
export const decimalAmount = z.string().regex(/^\d+(?:\.\d+)?$/);

/** An upper-case ISO 4217 code, as responses give every currency. */
export const isoCurrency = z.string().regex(/^[A-Z]{3}$/);

/** An upper-case ISO 3166-1 alpha-2 code, as responses give every country. */
export const isoCountry = z.string().regex(/^[A-Z]{2}$/);
