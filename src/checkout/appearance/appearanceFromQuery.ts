import type { CheckoutAppearance } from '../../protocol';

const FIELDS = ['theme', 'accentColor', 'locale'] as const;

/**
 * The merchant's appearance in redirect display, where there is no loader to send an `init`: the loader puts it
 * in the query of the hosted page's address (`?theme=dark&locale=de`). None of it is secret, unlike the fragment.
 * Taken as text, and checked where it is applied (`applyAppearance`, `supportedLocale`), as in the frame.
 */
export function appearanceFromQuery(search: string): CheckoutAppearance {
  const query = new URLSearchParams(search);
  const appearance: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = query.get(field);
    if (value) appearance[field] = value;
  }
  return appearance as CheckoutAppearance;
}
