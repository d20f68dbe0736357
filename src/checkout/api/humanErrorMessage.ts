import type { Messages } from '../i18n/messages';
import { CheckoutApiError, CheckoutApiErrorCode } from './CheckoutApiError';

/**
 * What to tell the customer about a failed request: our own wording of a refusal meant for them (a promotion
 * code that has expired), in the checkout's language; else the server's sentence when it sent one; otherwise
 * (no answer, a server failure, a proxy's page) `fallback`, as those messages are not written for a customer.
 */
export function humanErrorMessage(error: unknown, fallback: string, messages: Messages): string {
  if (!(error instanceof CheckoutApiError) || error.isTransient || error.code === CheckoutApiErrorCode.UNEXPECTED_RESPONSE) {
    return fallback;
  }
  // hasOwn, so a code like "constructor" can't reach Object.prototype.
  return Object.hasOwn(messages.serverErrors, error.code) ? messages.serverErrors[error.code as keyof Messages['serverErrors']] : error.message;
}
