import type { CheckoutApi, CheckoutSession, CompleteCheckoutBody, CompletedCheckout } from './CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from './CheckoutApiError';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The checkout API, authorised by the session secret from the loader.
 * The secret goes in the Authorization header only: a URL ends up in logs, history and Referer headers.
 */
export function createCheckoutApi(secret: string, fetchImpl: Fetch): CheckoutApi {
  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${secret}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (cause) {
      throw new CheckoutApiError(0, CheckoutApiErrorCode.NETWORK_ERROR, String(cause));
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok && payload !== undefined) return payload as T;
    throw toCheckoutApiError(response.status, payload);
  }

  return {
    getSession: () => request<CheckoutSession>('GET', '/api/checkout/session'),
    complete: (body: CompleteCheckoutBody) => request<CompletedCheckout>('POST', '/api/checkout/complete', body),
  };
}

function toCheckoutApiError(status: number, payload: unknown): CheckoutApiError {
  const error = (payload as { error?: Record<string, unknown> } | undefined)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    return new CheckoutApiError(status, CheckoutApiErrorCode.UNEXPECTED_RESPONSE, `HTTP ${status}`);
  }
  const param = typeof error.param === 'string' ? error.param : null;
  return new CheckoutApiError(status, error.code, error.message, param);
}
