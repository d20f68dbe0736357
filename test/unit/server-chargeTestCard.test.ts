import { describe, expect, it } from 'vitest';
import { chargeTestCard } from '../../src/server/checkout/chargeTestCard';

const card = (number: string) => ({ number, exp_month: 12, exp_year: 2099, cvc: '123' });

describe('chargeTestCard', () => {
  it('succeeds with a good card, keeping only its brand and last four digits', () => {
    expect(chargeTestCard(card('4242424242424242'))).toStrictEqual({ ok: true, brand: 'visa', last4: '4242' });
  });

  it.each([
    ['3566002020360505', 'jcb'],
    ['36227206271667', 'diners'],
    ['6200000000000005', 'unionpay'],
    ['6445644564456445', 'discover'],
    ['9000000000000001', 'unknown'],
  ])('records %s as %s, the brand the checkout app showed', (number, brand) => {
    expect(chargeTestCard(card(number))).toMatchObject({ ok: true, brand });
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
    expect(chargeTestCard(card(number))).toStrictEqual({ ok: false, brand: 'visa', last4: number.slice(-4), declineCode, message });
  });
});
