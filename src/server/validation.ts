import type { Context } from 'hono';
import { z } from 'zod';
import { assertWithinInputLimits } from './inputLimits';
import { TillApiError } from './TillApiError';

/**
 * Validates `input` against `schema`, turning the first problem into a 400 that names the field. The input meets
 * `INPUT_LIMITS` first (no NUL, no lone surrogate, no string, list or nesting beyond the caps), whatever the schema.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  assertWithinInputLimits(input);
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

/**
 * A request body that is not JSON is the caller's mistake (400), never ours (500); so is one outside
 * `INPUT_LIMITS`, refused here before any route reads it.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text || '{}');
  } catch {
    throw new TillApiError('invalid_json', 'The request body is not valid JSON.');
  }
  assertWithinInputLimits(body);
  if (keyInBody.has(c.req.raw)) delete (body as { idempotency_key?: unknown }).idempotency_key;
  return body;
}

/** Requests whose body carried seed 001's `idempotency_key`, already taken by the `idempotency` middleware. */
const keyInBody = new WeakSet<Request>();

/**
 * Says that this request's `idempotency_key` body field was the Idempotency-Key, so `readJsonBody` leaves it out
 * and no route's schema has to know it.
 */
export function takeIdempotencyKeyFromBody(request: Request) {
  keyInBody.add(request);
}
