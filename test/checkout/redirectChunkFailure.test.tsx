import { screen } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRedirectCheckout } from '../../src/checkout/startRedirectCheckout';

// Redirect display's chunk fails to load, as offline or after a deploy that replaced it.
vi.mock('../../src/checkout/showRedirectCheckout', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('redirect display whose chunk does not arrive', () => {
  const root = document.body.appendChild(document.createElement('div'));
  afterEach(() => render(null, root));

  it('has still taken the secret out of the address bar, and offers Retry, as reloading could not bring it back', async () => {
    const location = { hash: '#css_test_secret123', pathname: '/checkout/handle123', search: '', assign: vi.fn() };
    const history = { replaceState: vi.fn(() => void (location.hash = '')) };
    const fetch = vi.fn<(input: string, init: RequestInit) => Promise<Response>>();
    expect(startRedirectCheckout(root, { location, history, document, fetch })).toBe(true);
    expect(history.replaceState).toHaveBeenCalledExactlyOnceWith(null, '', '/checkout/handle123');
    expect(await screen.findByRole('heading', { name: 'We couldn’t load the checkout' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
