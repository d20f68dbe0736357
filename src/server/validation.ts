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

/** Seeds 001 and 002: "length between 1 and 2083", Internet Explorer's longest URL and still a common cap. */
export const MAX_URL_LENGTH = 2083;

/** An `http(s)` origin, optionally with a trailing `/`, as the seed's `https://your-app.example.com/`. */
export const httpOrigin = z.string().max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`).refine((value) => {
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

/**
 * A fully-qualified `http(s)` URL the customer's browser is sent to (seed 001: "must be fully qualified URLs").
 * Written out with `//` and without whitespace or control characters, which the URL parser would otherwise
 * quietly repair, and without credentials, which make `https://bank.example@evil.example/` read as someone
 * else's address.
 */
export const redirectUrl = z
  .string()
  .min(1)
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine((value) => {
    if (!/^https?:\/\/[^\s\\/][^\s\u0000-\u001f\u007f]*$/i.test(value)) return false;
    try {
      const url = new URL(value);
      return url.hostname !== '' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be a fully-qualified http or https URL, like https://your-app.example.com/checkout/done');

/** Codes `Intl` names a region for but that are not countries a customer lives in. */
const NOT_A_COUNTRY = new Set(['EU', 'EZ', 'QO', 'UN', 'ZZ']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Whether `code` is an upper-case ISO 3166-1 alpha-2 code of a country (not of a region such as EU). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_A_COUNTRY.has(code) && regionNames.of(code) !== undefined;
}

/** An ISO 3166-1 alpha-2 country code, in either case, kept upper-case ("de" → "DE"). */
export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code, like DE')
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, 'is not an ISO 3166-1 country code');

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code, in either case, kept upper-case ("usd" → "USD"). */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 currency code, like USD')
  .transform((value) => value.toUpperCase())
  .refine((code) => KNOWN_CURRENCIES.has(code), 'is not an ISO 4217 currency code');

/** A BCP 47 language tag, kept in its canonical case ("de-de" → "de-DE"). */
export const localeTag = z
  .string()
  .max(35)
  .refine((value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag, like de-DE')
  .transform((value) => Intl.getCanonicalLocales(value)[0]!);

export const emailAddress = z.string().trim().max(254).pipe(z.email({ message: 'Enter a valid email address.' }));
export const personName = z.string().trim().min(1, 'Enter your name.').max(200);
