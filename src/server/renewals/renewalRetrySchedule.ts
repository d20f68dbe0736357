const DAY_MS = 86_400_000;

/**
 * When a declined renewal is tried again, counted from its first attempt: after 1, 3 and 5 days (Stripe's default
 * schedule is of this kind). After the fourth attempt fails, the invoice is void and the subscription canceled.
 */
export const RENEWAL_RETRY_DAYS: readonly number[] = [1, 3, 5];

/** When to try an invoice again after its attempt number `attempts` (1-based) failed; null when none is left. */
export function nextRenewalAttempt(firstAttemptAt: Date, attempts: number, retryDays: readonly number[] = RENEWAL_RETRY_DAYS): Date | null {
  const days = retryDays[attempts - 1];
  return days === undefined ? null : new Date(firstAttemptAt.getTime() + days * DAY_MS);
}
