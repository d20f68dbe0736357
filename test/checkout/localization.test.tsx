import { screen } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/checkout/api/CheckoutApi';
import { formatCount } from '../../src/checkout/format/formatCount';
import { chooseLocale } from '../../src/checkout/i18n/chooseLocale';
import { messages as spanish } from '../../src/checkout/i18n/locales/es';
import { messages as french } from '../../src/checkout/i18n/locales/fr';
import { messages as english } from '../../src/checkout/i18n/messages';
import { textDirection } from '../../src/checkout/i18n/textDirection';
import { renderMessageScreen } from '../../src/checkout/screens/renderMessageScreen';
import { aSession, anEstimate, renderCheckout } from './renderCheckout';

const root = document.documentElement;

interface LocaleSources {
  /** The loader's `locale` option. */
  option?: string;
  /** The session's `locale`. */
  session?: string;
  browser?: readonly string[];
}

/** Renders an open checkout with a locale from each source, and waits until it shows the merchant. */
async function renderIn({ option, session, browser = [] }: LocaleSources, overrides: Partial<CheckoutSession> = {}) {
  const rendered = renderCheckout(aSession({ locale: session ?? null, ...overrides }), {
    appearance: option === undefined ? {} : { locale: option },
    browserLocales: browser,
  });
  await screen.findByRole('heading', { name: 'Acme AI' });
  return rendered;
}

afterEach(() => {
  document.title = '';
});

describe('choosing the locale', () => {
  it('takes the loader’s option over the session’s locale and the browser’s', async () => {
    await renderIn({ option: 'fr-FR', session: 'de-DE', browser: ['es-ES'] });
    // Intl puts a no-break space between amount and symbol.
    expect(screen.getByRole('button', { name: 'Payer 19,00\u00a0$US' })).toBeTruthy();
  });

  it('takes the session’s locale over the browser’s', async () => {
    await renderIn({ session: 'de-DE', browser: ['es-ES'] });
    expect(screen.getByRole('button', { name: '19,00\u00a0$ bezahlen' })).toBeTruthy();
  });

  it('takes the browser’s first language it speaks when neither the merchant nor the session names one', async () => {
    await renderIn({ browser: ['sv-SE', 'es-MX', 'de'] });
    expect(screen.getByLabelText('Número de tarjeta')).toBeTruthy();
  });

  it('reads German for de-AT but formats amounts and dates the Austrian way', async () => {
    await renderIn({ session: 'de-AT' }, { estimate: anEstimate('19.00', { date: '2030-01-15T12:00:00Z', amount: '19.00' }) });
    expect(screen.getByRole('button', { name: '$\u00a019,00 bezahlen' })).toBeTruthy();
    // Austria says "Jänner" where Germany says "Januar".
    expect(screen.getByText('Danach $ 19,00 am 15. Jänner 2030')).toBeTruthy();
    expect(root.lang).toBe('de-AT');
  });

  it('falls back to English for a language it has no words for', async () => {
    await renderIn({ option: 'sv-SE', session: 'it-IT', browser: ['pt-BR'] });
    expect(screen.getByRole('button', { name: 'Pay $19.00' })).toBeTruthy();
    expect(root.lang).toBe('en');
  });

  it('skips a malformed option instead of failing', async () => {
    await renderIn({ option: 'not a locale!', session: 'ja' });
    expect(screen.getByLabelText('カード番号')).toBeTruthy();
  });

  it('keeps the skeleton until the chosen messages are in, so no English shows first', async () => {
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.body.textContent ?? ''));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await renderIn({ session: 'de-DE' });
    observer.disconnect();
    expect(seen.some((text) => /Pay |Card number|Includes/.test(text))).toBe(false);
    expect(seen.at(-1)).toContain('bezahlen');
  });

  it('says an ended checkout in the session’s language, to the customer and to the loader', async () => {
    const { sentOfType } = renderCheckout(aSession({ status: 'expired', locale: 'es' }));
    expect(await screen.findByRole('heading', { name: 'Este pago ha caducado' })).toBeTruthy();
    expect(sentOfType('failure')[0]?.message).toBe('Este pago ha caducado. Vuelve a empezar desde el sitio web del comercio.');
  });
});

describe('chooseLocale', () => {
  it.each([
    [['de-AT'], { tag: 'de-AT', catalog: 'de' }],
    [['ja-JP'], { tag: 'ja-JP', catalog: 'ja' }],
    [['ar-XB'], { tag: 'ar-XB', catalog: 'ar-XB' }],
    [['ar-EG', 'fr-CA'], { tag: 'fr-CA', catalog: 'fr' }],
    [[undefined, null, 'en-GB'], { tag: 'en-GB', catalog: 'en' }],
    [['zz-ZZ'], { tag: 'en', catalog: 'en' }],
    [[], { tag: 'en', catalog: 'en' }],
  ])('chooses %j as %j', (preferences, chosen) => {
    expect(chooseLocale(preferences)).toEqual(chosen);
  });
});

