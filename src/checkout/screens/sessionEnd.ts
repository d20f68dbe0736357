import type { CheckoutFailureCode } from '../../protocol';
import type { CheckoutSession } from '../api/CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from '../api/CheckoutApiError';

/** Why a session can't be paid; each has its own screen and its own failure code for the loader. */
export type SessionEnd = 'expired' | 'completed' | 'notFound';

export const failureCodeForSessionEnd: Record<SessionEnd, CheckoutFailureCode> = {
  expired: 'session_expired',
  completed: 'session_completed',
  notFound: 'session_not_found',
};

export function sessionEndForStatus(status: CheckoutSession['status']): SessionEnd | null {
  if (status === 'expired') return 'expired';
  if (status === 'completed') return 'completed';
  return null;
}

/** The end an API error means, or null when the error leaves the session payable (declined card, network…). */
export function sessionEndForError(error: unknown): SessionEnd | null {
  if (!(error instanceof CheckoutApiError)) return null;
  // 401 too: a wrong secret means the customer can't reach this session, which to them is "not found".
  // By code for 404 and 409: an unknown promotion code or an existing subscription leaves the session payable.
  if (error.status === 401 || (error.status === 404 && !error.code.startsWith('promotion_code'))) return 'notFound';
  if (error.status === 409 && error.code === CheckoutApiErrorCode.SESSION_COMPLETED) return 'completed';
  if (error.status === 410) return 'expired';
  return null;
}
