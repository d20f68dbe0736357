/**
 * Reads "MM/YY" into a month and 4-digit year. Spaces around the slash (some autofill adds them) and a missing slash
 * ("1228", handy on a numeric keypad that has no "/") are accepted too.
 */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^\s*(\d{2})\s*\/?\s*(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return { month, year: 2000 + Number(match[2]) };
}
