import { preformatted } from './preformatted';

/** An ISO 8601 timestamp from the server as a date in the customer's locale ("March 15, 2030"). */
export function formatDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  // Keyed by the customer's own calendar day, which the server cannot know, in English without Intl.
  return preformatted[`${locale} ${date.toDateString()}`] ?? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
}
