import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/checkout/i18n/messages';
import { createMessage } from '../../src/protocol';
import { aSession, apiError, CHECKOUT_SESSION_ID, deferred, renderCheckout } from './renderCheckout';

describe('loading the checkout session', () => {
  it('shows a loading status until the session arrives', async () => {
    const session = deferred<ReturnType<typeof aSession>>();
    renderCheckout(() => session.promise);
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(messages.checkoutEyebrow);
    session.resolve(aSession());
    expect(await screen.findByRole('heading', { name: 'Acme AI' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('tells the loader it is ready, then that the customer is at payment, once an open session is shown', async () => {
    const { sent } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(sent).toEqual([
      createMessage('ready', { checkoutSessionId: CHECKOUT_SESSION_ID, checkoutMode: 'subscription' }),
      createMessage('step', { step: 'payment' }),
    ]);
  });

  it('shows the expired screen and reports the ended step, then session_expired', async () => {
    const { sent } = renderCheckout(aSession({ status: 'expired' }));
    expect(await screen.findByRole('heading', { name: 'This checkout has expired' })).toBeTruthy();
    expect(sent).toEqual([
      createMessage('step', { step: 'ended' }),
      createMessage('failure', {
        checkoutSessionId: CHECKOUT_SESSION_ID,
        code: 'session_expired',
        message: messages.screens.expired.body,
      }),
    ]);
    expect(screen.queryByRole('button', { name: /^Pay / })).toBeNull();
  });

  it('shows the already-complete screen and reports session_completed', async () => {
    const { sentOfType, steps } = renderCheckout(aSession({ status: 'completed' }));
    expect(await screen.findByRole('heading', { name: 'This checkout is already complete' })).toBeTruthy();
    expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_completed']);
    expect(steps()).toEqual(['ended']);
  });

  it.each([
    [404, 'session_not_found'],
    [401, 'invalid_session_secret'],
  ])('shows the not-found screen and reports session_not_found on HTTP %i', async (status, code) => {
    const { sentOfType, steps } = renderCheckout(() => Promise.reject(apiError(status, code)));
    expect(await screen.findByRole('heading', { name: 'Checkout not found' })).toBeTruthy();
    expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_not_found']);
    expect(steps()).toEqual(['ended']);
  });

  it.each([
    ['the network fails', apiError(0, 'network_error')],
    ['the server fails', apiError(503, 'unexpected_response')],
  ])('offers Retry when %s and loads the session when it works', async (_, error) => {
    const responses = [() => Promise.reject(error), () => Promise.resolve(aSession())];
    const { api, sent } = renderCheckout(() => responses.shift()!());
    expect(await screen.findByRole('heading', { name: 'We couldn’t load the checkout' })).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('heading', { name: 'Acme AI' })).toBeTruthy();
    expect(api.getSession).toHaveBeenCalledTimes(2);
    expect(sent.map((m) => m.type)).toEqual(['ready', 'step']);
  });
});
