import { preformatted } from './preformatted';

/**
 * Formats the server's decimal string (e.g. "19.00") as currency in the customer's locale.
 * The string goes to Intl as is: engines with Intl.NumberFormat v3 format it exactly, older ones convert it to a
 * number, which is exact for any price a checkout shows.
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  return preformatted[`${locale} ${currency} ${amount}`] ?? new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as Intl.StringNumericLiteral);
}
