import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlural } from '../../src/checkout/i18n/createPlural';
import { plural } from '../../src/checkout/i18n/englishCounts';

const FORMS = { one: 'credit', other: 'credits' };

describe("English's plural rule", () => {
  it('chooses as Intl.PluralRules does for counts with up to three decimals', () => {
    const intl = createPlural('en');
    fc.assert(
      fc.property(fc.integer({ min: -5_000_000, max: 5_000_000 }), fc.constantFrom(1, 10, 100, 1000), (units, per) => {
        const count = { value: units / per, text: '' };
        expect(plural(count, FORMS)).toBe(intl(count, FORMS));
      }),
      { examples: [[1, 1], [1000, 1000], [-1, 1], [0, 1], [15, 10]] },
    );
  });

  it('falls back to the other form where a message has no singular', () => {
    expect(plural({ value: 1, text: '1' }, { other: 'items' })).toBe('items');
  });
});
