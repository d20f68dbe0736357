import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/checkout/api/CheckoutApi';
import { formatCount } from '../../src/checkout/format/formatCount';
import { messages as german } from '../../src/checkout/i18n/locales/de';
import { messages as spanish } from '../../src/checkout/i18n/locales/es';
import { messages as french } from '../../src/checkout/i18n/locales/fr';
import { messages as japanese } from '../../src/checkout/i18n/locales/ja';
import { englishMessages as english } from '../../src/checkout/i18n/completeMessages';
import { anEstimate, aPlan, aPlanOption, aSession, renderOpenCheckout } from './renderCheckout';

/** Seed 003's THREE_MONTHS: a plan billed every three months. */
const quarterly = (overrides: Partial<CheckoutSession> = {}) =>
  aSession({
    plan: aPlan({ name: 'Pro Quarterly', interval_count: 3, included_credit: '30.00', subscription_config_id: 'sc_q', price: '57.00' }),
    amount_due: '57.00',
    estimate: anEstimate('57.00', { date: '2030-04-15T12:00:00.000Z', amount: '57.00' }),
    ...overrides,
  });

/** The lines of the price explanation, opened by its button (named in the checkout's language). */
function explanationLines(buttonName: string) {
  fireEvent.click(screen.getByRole('button', { name: buttonName }));
  return [...screen.getByRole('dialog').querySelectorAll('li')].map((line) => line.textContent!.replace(/[\u202f\u00a0]/g, ' '));
}

describe('a plan billed every three months', () => {
  it('says “every 3 months” in English: price, subtotal and next charge', async () => {
    await renderOpenCheckout(quarterly());
    expect(screen.getByText('$57.00 every 3 months')).toBeTruthy();
    const lines = explanationLines('How is this calculated?');
    expect(lines[0]).toBe('Subtotal: Pro Quarterly at $57.00 every 3 months.');
    expect(lines.at(-1)).toBe('Next charge: $57.00 on April 15, 2030, then every 3 months.');
  });

  it('says “alle 3 Monate” in German: price, subtotal and next charge', async () => {
    await renderOpenCheckout(quarterly({ locale: 'de' }));
    expect(screen.getByText(/^57,00\s\$ alle 3 Monate$/)).toBeTruthy();
    const lines = explanationLines('Wie wird das berechnet?');
    expect(lines[0]).toBe('Zwischensumme: Pro Quarterly für 57,00 $ alle 3 Monate.');
    expect(lines.at(-1)).toBe('Nächste Abbuchung: 57,00 $ am 15. April 2030, danach alle 3 Monate.');
  });

  it('shows each plan option with its own period', async () => {
    await renderOpenCheckout(
      quarterly({
        plan_options: [
          aPlanOption({ subscription_config_id: 'sc_m', name: 'Pro', price: '19.00' }),
          aPlanOption({ subscription_config_id: 'sc_q', name: 'Pro Quarterly', price: '57.00', interval_count: 3 }),
          aPlanOption({ subscription_config_id: 'sc_w', name: 'Pro Fortnightly', price: '9.00', billing_interval: 'week', interval_count: 2 }),
        ],
      }),
    );
    expect(screen.getByRole('radio', { name: 'Pro · $19.00 / month' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Pro Quarterly · $57.00 every 3 months' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Pro Fortnightly · $9.00 every 2 weeks' })).toBeTruthy();
  });
});

describe('every catalog words a period of several intervals', () => {
  const three = formatCount(3);
  const one = formatCount(1);
  it.each([
    ['en', english, '$57 every 3 months', 'then every 3 months.', '$19 / month', 'then every month.'],
    ['de', german, '$57 alle 3 Monate', 'danach alle 3 Monate.', '$19 pro Monat', 'danach jeden Monat.'],
    ['fr', french, '$57 tous les 3 mois', 'puis tous les 3 mois.', '$19 par mois', 'puis chaque mois.'],
    ['es', spanish, '$57 cada 3 meses', 'y después cada 3 meses.', '$19 al mes', 'y después cada mes.'],
    ['ja', japanese, '$57/3か月', '以降は3か月ごと。', '$19/月', '以降は毎月。'],
  ] as const)('%s', (_, catalog, perThree, nextThree, perOne, nextOne) => {
    expect(catalog.pricePerInterval('$57', 'month', three)).toBe(perThree);
    expect(catalog.explanation.next('$57', 'D', 'month', three).endsWith(nextThree)).toBe(true);
    expect(catalog.pricePerInterval('$19', 'month', one)).toBe(perOne);
    expect(catalog.explanation.next('$19', 'D', 'month', one).endsWith(nextOne)).toBe(true);
  });

  it.each([
    [english, ['$9 every 2 days', '$9 every 2 weeks', '$9 every 2 years']],
    [german, ['$9 alle 2 Tage', '$9 alle 2 Wochen', '$9 alle 2 Jahre']],
    [french, ['$9 tous les 2 jours', '$9 toutes les 2 semaines', '$9 tous les 2 ans']],
    [spanish, ['$9 cada 2 días', '$9 cada 2 semanas', '$9 cada 2 años']],
    [japanese, ['$9/2日', '$9/2週間', '$9/2年']],
  ])('days, weeks and years too (%#)', (catalog, expected) => {
    const two = formatCount(2);
    expect((['day', 'week', 'year'] as const).map((interval) => catalog.pricePerInterval('$9', interval, two))).toEqual(expected);
  });
});
