/** An ISO 8601 timestamp from the server as a date in the customer's locale ("March 15, 2030"). */
export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}
