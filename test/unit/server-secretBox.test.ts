import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { decryptSecret, encryptSecret, readEncryptionKey } from '../../src/server/encryption/secretBox';

const key = randomBytes(32);

describe('encryptSecret', () => {
  it('seals a secret that only the same key and context open again', () => {
    const sealed = encryptSecret(key, 'sk_live_51Secret', 'merchant_processors.secret_key:mer_live_1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('Secret');
    expect(decryptSecret(key, sealed, 'merchant_processors.secret_key:mer_live_1')).toBe('sk_live_51Secret');
    expect(() => decryptSecret(randomBytes(32), sealed, 'merchant_processors.secret_key:mer_live_1')).toThrow();
  });

  it('refuses a ciphertext moved to another merchant’s row or another column', () => {
    const sealed = encryptSecret(key, 'sk_live_51Secret', 'merchant_processors.secret_key:mer_live_1');
    expect(() => decryptSecret(key, sealed, 'merchant_processors.secret_key:mer_live_2')).toThrow();
    expect(() => decryptSecret(key, sealed, 'merchant_processors.webhook_secret:mer_live_1')).toThrow();
  });

  it('refuses a ciphertext with a byte changed', () => {
    const [version, iv, tag, ciphertext] = encryptSecret(key, 'sk_live_51Secret', 'c').split('.') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0]! ^= 1;
    expect(() => decryptSecret(key, [version, iv, tag, flipped.toString('base64url')].join('.'), 'c')).toThrow();
  });

  it('never seals the same secret twice alike', () => {
    expect(encryptSecret(key, 'same', 'c')).not.toBe(encryptSecret(key, 'same', 'c'));
  });
});

describe('TILL_ENCRYPTION_KEY', () => {
  it('is 32 bytes of base64, or absent', () => {
    const value = randomBytes(32).toString('base64');
    expect(loadConfig({ TILL_ENCRYPTION_KEY: value }).encryptionKey).toEqual(Buffer.from(value, 'base64'));
    expect(loadConfig({}).encryptionKey).toBeUndefined();
    expect(readEncryptionKey('')).toBeUndefined();
  });

  it.each([randomBytes(16).toString('base64'), 'not base64 at all!', randomBytes(32).toString('hex')])('stops the server at start for %s', (value) => {
    expect(() => loadConfig({ TILL_ENCRYPTION_KEY: value })).toThrow(/TILL_ENCRYPTION_KEY must be 32 random bytes in base64/);
  });
});
