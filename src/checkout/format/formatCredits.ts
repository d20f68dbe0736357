import { preformatted } from './preformatted';

/** Credits are decimals on the server ("100.00") but read better without trailing zeros ("100", "12.5"). */
export function formatCredits(amount: string, locale?: string): string {
  return preformatted[`${locale} ${amount}`] ?? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount as Intl.StringNumericLiteral);
}
