import type { Context } from 'hono';
import { z } from 'zod';
import { TillApiError } from './TillApiError';

/** Validates `input` against `schema`, turning the first problem into a 400 that names the field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const param = path.join('.') || null;
  // Zod 4 leaves `input` out of issues, so whether the field was sent is read from the input itself.
  const missing = path.length > 0 && valueAt(input, path) === undefined;
  const message =
    issue.code === 'unrecognized_keys'
      ? `Unknown parameter '${param}'.`
      : missing
        ? `Missing required parameter '${param}'.`
        : `Invalid ${param ? `'${param}'` : 'request body'}: ${issue.message}`;
  throw new TillApiError('validation_error', message, param);
}

function valueAt(input: unknown, path: readonly unknown[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | null | undefined)?.[key as PropertyKey], input);
}

/** A request body that is not JSON is the caller's mistake (400), never ours (500). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text || '{}');
  } catch {
    throw new TillApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/** An `http(s)` origin, optionally with a trailing `/`, as the seed's `https://your-app.example.com/`. */
export const httpOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash &&
      (value === url.origin || value === `${url.origin}/`)
    );
  } catch {
    return false;
  }
}, 'must be an http or https origin, like https://your-app.example.com/');
