import { describe, expect, it } from 'vitest';
import { chargeTestCard, detectCardBrand, passesLuhn } from '../../src/server/checkout/chargeTestCard';

const card = (number: string) => ({ number, exp_month: 12, exp_year: 2099, cvc: '123' });

describe('passesLuhn', () => {
  it.each([
    '4242424242424242',
    '4000000000000002',
    '5555555555554444',
    '2223003122003222',
    '378282246310005',
    '6011111111111117',
    '79927398713',
  ])('accepts %s', (number) => {
    expect(passesLuhn(number)).toBe(true);
  });

  it.each([
    ['a changed last digit', '4242424242424241'],
    ['two swapped neighbouring digits', '4242424242424224'],
    ['a one-digit slip', '79927398710'],
    ['an empty string', ''],
  ])('rejects %s', (_, number) => {
    expect(passesLuhn(number)).toBe(false);
  });
});

describe('detectCardBrand', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['5105105105105100', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720999999999996', 'mastercard'],
    ['378282246310005', 'amex'],
    ['341111111111111', 'amex'],
    ['6011111111111117', 'discover'],
    ['6500000000000002', 'discover'],
    ['3056930009020004', 'unknown'],
    ['2721000000000004', 'unknown'],
    ['5600000000000000', 'unknown'],
  ])('takes %s for %s', (number, brand) => {
    expect(detectCardBrand(number)).toBe(brand);
  });
});

describe('chargeTestCard', () => {
  it('succeeds with a good card, keeping only its brand and last four digits', () => {
    expect(chargeTestCard(card('4242424242424242'))).toStrictEqual({ ok: true, brand: 'visa', last4: '4242' });
  });

  it('declines the test decline card with a message for the customer', () => {
    expect(chargeTestCard(card('4000000000000002'))).toStrictEqual({
      ok: false,
      brand: 'visa',
      last4: '0002',
      declineCode: 'card_declined',
      message: 'Your card was declined. Try another card.',
    });
  });
});

describe('chargeTestCard: specific declines', () => {
  it.each([
    ['4000000000009995', 'insufficient_funds', 'Your card has insufficient funds. Try another card.'],
    ['4000000000000069', 'expired_card', 'Your card has expired. Try another card.'],
  ])('declines %s as %s with its own message', (number, declineCode, message) => {
    expect(passesLuhn(number)).toBe(true);
    expect(chargeTestCard(card(number))).toStrictEqual({ ok: false, brand: 'visa', last4: number.slice(-4), declineCode, message });
  });
});
