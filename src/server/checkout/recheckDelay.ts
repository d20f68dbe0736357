/** The longest a payment still settling waits before the processor is asked about it again. */
const MAX_RECHECK_MS = 60 * 60 * 1000;

/**
 * How long until the processor is asked again about a checkout payment still settling, `ageMs` after it was made: a
 * tenth of its age, at least a second (a card the test processor settles takes three), and after an error (the
 * processor down, or not knowing the payment) at least half a minute; at most an hour, as a bank debit may take days
 * and a processor limits how often it is asked. A Stripe payment's webhook settles it sooner; this is the safety net.
 */
export function recheckDelay(ageMs: number, failed: boolean): number {
  return Math.min(MAX_RECHECK_MS, Math.max(failed ? 30_000 : 1000, ageMs / 10));
}
