import { describe, expect, it, vi } from 'vitest';
import { CheckoutApiError } from '../../src/checkout/CheckoutApiError';
import { createCheckoutApi } from '../../src/checkout/createCheckoutApi';
import { aCompletedCheckout, aSession } from './renderCheckout';

function createFetch(response: Response | Error) {
  return vi.fn(async (_input: string, _init: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createCheckoutApi', () => {
  it('reads the session with the secret in the Authorization header, never in the URL', async () => {
    const fetch = createFetch(json(200, aSession()));
    const session = await createCheckoutApi('cs_secret_1', fetch).getSession();

    expect(session).toEqual(aSession());
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/checkout/session');
    expect(url).not.toContain('cs_secret_1');
    expect(init.method).toBe('GET');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer cs_secret_1');
  });

  it('posts the completion body as JSON', async () => {
    const fetch = createFetch(json(200, aCompletedCheckout));
    const body = { card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } };
    expect(await createCheckoutApi('cs_secret_1', fetch).complete(body)).toEqual(aCompletedCheckout);

    const [url, init] = fetch.mock.calls[0]!;
    expect([url, init.method, init.body]).toEqual(['/api/checkout/complete', 'POST', JSON.stringify(body)]);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns the error body into a CheckoutApiError with status, code, message and param', async () => {
    const error = { type: 'invalid_request_error', code: 'validation_error', message: 'Bad number.', param: 'card.number' };
    const fetch = createFetch(json(400, { error }));
    const failure = createCheckoutApi('s', fetch).getSession();
    await expect(failure).rejects.toBeInstanceOf(CheckoutApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: 'validation_error', message: 'Bad number.', param: 'card.number' });
  });

  it('reports a thrown fetch as a transient network error', async () => {
    const failure = createCheckoutApi('s', createFetch(new TypeError('Failed to fetch'))).getSession();
    await expect(failure).rejects.toMatchObject({ status: 0, code: 'network_error', isTransient: true });
  });

  it('reports a response without the error body as unexpected', async () => {
    const failure = createCheckoutApi('s', createFetch(new Response('<h1>Bad gateway</h1>', { status: 502 }))).getSession();
    await expect(failure).rejects.toMatchObject({ status: 502, code: 'unexpected_response', isTransient: true });
  });
});
