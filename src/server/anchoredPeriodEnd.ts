import { addBillingInterval, type BillingInterval } from './addBillingInterval';

/** About how long one interval is, to find the anchor's nearest period end without counting from the first. */
const AVERAGE_MS: Record<BillingInterval, number> = { day: 86_400_000, week: 7 * 86_400_000, month: 30.436875 * 86_400_000, year: 365.2425 * 86_400_000 };

/**
 * The end of the period that begins at `periodStart`, counted from the subscription's `anchor` (its first start),
 * as Stripe's `billing_cycle_anchor`: the first `anchor + n × count intervals` (n ≥ 1) after `periodStart`. Counting
 * from the anchor, not from the previous end, keeps a customer who began on the 31st billed on each month's last
 * day when it is shorter, and on the 31st again when the month has one (Jan 31 → Feb 28 → Mar 31 → Apr 30).
 */
export function anchoredPeriodEnd(anchor: Date, periodStart: Date, interval: BillingInterval, count = 1): Date {
  const end = (n: number) => addBillingInterval(anchor, interval, n * count);
  let n = Math.max(1, Math.floor((periodStart.getTime() - anchor.getTime()) / (AVERAGE_MS[interval] * count)));
  while (n > 1 && end(n - 1) > periodStart) n--;
  while (end(n) <= periodStart) n++;
  return end(n);
}
