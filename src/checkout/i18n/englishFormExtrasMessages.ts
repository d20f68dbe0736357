import { seats } from './englishCounts';
import type { FormExtrasMessages } from './messages';

/** English's words for the form's extras (see `FormExtrasMessages`), in the extras' chunk rather than the first load. */
export const englishFormExtrasMessages: FormExtrasMessages = {
  creditBalance: { now: 'Credit balance', after: 'Balance after purchase' },
  promotion: {
    label: 'Promotion code',
    apply: 'Apply',
    remove: 'Remove',
    applied: (code) => `Code ${code} applied`,
    notApplicable: (code) => `Code ${code} does not apply to this plan.`,
    empty: 'Enter a promotion code.',
  },
  seats: {
    label: 'Seats',
    fewer: 'Remove a seat',
    more: 'Add a seat',
    range: (min, max) => `From ${min.text} to ${seats(max)}`,
  },
  plans: { legend: 'Plan', option: (name, price) => `${name} · ${price}` },
};
