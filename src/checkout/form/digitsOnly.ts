/** Card numbers are typed with spaces (or dashes, from some password managers); the server wants digits only. */
export function digitsOnly(text: string): string {
  return text.replace(/[\s-]/g, '');
}
