import { screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CheckoutApi } from '../../src/checkout/api/CheckoutApi';
import { loadFirst } from '../../src/checkout/CheckoutApp';
import { aSession, renderCheckout } from './renderCheckout';

/** The first load as main.tsx makes it in a frame, before the app renders: the session, then its language. */
const firstLoadOf = (session = aSession()) => loadFirst({ getSession: async () => session } as unknown as CheckoutApi, undefined, ['en-US']);

describe('given the first load before it renders', () => {
  // Issue 13: the frame renders once, the form, rather than the skeleton and then the form.
  it('starts on the form, asks for nothing again, and tells the loader once the form is on the page', async () => {
    const { api, sentOfType, steps } = renderCheckout(aSession(), { first: await firstLoadOf() });
    // On the first render, with no wait: no skeleton in between.
    expect((screen.getByLabelText('Email') as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryByText('Loading checkout…')).toBeNull();

    await waitFor(() => expect(steps()).toEqual(['payment']));
    expect(sentOfType('ready')).toHaveLength(1);
    expect(api.getSession).not.toHaveBeenCalled();
  });

  it('starts on the screen of a session that has ended, and tells the loader why', async () => {
    const { sentOfType, steps } = renderCheckout(aSession(), { first: await firstLoadOf(aSession({ status: 'completed' })) });
    expect(screen.getByRole('heading', { name: 'This checkout is already complete' })).toBeTruthy();
    await waitFor(() => expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_completed']));
    expect(steps()).toEqual(['ended']);
    expect(sentOfType('ready')).toEqual([]);
  });
});
