import { describe, expect, it, vi } from 'vitest';
import { createCheckoutApi } from '../../src/checkout/api/createCheckoutApi';
import { answerFirstSessionRequest } from '../../src/checkout/api/answerFirstSessionRequest';
import { sessionRequestInit } from '../../src/checkout/api/sessionRequestInit';
import { aSession } from './renderCheckout';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('the session request the boot script sends', () => {
  it('is the one the app would send: the secret in the Authorization header beside the page’s session, never in a URL', () => {
    const init = sessionRequestInit('cs_secret_1', 'cs_test_1');
    // A GET, fetch's default.
    expect(init.method).toBeUndefined();
    expect(init.cache).toBe('no-store');
    expect(init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer cs_secret_1', 'Till-Checkout-Session': 'cs_test_1' });
  });

  it('answers the app’s first read of the session, and every later request goes out', async () => {
    const fetch = vi.fn(async () => json(aSession({ merchant_name: 'Asked again' })));
    const api = createCheckoutApi('cs_secret_1', answerFirstSessionRequest(Promise.resolve(json(aSession())), fetch), 'cs_test_1');

    expect((await api.getSession()).merchant_name).toBe('Acme AI');
    expect(fetch).not.toHaveBeenCalled();
    expect((await api.getSession()).merchant_name).toBe('Asked again');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('is the app’s to meet when it failed, as a network error of its own', async () => {
    const early = Promise.reject(new TypeError('Failed to fetch'));
    early.catch(() => undefined);
    const api = createCheckoutApi('cs_secret_1', answerFirstSessionRequest(early, vi.fn()), 'cs_test_1');
    await expect(api.getSession()).rejects.toMatchObject({ code: 'network_error' });
  });

  it('answers nothing but a first read of the session', async () => {
    const fetch = vi.fn(async () => json(aSession()));
    const early = vi.fn();
    const api = createCheckoutApi('cs_secret_1', answerFirstSessionRequest(early as never, fetch), 'cs_test_1');
    await api.update({ country: 'DE' });
    await api.getSession();
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
