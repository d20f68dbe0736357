import { z } from 'zod';

/** Seeds 001 and 002: "length between 1 and 2083", Internet Explorer's longest URL and still a common cap. */
export const MAX_URL_LENGTH = 2083;

/**
 * A host the checkout page's `frame-ancestors` can name: a hostname of letters, digits and hyphens (an IDN in
 * punycode, as the origin must be written the way the URL parser serializes it), an IPv4 address, or an IPv6 address
 * in brackets. The URL parser lets `*`, `;`, `$` and the like through in a host: `https://*` would let any https site
 * frame the page, and a `;` would end the directive early.
 */
export const ORIGIN_HOST = /^([a-z\d-]+(\.[a-z\d-]+)*|\[[\da-f:.]+\])$/;

/** An `http(s)` origin, optionally with a trailing `/`, as the seed's `https://your-app.example.com/`. */
export const httpOrigin = z.string().max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`).refine((value) => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash &&
      ORIGIN_HOST.test(url.hostname) &&
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

// Node 20's own expressions behind `net.isIP` (lib/internal/net.js), written out so this schema runs in a browser
// too and reads as a `pattern` in the API's JSON Schema; the zone suffix (`%eth0`) those allow is left out.
const V4_SEG = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const V4 = `(?:${V4_SEG}\\.){3}${V4_SEG}`;
const V6_SEG = '(?:[0-9a-fA-F]{1,4})';
const IP_ADDRESS = new RegExp(
  `^(?:${V4}|` +
    `(?:${V6_SEG}:){7}(?:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){6}(?:${V4}|:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){5}(?::${V4}|(?::${V6_SEG}){1,2}|:)|` +
    `(?:${V6_SEG}:){4}(?:(?::${V6_SEG}){0,1}:${V4}|(?::${V6_SEG}){1,3}|:)|` +
    `(?:${V6_SEG}:){3}(?:(?::${V6_SEG}){0,2}:${V4}|(?::${V6_SEG}){1,4}|:)|` +
    `(?:${V6_SEG}:){2}(?:(?::${V6_SEG}){0,3}:${V4}|(?::${V6_SEG}){1,5}|:)|` +
    `(?:${V6_SEG}:){1}(?:(?::${V6_SEG}){0,4}:${V4}|(?::${V6_SEG}){1,6}|:)|` +
    `(?::(?:(?::${V6_SEG}){0,5}:${V4}|(?::${V6_SEG}){1,7}|:)))$`,
);

/**
 * Seed 003's `ipAddress`: an IPv4 or IPv6 address as written (`203.0.113.7`, `2001:db8::1`), at most 45 characters
 * (the longest IPv6 text, an IPv4-mapped one). Strict as Node's parser is (no leading zeros, no shorthand like
 * `1.2.3`); a zone (`fe80::1%eth0`) names an interface of the sender's own machine, so it is refused too.
 */
export const ipAddress = z
  .string()
  .max(45, 'must be at most 45 characters')
  .regex(IP_ADDRESS, 'must be an IPv4 or IPv6 address, like 203.0.113.7 or 2001:db8::1');

/**
 * An id as the API makes them: the object's prefix, its mode, and 26 base-32 digits that sort by creation time
 * (`cs_test_01KK2…`), so a list's `cursor` can compare them.
 */
export const objectId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_(?:test|live)_[0-9A-Z]{26}$`));

/** An instant as every response gives it: ISO 8601 in UTC, with milliseconds (`2026-12-04T16:16:44.922Z`). */
export const timestamp = z.iso.datetime();

/**
 * Whether an ISO 8601 date-time with an offset falls, once in UTC, in the years 1970–9999: the format allows
 * `9999-12-31T23:59:59-23:59`, which is in year 10000, where `timestamp` above (four-digit years) cannot answer it.
 */
export function isInApiYears(value: string | Date): boolean {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}

export const API_YEARS_MESSAGE = 'must be between the years 1970 and 9999';

/**
 * An amount as every response gives it: a decimal string with exactly the currency's minor units ("19.00" USD,
 * "2900" JPY), never a binary float that cannot hold 0.10.
 */
export const decimalAmount = z.string().regex(/^\d+(?:\.\d+)?$/);

/** An upper-case ISO 4217 code, as responses give every currency. */
export const isoCurrency = z.string().regex(/^[A-Z]{3}$/);

/** An upper-case ISO 3166-1 alpha-2 code, as responses give every country. */
export const isoCountry = z.string().regex(/^[A-Z]{2}$/);
