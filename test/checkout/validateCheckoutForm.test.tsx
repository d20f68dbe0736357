import { describe, expect, it } from 'vitest';
import type { CheckoutFormValues } from '../../src/checkout/checkoutFields';
import { messages } from '../../src/checkout/messages';
import { validateCheckoutForm } from '../../src/checkout/validateCheckoutForm';
import { TODAY } from './renderCheckout';

const valid: CheckoutFormValues = {
  email: 'jane@example.com',
  name: 'Jane Doe',
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
    ['cardNumber', '424242424242'],
    ['cardNumber', '4242 4242 4242 4242 424'],
    ['expiry', '0130'],
    ['expiry', '01 / 30'],
  ] as const)('accepts %s written as "%s"', (field, value) => {
    expect(errorsFor({ [field]: value })).toEqual({});
  });

  it.each([
    ['cardNumber', '4242 4242 424'],
    ['cardNumber', '4242 4242 4242 4242 4242'],
    ['cardNumber', '4242 abcd 4242 4242'],
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

  it('skips email and name when the session does not collect identity', () => {
    expect(errorsFor({ email: '', name: '' }, false)).toEqual({});
  });
});
