/**
 * The merchant's locale as a canonical BCP 47 tag, or undefined when it isn't one. `Intl` throws a RangeError on
 * a malformed tag, which would take the whole checkout down; a well-formed tag the browser lacks data for is
 * fine, as `Intl` falls back on its own.
 */
export function supportedLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
