import { describe, expect, it } from 'vitest';
import { formatLengths } from '../../src/checkout/format/formatLengths';

describe('formatLengths', () => {
  it.each([
    [[15], 'en', '15'],
    [[13, 16, 19], 'en', '13, 16, or 19'],
    [[13, 16, 19], 'de', '13, 16 oder 19'],
    [[13, 16, 19], 'fr', '13, 16 ou 19'],
    [[16, 17, 18, 19], 'en', '16–19'],
    [[14, 15, 16, 17, 18, 19], 'ja', '14–19'],
  ])('words %j in %s as "%s"', (lengths, locale, words) => {
    expect(formatLengths(lengths, locale)).toBe(words);
  });
});
