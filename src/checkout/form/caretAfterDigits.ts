/**
 * Where the caret goes in `formatted` so that `digitsBefore` digits stay before it: reformatting an input
 * (adding the spaces of a card number) must not throw the caret to the end when the customer edits the middle.
 */
export function caretAfterDigits(formatted: string, digitsBefore: number): number {
  if (digitsBefore === 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (/\d/.test(formatted[i]!) && ++seen === digitsBefore) return i + 1;
  }
  return formatted.length;
}
