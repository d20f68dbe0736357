import { z } from 'zod';

/**
 * `?limit=&cursor=` of every list: 1–100 objects (10 by default) after the id in `cursor` (an id, so at most 100
 * characters). Lists are in id order, and ids sort by creation time, so a page never shifts under a new object.
 */
export const pageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe('How many objects to return, from 1 to 100; 10 by default.'),
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("The previous page's `next_cursor`: the page starts after the object with this id."),
});

/**
 * One page of a list, `{data, has_more, next_cursor}`, named after its item (`CheckoutSession` →
 * `CheckoutSessionList`) so the OpenAPI document gives every list its own component.
 */
export function listOf<Item extends z.ZodType>(item: Item) {
  const itemId = z.globalRegistry.get(item)?.id;
  if (typeof itemId !== 'string') throw new Error('listOf: give the item schema a .meta({ id }) first.');
  return z
    .strictObject({
      data: z.array(item).describe('The objects of this page, oldest first.'),
      has_more: z.boolean().describe('Whether another page follows this one.'),
      next_cursor: z
        .string()
        .nullable()
        .describe('The id of the last object of this page, to send as `cursor` for the next one; null on the last page.'),
    })
    .meta({ id: `${itemId}List`, description: `A page of ${itemId} objects, oldest first.` });
}
