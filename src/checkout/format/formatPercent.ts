import { preformatted } from './preformatted';

/** A percentage as the customer's locale writes it: 19 → "19%" in English, "19 %" in German and French. */
export function formatPercent(percentage: number, locale: string | undefined): string {
  return preformatted[`${locale} ${percentage}%`] ?? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percentage / 100);
}
