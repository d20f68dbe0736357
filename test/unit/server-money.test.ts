import { describe, expect, it } from 'vitest';
import { creditToDecimalString, toDecimalString } from '../../src/server/money';

describe('toDecimalString', () => {
  it.each([
    [1900, 'USD', '19.00'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [123456789, 'EUR', '1234567.89'],
    [1900, 'JPY', '1900'],
    [0, 'JPY', '0'],
    [1234, 'KWD', '1.234'],
    [5, 'KWD', '0.005'],
    [-1900, 'USD', '-19.00'],
    [-5, 'USD', '-0.05'],
    [-1900, 'JPY', '-1900'],
    [-1, 'KWD', '-0.001'],
  ])('writes %i minor units of %s as %s', (minorUnits, currency, expected) => {
    expect(toDecimalString(minorUnits, currency)).toBe(expected);
  });

  it('writes no grouping separators', () => {
    expect(toDecimalString(100_000_000, 'USD')).toBe('1000000.00');
  });
});

describe('creditToDecimalString', () => {
  it('writes hundredths of a credit with two decimals', () => {
    expect(creditToDecimalString(1000)).toBe('10.00');
    expect(creditToDecimalString(2500)).toBe('25.00');
    expect(creditToDecimalString(1)).toBe('0.01');
  });
});
