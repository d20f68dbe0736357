import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { PromotionSummary } from '../../src/checkout/api/CheckoutApi';
import { messages as german } from '../../src/checkout/i18n/locales/de';
import { messages as spanish } from '../../src/checkout/i18n/locales/es';
import { messages as french } from '../../src/checkout/i18n/locales/fr';
import { messages as japanese } from '../../src/checkout/i18n/locales/ja';
import { messages as english } from '../../src/checkout/i18n/messages';
import { describePromotion } from '../../src/checkout/order/describePromotion';
import { aPromotion, aSession, breakdownAmount, estimateWith, renderOpenCheckout } from './renderCheckout';

const repeating = (payments: number): PromotionSummary =>
  aPromotion({ code: 'HALFOFF', percent_off: 50, duration: 'repeating', duration_in_intervals: payments });

const halfOffThreeMonths = (locale: string | null = null) =>
  aSession({
    locale,
    promotion: repeating(3),
    amount_due: '9.50',
    estimate: estimateWith({
      tax_behavior: 'exclusive',
      tax_rate: null,
      due_today: { subtotal: '19.00', discount: '9.50', tax: '0.00', total: '9.50' },
      next_invoice: { date: '2030-02-15T12:00:00.000Z', amount: '9.50' },
    }),
  });

describe('a repeating promotion', () => {
  it.each([
    ['English', english, 'en-US', '50% off the first 3 payments', '50% off the first payment'],
    ['German', german, 'de-DE', '50 % auf die ersten 3 Zahlungen', '50 % auf die erste Zahlung'],
    ['French', french, 'fr-FR', '50 % sur les 3 premiers paiements', '50 % sur le premier paiement'],
    ['Spanish', spanish, 'es-ES', '50 % en los primeros 3 pagos', '50 % en el primer pago'],
    ['Japanese', japanese, 'ja-JP', '最初の 3 回 50% オフ', '初回 50% オフ'],
  ])('is worded by its number of payments in %s, one of them like a once code', (_, messages, locale, three, one) => {
    const words = (payments: number) => describePromotion(repeating(payments), 'USD', messages, locale).replace(/[\u00a0\u202f]/g, ' ');
    expect(words(3)).toBe(three);
    expect(words(1)).toBe(one);
  });

  it('names its payments in the price breakdown and explains them', async () => {
    await renderOpenCheckout(halfOffThreeMonths());
    expect(breakdownAmount('Discount (50% off the first 3 payments)')).toBe('-$9.50');
    fireEvent.click(screen.getByRole('button', { name: 'How is this calculated?' }));
    const dialog = screen.getByRole('dialog', { name: 'How your total is calculated' });
    expect(dialog.textContent).toContain('Discount: code HALFOFF takes $9.50 off each of the first 3 payments, starting today.');
  });

  it('is worded in the checkout’s language', async () => {
    await renderOpenCheckout(halfOffThreeMonths('de-DE'));
    expect(await screen.findByText(/50\s%\sauf die ersten 3 Zahlungen/)).toBeTruthy();
  });
});
