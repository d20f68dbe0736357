import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../src/server/checkout/describeCheckout';

describe('maskEmail', () => {
  it.each([
    ['jane@example.com', 'j•••@example.com'],
    ['j@example.com', 'j•••@example.com'],
    ['first.last+tag@sub.example.co.uk', 'f•••@sub.example.co.uk'],
    ['"odd@local"@example.com', '"•••@example.com'],
  ])('masks %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['an address without @', 'jane.example.com'],
    ['an address that starts with @', '@example.com'],
    ['an empty string', ''],
  ])('hides %s entirely', (_, email) => {
    expect(maskEmail(email)).toBe('•••');
  });
});
