/**
 * Writes an expiry as MM/YY while it is typed: the slash appears once the year begins, so a numeric keypad
 * without "/" still works and deleting back over it never gets stuck. A four-digit year ("12/2034", as some
 * autofill writes it) is shortened to its last two digits.
 */
export function formatExpiry(text: string): string {
  const longYear = /^\s*(\d{2})\s*\/\s*\d{2}(\d{2})\s*$/.exec(text);
  if (longYear) return `${longYear[1]}/${longYear[2]}`;
  const digits = text.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}
