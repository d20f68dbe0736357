/**
 * A random key for one payment attempt: 128 bits as hex. getRandomValues rather than randomUUID, which only
 * exists in secure contexts, and a checkout served over plain http in development must still pay.
 */
export function createIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
