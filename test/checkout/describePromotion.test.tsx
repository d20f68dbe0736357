import { describe, expect, it } from 'vitest';
import type { PromotionSummary } from '../../src/checkout/api/CheckoutApi';
import { messages as french } from '../../src/checkout/i18n/locales/fr';
import { messages as english } from '../../src/checkout/i18n/messages';
import { describePromotion } from '../../src/checkout/order/describePromotion';

const promotion = (fields: Partial<PromotionSummary>): PromotionSummary => ({
  code: 'CODE',
  description: 'The server’s English, which the app does not show',
  percent_off: null,
  amount_off: null,
  duration: 'once',
  duration_in_intervals: null,
  applies: true,
  ...fields,
});

describe('describePromotion', () => {
  it.each([
    ['a percentage once', promotion({ percent_off: 20 }), 'USD', 'en-US', english, '20% off the first payment'],
    ['a fraction of a percent forever', promotion({ percent_off: 12.5, duration: 'forever' }), 'USD', 'en-US', english, '12.5% off every payment'],
    ['an amount in yen', promotion({ amount_off: '500', duration: 'forever' }), 'JPY', 'en-US', english, '¥500 off every payment'],
    ['an amount in euros, in French', promotion({ amount_off: '5.00' }), 'EUR', 'fr-FR', french, '5,00\u00a0€ sur le premier paiement'],
    ['a percentage, in French', promotion({ percent_off: 20, duration: 'forever' }), 'EUR', 'fr-FR', french, '20\u00a0% sur chaque paiement'],
  ])('words %s', (_, code, currency, locale, messages, expected) => {
    expect(describePromotion(code, currency, messages, locale).replace(/\u202f/g, '\u00a0')).toBe(expected);
  });
});
