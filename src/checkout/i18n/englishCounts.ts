import type { BillingInterval } from '../api/CheckoutApi';
import type { PluralForms } from './createPlural';
import type { Count } from './messages';

// What English counts, shared by its first messages and its later ones.
const intervalNames: Record<BillingInterval, PluralForms> = {
  day: { one: 'day', other: 'days' },
  week: { one: 'week', other: 'weeks' },
  month: { one: 'month', other: 'months' },
  year: { one: 'year', other: 'years' },
};
/**
 * English's rule for whole and decimal counts, written out rather than `createPlural('en')`: its `Intl.PluralRules`
 * was the first Intl object of the checkout frame's fresh renderer, 1–4 ms of the app's first evaluation on the
 * open's path (issue 13). "one" for exactly 1 (or −1), "other" for the rest, as Intl answers for up to three decimals.
 */
export const plural = (count: Count, forms: PluralForms) => (Math.abs(count.value) === 1 ? forms.one : undefined) ?? forms.other;
/** "month" for a period of one interval, "3 months" for several. */
export const period = (interval: BillingInterval, count: Count) =>
  count.value === 1 ? plural(count, intervalNames[interval]) : `${count.text} ${plural(count, intervalNames[interval])}`;
export const credits = (count: Count) => `${count.text} ${plural(count, { one: 'credit', other: 'credits' })}`;
export const seats = (count: Count) => `${count.text} ${plural(count, { one: 'seat', other: 'seats' })}`;
