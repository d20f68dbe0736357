export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/**
 * The end of a billing period that starts at `start`. Months and years keep the day of month where it
 * exists and otherwise take the month's last day (Jan 31 → Feb 28 or 29), as card networks bill.
 */
export function addBillingInterval(start: Date, interval: BillingInterval, count = 1): Date {
  if (interval === 'day' || interval === 'week') {
    const days = interval === 'day' ? count : 7 * count;
    return new Date(start.getTime() + days * 86_400_000);
  }
  const months = interval === 'month' ? count : 12 * count;
  const end = new Date(start);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return end;
}
