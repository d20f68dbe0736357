import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Marks the format, so a later one (another cipher, a rotated key) can be told apart from this. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Reads `TILL_ENCRYPTION_KEY`: 32 random bytes in base64 (`openssl rand -base64 32`). A key of another length is
 * refused at start, not when the first secret is stored.
 */
export function readEncryptionKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.replace(/\s/g, '')) {
    throw new Error('TILL_ENCRYPTION_KEY must be 32 random bytes in base64, as `openssl rand -base64 32` prints them.');
  }
  return key;
}

/**
 * AES-256-GCM of a secret the server must read again (a merchant's Stripe key), as `v1.<iv>.<tag>.<ciphertext>`
 * in base64url. `context` (the merchant and the field) is authenticated with it, so a ciphertext copied into
 * another merchant's row, or another column, does not decrypt.
 */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The secret `encryptSecret` sealed; throws when the key, the context or a byte differs. */
export function decryptSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a secret sealed by encryptSecret.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES })
    .setAAD(Buffer.from(context))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
