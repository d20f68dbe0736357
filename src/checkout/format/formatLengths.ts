/**
 * The lengths a card number may have, worded for "… have {lengths} digits": one length as it is, a run of three
 * or more as a range ("16–19"), any other choice as the locale lists alternatives ("13, 16, or 19"; in German
 * "13, 16 oder 19").
 */
export function formatLengths(lengths: readonly number[], locale: string): string {
  const first = lengths[0]!;
  const last = lengths[lengths.length - 1]!;
  if (lengths.length > 2 && last - first === lengths.length - 1) return `${first}–${last}`;
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(lengths.map(String));
}
