import { CheckoutApiError, CheckoutApiErrorCode } from '../api/CheckoutApiError';
import { declineMessage } from '../api/declineMessage';
import { humanErrorMessage } from '../api/humanErrorMessage';
import type { Messages } from '../i18n/messages';
import type { CheckoutField } from './checkoutFields';
import { fieldForParam } from './fieldForParam';

/** Where the error of a payment that did not go through shows: beside the field the server named, or above Pay. */
export type SubmitError = { field: CheckoutField; message: string } | { alert: string };

export function submitErrorOf(error: unknown, messages: Messages): SubmitError {
  const field = error instanceof CheckoutApiError && error.status === 400 ? fieldForParam(error.param) : null;
  if (field && error instanceof CheckoutApiError) return { field, message: humanErrorMessage(error, error.message, messages) };
  if (error instanceof CheckoutApiError && error.code === CheckoutApiErrorCode.CARD_DECLINED) {
    return { alert: declineMessage(error.declineCode, messages) };
  }
  return { alert: humanErrorMessage(error, messages.paymentUnreachable, messages) };
}
