import { z } from 'zod';

/** The path parameter `{id}` of a route about one object, described as that object's id. */
export function idParams(description: string) {
  return z.strictObject({ id: z.string().describe(description) });
}