describe('German and Japanese', () => {
  it('renders the German checkout, labels and title included', async () => {
    await renderIn({ session: 'de' }, { seat_limits: { min_quantity: 2, max_quantity: 50 }, quantity: 3, plan: { ...aSession().plan, price: '12.00' } });
    expect(screen.getByRole('heading', { name: 'Acme AI' })).toBeTruthy();
    for (const label of ['E-Mail-Adresse', 'Vollständiger Name', 'Kartennummer', 'Ablaufdatum (MM/JJ)', 'Sicherheitscode', 'Nutzerlizenzen']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: 'Eine Nutzerlizenz hinzufügen' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Preisdetails' })).toBeTruthy();
    expect(screen.getByText('12,00 $ pro Monat')).toBeTruthy();
    expect(document.title).toBe('Bezahlung – Acme AI');
    expect(root.lang).toBe('de');
  });

  it('renders the Japanese checkout with yen, which have no minor unit', async () => {
    await renderIn(
      { option: 'ja' },
      { currency: 'JPY', amount_due: '2900', plan: { ...aSession().plan, price: '2900', included_credit: '1000.00' } },
    );
    expect(screen.getByRole('button', { name: '￥2,900 を支払う' })).toBeTruthy();
    expect(screen.getByText('￥2,900/月')).toBeTruthy();
    expect(screen.getByText('1,000 クレジット付き')).toBeTruthy();
    expect(screen.getByLabelText('メールアドレス')).toBeTruthy();
    expect(root.lang).toBe('ja');
  });

  it('says the not-framed screen in the browser’s language', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    await renderMessageScreen(container, 'notFramed', ['de-CH']);
    expect(screen.getByRole('heading', { name: 'Öffnen Sie diese Bezahlseite über die Website des Händlers' })).toBeTruthy();
    expect(root.lang).toBe('de-CH');
    render(null, container);
    container.remove();
  });
});

describe('plurals', () => {
  const seatPlan = (quantity: number) => ({
    quantity,
    seat_limits: { min_quantity: 1, max_quantity: 50 },
    plan: { ...aSession().plan, price: '12.00' },
  });

  it.each([
    [1, '1 seat × $12.00'],
    [3, '3 seats × $12.00'],
  ])('counts %i seat(s) in English as “%s”', async (quantity, text) => {
    await renderIn({ browser: ['en-US'] }, seatPlan(quantity));
    expect(screen.getByText(text)).toBeTruthy();
  });

  it.each([
    [1, '1 Nutzerlizenz × 12,00 $'],
    [3, '3 Nutzerlizenzen × 12,00 $'],
  ])('counts %i seat(s) in German as “%s”', async (quantity, text) => {
    await renderIn({ session: 'de-DE' }, seatPlan(quantity));
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByText('Zwischen 1 und 50 Nutzerlizenzen')).toBeTruthy();
  });

  it('says “1 credit” in the singular', async () => {
    await renderIn({ browser: ['en'] }, { plan: { ...aSession().plan, included_credit: '1.00' } });
    expect(screen.getByText('Includes 1 credit')).toBeTruthy();
  });

  it.each([
    ['en', english, '1.5', 'en', '1.5 credits'],
    ['fr', french, '1.5', 'fr', '1,5 crédit'],
    ['fr', french, '2', 'fr', '2 crédits'],
    ['fr', french, '1000000', 'fr', '1 000 000 de crédits'],
    ['es', spanish, '1000000', 'es', '1.000.000 de créditos'],
    ['es', spanish, '1', 'es', '1 crédito'],
  ] as const)('follows the %s catalog’s plural rules for %s', (_, catalog, amount, locale, text) => {
    // French groups thousands with a narrow no-break space.
    expect(catalog.bundleCredits(formatCount(amount, locale)).replace(/[\u202f\u00a0]/g, ' ')).toBe(text);
  });
});

describe('right to left', () => {
  it('lays the pseudo-locale ar-XB out right to left, in English words', async () => {
    const { unmount } = await renderIn({ option: 'ar-XB' });
    expect(root.getAttribute('dir')).toBe('rtl');
    expect(root.lang).toBe('ar-XB');
    expect(screen.getByLabelText('Card number')).toBeTruthy();
    unmount();
    expect(root.hasAttribute('dir')).toBe(false);
  });

  it('keeps left to right for the languages it speaks', async () => {
    await renderIn({ session: 'ja' });
    expect(root.getAttribute('dir')).toBe('ltr');
  });

  it.each([
    ['ar', 'rtl'],
    ['he-IL', 'rtl'],
    ['fa', 'rtl'],
    ['ur-PK', 'rtl'],
    ['de-AT', 'ltr'],
    ['ja', 'ltr'],
  ] as const)('writes %s %s', (tag, direction) => {
    expect(textDirection(tag)).toBe(direction);
  });
});
