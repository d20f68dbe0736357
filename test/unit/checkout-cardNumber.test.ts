import { describe, expect, it } from 'vitest';
import { caretAfterDigits } from '../../src/checkout/form/caretAfterDigits';
import { formatCardNumber } from '../../src/checkout/format/formatCardNumber';
import { formatExpiry } from '../../src/checkout/format/formatExpiry';

describe('formatCardNumber', () => {
  it.each([
    ['4242424242424242', '4242 4242 4242 4242'],
    ['4242-4242 4242-4242', '4242 4242 4242 4242'],
    ['42424', '4242 4'],
    ['4242 4242 4242 4242 99', '4242 4242 4242 4242 99'],
    ['4242 4242 4242 4242 4242', '4242 4242 4242 4242 424'],
    ['5555 5555 5555 4444 99', '5555 5555 5555 4444'],
    ['36227206271667', '3622 7206 2716 67'],
    ['378282246310005', '3782 822463 10005'],
    ['3782822463100059', '3782 822463 10005'],
    ['37828', '3782 8'],
    ['9000000000000000123', '9000 0000 0000 0000 123'],
    ['', ''],
  ])('prints "%s" as "%s"', (typed, printed) => {
    expect(formatCardNumber(typed)).toBe(printed);
  });
});

describe('formatExpiry', () => {
  it.each([
    ['1', '1'],
    ['12', '12'],
    ['123', '12/3'],
    ['1234', '12/34'],
    ['12/34', '12/34'],
    ['12 / 34', '12/34'],
    ['12/2034', '12/34'],
    ['12345', '12/34'],
  ])('writes "%s" as "%s"', (typed, written) => {
    expect(formatExpiry(typed)).toBe(written);
  });
});

describe('caretAfterDigits', () => {
  it('keeps the caret after the same digit once spaces are added', () => {
    expect(caretAfterDigits('4242 4242', 5)).toBe(6);
    expect(caretAfterDigits('4242 4242', 4)).toBe(4);
    expect(caretAfterDigits('4242 4242', 0)).toBe(0);
    expect(caretAfterDigits('4242', 9)).toBe(4);
  });
});
