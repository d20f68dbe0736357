import { describe, expect, it } from 'vitest';
import { cardBrandRules, detectCardBrand } from '../../src/checkout/cardBrand';
import { caretAfterDigits } from '../../src/checkout/caretAfterDigits';
import { formatCardNumber } from '../../src/checkout/formatCardNumber';
import { formatExpiry } from '../../src/checkout/formatExpiry';
import { passesLuhn } from '../../src/checkout/passesLuhn';

describe('detectCardBrand', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['4', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['378282246310005', 'amex'],
    ['34', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['65', 'discover'],
  ] as const)('knows %s as %s', (digits, brand) => {
    expect(detectCardBrand(digits)).toBe(brand);
  });

  it.each(['', '3', '2220', '2721', '30569309025904', '6200000000000005', '9000000000000001'])('knows no brand for "%s"', (digits) => {
    expect(detectCardBrand(digits)).toBeNull();
  });

  it('gives American Express 15 digits and a 4-digit code, the others 16 and 3', () => {
    expect(cardBrandRules.amex).toMatchObject({ length: 15, cvcLength: 4 });
    for (const brand of ['visa', 'mastercard', 'discover'] as const) expect(cardBrandRules[brand]).toMatchObject({ length: 16, cvcLength: 3 });
  });
});

describe('passesLuhn', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000069', '378282246310005', '6011111111111117'])(
    'accepts the valid number %s',
    (digits) => expect(passesLuhn(digits)).toBe(true),
  );

  it.each(['4242424242424241', '4242424242424224', '', '4242 4242 4242 4242'])('rejects "%s"', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});

describe('formatCardNumber', () => {
  it.each([
    ['4242424242424242', '4242 4242 4242 4242'],
    ['4242-4242 4242-4242', '4242 4242 4242 4242'],
    ['42424', '4242 4'],
    ['4242 4242 4242 4242 99', '4242 4242 4242 4242'],
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
