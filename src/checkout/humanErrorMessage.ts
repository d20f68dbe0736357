import { CheckoutApiError, CheckoutApiErrorCode } from './CheckoutApiError';

/**
 * The server's own sentence when it sent one meant for the customer; otherwise (no answer, a server failure, a
 * proxy's page) `fallback`, as those messages are not written for a customer.
 */
export function humanErrorMessage(error: unknown, fallback: string): string {
  const hasHumanMessage =
    error instanceof CheckoutApiError && !error.isTransient && error.code !== CheckoutApiErrorCode.UNEXPECTED_RESPONSE;
  return hasHumanMessage ? error.message : fallback;
}
