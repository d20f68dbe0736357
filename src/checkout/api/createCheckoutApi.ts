import type { CheckoutApi, CheckoutSession, CheckoutSessionUpdate, CompleteCheckoutBody, CompleteCheckoutResult } from './CheckoutApi';
import type { TestPaymentMethod } from '../../protocol/api/testPaymentMethods';
import { CheckoutApiError, CheckoutApiErrorCode } from './CheckoutApiError';
import { sessionAuth } from './sessionAuth';
import { SESSION_PATH } from './sessionRequestInit';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The checkout API, authorised by the session secret from the loader (see `sessionAuth`). */
export function createCheckoutApi(secret: string, fetchImpl: Fetch, pageSessionId: string): CheckoutApi {
  const auth = sessionAuth(secret, pageSessionId);

  async function request<T>(method: 'GET' | 'PATCH' | 'POST', path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
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
    getSession: () => request<CheckoutSession>('GET', SESSION_PATH, undefined, auth),
    update: (changes: CheckoutSessionUpdate) => request<CheckoutSession>('PATCH', SESSION_PATH, changes, auth),
    // The processor is not Till: it gets the card and never the session's secret.
    createPaymentMethod: (card) => request<TestPaymentMethod>('POST', '/test-processor/payment_methods', { card }),
    complete: (body: CompleteCheckoutBody, idempotencyKey: string) =>
      request<CompleteCheckoutResult>('POST', '/api/checkout/complete', body, { ...auth, 'Idempotency-Key': idempotencyKey }),
  };
}

function toCheckoutApiError(status: number, payload: unknown): CheckoutApiError {
  const error = (payload as { error?: Record<string, unknown> } | undefined)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    return new CheckoutApiError(status, CheckoutApiErrorCode.UNEXPECTED_RESPONSE, `HTTP ${status}`);
  }
  const param = typeof error.param === 'string' ? error.param : null;
  const declineCode = typeof error.decline_code === 'string' ? error.decline_code : null;
  return new CheckoutApiError(status, error.code, error.message, param, declineCode);
}
