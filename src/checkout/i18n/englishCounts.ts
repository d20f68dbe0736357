import type { BillingInterval } from '../api/CheckoutApi';
import { createPlural, type PluralForms } from './createPlural';
import type { Count } from './messages';

// What English counts, shared by its first messages and its later ones.
const intervalNames: Record<BillingInterval, PluralForms> = {
  day: { one: 'day', other: 'days' },
  week: { one: 'week', other: 'weeks' },
  month: { one: 'month', other: 'months' },
  year: { one: 'year', other: 'years' },
};
export const plural = createPlural('en');
/** "month" for a period of one interval, "3 months" for several. */
export const period = (interval: BillingInterval, count: Count) =>
  count.value === 1 ? plural(count, intervalNames[interval]) : `${count.text} ${plural(count, intervalNames[interval])}`;
export const credits = (count: Count) => `${count.text} ${plural(count, { one: 'credit', other: 'credits' })}`;
export const seats = (count: Count) => `${count.text} ${plural(count, { one: 'seat', other: 'seats' })}`;
