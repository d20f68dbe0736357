import { describe, expect, it, vi } from 'vitest';
import { CheckoutApiError } from '../../src/checkout/api/CheckoutApiError';
import { createCheckoutApi } from '../../src/checkout/api/createCheckoutApi';
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
    const session = await createCheckoutApi('cs_secret_1', fetch, 'cs_test_1').getSession();

    expect(session).toEqual(aSession());
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/checkout/session');
    expect(url).not.toContain('cs_secret_1');
    expect(init.method).toBe('GET');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer cs_secret_1');
    // The page's own session beside it: the server refuses the secret of another one.
    expect((init.headers as Record<string, string>)['Till-Checkout-Session']).toBe('cs_test_1');
  });

  it('posts the completion body as JSON with the attempt’s Idempotency-Key', async () => {
    const fetch = createFetch(json(200, aCompletedCheckout));
    const body = { payment_method: 'pm_0123456789abcdef01234567' };
    expect(await createCheckoutApi('cs_secret_1', fetch, 'cs_test_1').complete(body, 'key_1')).toEqual(aCompletedCheckout);

    const [url, init] = fetch.mock.calls[0]!;
    expect([url, init.method, init.body]).toEqual(['/api/checkout/complete', 'POST', JSON.stringify(body)]);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect((init.headers as Record<string, string>)['Idempotency-Key']).toBe('key_1');
  });

  it('gives the card to the processor’s tokenization only, without the session’s secret', async () => {
    const paymentMethod = { id: 'pm_1', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } };
    const fetch = createFetch(json(200, paymentMethod));
    const card = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
    expect(await createCheckoutApi('cs_secret_1', fetch, 'cs_test_1').createPaymentMethod(card)).toEqual(paymentMethod);

    const [url, init] = fetch.mock.calls[0]!;
    expect([url, init.method, init.body]).toEqual(['/test-processor/payment_methods', 'POST', JSON.stringify({ card })]);
    expect(JSON.stringify(init.headers)).not.toContain('cs_secret_1');
  });

  it('patches the customer’s choices and returns the new view', async () => {
    const fetch = createFetch(json(200, aSession({ quantity: 3 })));
    const session = await createCheckoutApi('cs_secret_1', fetch, 'cs_test_1').update({ quantity: 3 });

    expect(session.quantity).toBe(3);
    const [url, init] = fetch.mock.calls[0]!;
    expect([url, init.method, init.body]).toEqual(['/api/checkout/session', 'PATCH', JSON.stringify({ quantity: 3 })]);
  });

  it('reads the decline_code of a declined card', async () => {
    const error = { type: 'card_error', code: 'card_declined', message: 'No funds.', param: 'card.number', decline_code: 'insufficient_funds' };
    const failure = createCheckoutApi('s', createFetch(json(402, { error })), 'cs_test_1').complete({ use_saved_card: true }, 'k');
    await expect(failure).rejects.toMatchObject({ status: 402, code: 'card_declined', declineCode: 'insufficient_funds' });
  });

  it('turns the error body into a CheckoutApiError with status, code, message and param', async () => {
    const error = { type: 'invalid_request_error', code: 'validation_error', message: 'Bad number.', param: 'card.number' };
    const fetch = createFetch(json(400, { error }));
    const failure = createCheckoutApi('s', fetch, 'cs_test_1').getSession();
    await expect(failure).rejects.toBeInstanceOf(CheckoutApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: 'validation_error', message: 'Bad number.', param: 'card.number' });
  });

  it('reports a thrown fetch as a transient network error', async () => {
    const failure = createCheckoutApi('s', createFetch(new TypeError('Failed to fetch')), 'cs_test_1').getSession();
    await expect(failure).rejects.toMatchObject({ status: 0, code: 'network_error', isTransient: true });
  });

  it('reports a response without the error body as unexpected', async () => {
    const failure = createCheckoutApi('s', createFetch(new Response('<h1>Bad gateway</h1>', { status: 502 })), 'cs_test_1').getSession();
    await expect(failure).rejects.toMatchObject({ status: 502, code: 'unexpected_response', isTransient: true });
  });
});
