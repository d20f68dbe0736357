/**
 * Whether a query failed on a unique index (SQLSTATE 23505), as PGlite and node-postgres both report it. A check
 * before an insert can race another request; the index cannot, so its refusal is the answer that counts.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
