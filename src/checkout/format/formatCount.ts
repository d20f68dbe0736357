import type { Count } from '../i18n/messages';
import { formatCredits } from './formatCredits';

/** A number the copy counts (seats, credits): shown in the customer's locale, counted for the plural rules. */
export function formatCount(amount: number | string, locale?: string): Count {
  return { value: Number(amount), text: formatCredits(String(amount), locale) };
}
