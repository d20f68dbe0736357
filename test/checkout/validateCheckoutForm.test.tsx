import { describe, expect, it } from 'vitest';
import type { CheckoutFormValues } from '../../src/checkout/form/checkoutFields';
import { validateCheckoutForm } from '../../src/checkout/form/validateCheckoutForm';
import { englishMessages as messages } from '../../src/checkout/i18n/completeMessages';
import { TODAY } from './renderCheckout';

const valid: CheckoutFormValues = {
  email: 'jane@example.com',
  name: 'Jane Doe',
  country: 'DE',
  cardNumber: '4242 4242 4242 4242',
  expiry: '01/30',
  cvc: '123',
};

const errorsFor = (overrides: Partial<CheckoutFormValues>, collectsIdentity = true) =>
  validateCheckoutForm({ ...valid, ...overrides }, { collectsIdentity, today: TODAY, messages });

describe('validateCheckoutForm', () => {
  it('accepts a complete form, a card valid through the current month', () => {
    expect(errorsFor({})).toEqual({});
  });

  it.each([
    ['cardNumber', '4242-4242-4242-4242'],
    ['cardNumber', '6011 1111 1111 1117'],
    ['cardNumber', '5555 5555 5555 4444'],
    ['cardNumber', '2223 0031 2200 3222'],
    ['cardNumber', '3622 7206 2716 67'],
    ['cardNumber', '3566 0020 2036 0505'],
    ['cardNumber', '6205 5000 0000 0000 004'],
    ['expiry', '0130'],
    ['expiry', '01 / 30'],
  ] as const)('accepts %s written as "%s"', (field, value) => {
    expect(errorsFor({ [field]: value })).toEqual({});
  });

  it.each([
    ['cardNumber', '4242 4242 424'],
    ['cardNumber', '4242 4242 4242 4242 4242'],
    ['cardNumber', '4242 4242 4242 4242 42'],
    ['cardNumber', '4242 abcd 4242 4242'],
    ['cardNumber', '4242 4242 4242 4241'],
    ['cardNumber', '4242 4242 4242 424'],
    ['expiry', '01/51'],
    ['expiry', '00/30'],
    ['expiry', '1/30'],
    ['expiry', '12/29'],
    ['cvc', '12'],
    ['cvc', '12345'],
    ['email', 'jane@example'],
    ['name', '   '],
  ] as const)('rejects %s "%s"', (field, value) => {
    expect(Object.keys(errorsFor({ [field]: value }))).toEqual([field]);
  });

  it('skips email, name and country when the session does not collect identity', () => {
    expect(errorsFor({ email: '', name: '', country: '' }, false)).toEqual({});
  });

  it('asks a new customer for their country', () => {
    expect(errorsFor({ country: '' })).toEqual({ country: 'Choose your country.' });
  });

  it('names the brand’s length when a number is too short or too long', () => {
    expect(errorsFor({ cardNumber: '5555 5555 5555 444' }).cardNumber).toBe('Mastercard card numbers have 16 digits.');
    expect(errorsFor({ cardNumber: '4242 4242 4242 424' }).cardNumber).toBe('Visa card numbers have 13, 16, or 19 digits.');
    expect(errorsFor({ cardNumber: '6011 1111 1111 111' }).cardNumber).toBe('Discover card numbers have 16–19 digits.');
    expect(errorsFor({ cardNumber: '3782 822463 100050', cvc: '1234' }).cardNumber).toBe('American Express card numbers have 15 digits.');
  });

  it('tells a typo (failed Luhn check) apart from a wrong length', () => {
    expect(errorsFor({ cardNumber: '4242 4242 4242 4241' }).cardNumber).toBe('This card number isn’t valid. Check it for a typo.');
  });

  it('wants a 4-digit security code for American Express and 3 digits for the others', () => {
    expect(errorsFor({ cardNumber: '3782 822463 10005', cvc: '123' }).cvc).toBe('Enter the 4 digit security code.');
    expect(errorsFor({ cardNumber: '3782 822463 10005', cvc: '1234' })).toEqual({});
    expect(errorsFor({ cvc: '1234' }).cvc).toBe('Enter the 3 digit security code.');
  });

  it('takes 3 or 4 digits for a number of no known brand', () => {
    expect(errorsFor({ cardNumber: '9000 0000 0000 0001', cvc: '1234' })).toEqual({});
  });
});
