import { screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { aSession, renderCheckout } from './renderCheckout';

// The German chunk fails to load, as after a network error or a deploy that replaced it.
vi.mock('../../src/checkout/i18n/locales/de', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('a locale chunk that does not arrive', () => {
  it('shows the whole checkout in English rather than none, and says so in <html lang>', async () => {
    renderCheckout(aSession({ locale: 'de-DE' }));
    expect(await screen.findByRole('button', { name: 'Pay $19.00' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
