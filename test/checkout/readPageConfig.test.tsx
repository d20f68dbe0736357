import { afterEach, describe, expect, it } from 'vitest';
import { readPageConfig } from '../../src/checkout/frame/readPageConfig';

function addMeta(name: string, content: string) {
  const meta = document.createElement('meta');
  meta.name = name;
  meta.content = content;
  document.head.append(meta);
}

afterEach(() => document.head.replaceChildren());

describe('readPageConfig', () => {
  it('reads the parent origin and session id the server injected', () => {
    addMeta('till-parent-origin', 'https://shop.example');
    addMeta('till-checkout-session', 'cs_test_1');
    expect(readPageConfig(document)).toEqual({ parentOrigin: 'https://shop.example', checkoutSessionId: 'cs_test_1' });
  });

  it('returns null when a tag is missing or empty', () => {
    addMeta('till-parent-origin', '');
    addMeta('till-checkout-session', 'cs_test_1');
    expect(readPageConfig(document)).toBeNull();
  });
});
