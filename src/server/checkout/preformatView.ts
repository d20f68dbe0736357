import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import { decimalAmount, isoCurrency, timestamp } from '../../protocol/api/fields';

/** At most this many of the customer's languages, most preferred first, beside the session's and English. */
const ACCEPTED_LOCALES = 3;

/** Formatters kept; the locales come from requests, so a stranger's made-up tags must not grow the process. */
const MAX_FORMATTERS = 500;
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** One formatter per locale and options for the process: building one takes longer than formatting with it. */
function formatter<Kind extends Intl.NumberFormat | Intl.DateTimeFormat>(make: () => Kind, ...key: unknown[]): Kind {
  const name = JSON.stringify(key);
  let found = formatters.get(name);
  if (!found) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(name, (found = make()));
  }
  return found as Kind;
}

/** `tag` as the app's `supportedLocale` makes it, or undefined when it is malformed (the app skips it as well). */
function canonical(tag: string | null): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The locales the app may format the view in: the session's, the customer's first three (`Accept-Language`, which
 * the browser derives from the languages `navigator.languages` lists; `*` and malformed ranges skipped), English.
 */
export function viewLocales(sessionLocale: string | null, acceptLanguage = ''): string[] {
  // The first twenty ranges are read: a browser sends a handful, and a stranger's long header costs no more.
  const accepted = acceptLanguage.split(',', 20).map((range) => canonical(range.split(';')[0]!.trim()));
  const locales = [canonical(sessionLocale), ...accepted.filter((tag) => tag !== undefined).slice(0, ACCEPTED_LOCALES), 'en'];
  return [...new Set(locales.filter((tag) => tag !== undefined))];
}

/**
 * Issue 13: a renderer's first `Intl` formatter costs it 20–60 ms, in the first render, right before the first field.
 * The server formats the view's values as the app's format functions would (src/checkout/format/), in each locale the
 * app may choose, and the app looks each up before formatting it itself: decimal strings as money in the view's
 * currencies (and negated, as a discount shows) and as plain numbers, numbers as numbers and percentages, and each
 * timestamp's date for the day before, of and after it in UTC, one of which is the customer's day wherever they are.
 * Keys: `<locale> <currency> <amount>`, `<locale> <amount>`, `<locale> <number>%`, `<locale> <Date#toDateString()>`.
 * A value formatted here and not shown costs bytes only; one not here is formatted by the app, as before.
 */
export function preformatView(view: CheckoutView, locales: readonly string[]): Record<string, string> {
  const amounts = new Set<string>();
  const numbers = new Set<number>();
  const days = new Set<number>();
  const currencies = new Set<string>();
  const collect = (value: unknown, key: string) => {
    if (typeof value === 'number') numbers.add(value);
    else if (typeof value === 'string') {
      if (key === 'currency' && isoCurrency.safeParse(value).success) currencies.add(value);
      else if (decimalAmount.safeParse(value).success) amounts.add(value).add(`-${value}`);
      else if (timestamp.safeParse(value).success) {
        const midnight = new Date(value).setUTCHours(0, 0, 0, 0);
        for (const offset of [-1, 0, 1]) days.add(midnight + offset * 86_400_000);
      }
    } else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) collect(inner, name);
  };
  collect(view, '');

  const formats: Record<string, string> = {};
  for (const locale of locales) {
    const plain = formatter(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }), locale, 'number');
    for (const currency of currencies) {
      const money = formatter(() => new Intl.NumberFormat(locale, { style: 'currency', currency }), locale, currency);
      for (const amount of amounts) formats[`${locale} ${currency} ${amount}`] = money.format(amount as Intl.StringNumericLiteral);
    }
    for (const amount of amounts) {
      if (!amount.startsWith('-')) formats[`${locale} ${amount}`] = plain.format(amount as Intl.StringNumericLiteral);
    }
    const percent = formatter(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }), locale, 'percent');
    for (const number of numbers) {
      formats[`${locale} ${number}`] = plain.format(number);
      formats[`${locale} ${number}%`] = percent.format(number / 100);
    }
    const date = formatter(() => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }), locale, 'date');
    for (const day of days) {
      const at = new Date(day);
      // The app's key is `toDateString()` of its local day ("Fri Feb 15 2030"), which no time zone changes here.
      formats[`${locale} ${new Date(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()).toDateString()}`] = date.format(at);
    }
  }
  return formats;
}
