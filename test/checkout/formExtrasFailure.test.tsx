import { screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { aSession, renderCheckout } from './renderCheckout';

// The chunk of the form's extras fails to load, as offline or after a deploy that replaced it.
vi.mock('../../src/checkout/form/formExtrasChunk', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('the form extras’ chunk that does not arrive', () => {
  it('shows a session that needs them as unreachable, with Retry, rather than a form without its promotion code', async () => {
    const { sentOfType } = renderCheckout(aSession({ allows_promotion_codes: true }));
    expect(await screen.findByRole('heading', { name: 'We couldn’t load the checkout' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(sentOfType('ready')).toEqual([]);
  });

  it('leaves a session that shows none of them alone', async () => {
    renderCheckout(aSession());
    expect(await screen.findByRole('button', { name: 'Pay $19.00' })).toBeTruthy();
  });
});
