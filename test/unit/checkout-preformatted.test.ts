import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCount } from '../../src/checkout/format/formatCount';
import { formatDate } from '../../src/checkout/format/formatDate';
import { formatMoney } from '../../src/checkout/format/formatMoney';
import { formatPercent } from '../../src/checkout/format/formatPercent';
import { preformatted } from '../../src/checkout/format/preformatted';
import type { CheckoutView } from '../../src/protocol/api/checkout/checkoutView';
import { preformatView, viewLocales } from '../../src/server/checkout/preformatView';

const LOCALES = ['en', 'en-US', 'de-AT', 'fr', 'ja', 'ar-XB'];
/** From UTC−12 to UTC+14, with the odd quarters and halves between. */
const TIME_ZONES = ['Etc/GMT+12', 'Pacific/Pago_Pago', 'America/St_Johns', 'UTC', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati'];
const zone = process.env.TZ;

afterEach(() => {
  for (const key of Object.keys(preformatted)) delete preformatted[key];
  vi.restoreAllMocks();
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('the server’s formats of a view (preformatView) as the app’s format functions find them', () => {
  it('are what the app would have formatted itself, for every amount, count, percentage and date, in any time zone', () => {
    const amount = fc.tuple(fc.nat(1_000_000), fc.constantFrom('', '.5', '.00', '.99')).map(([whole, fraction]) => `${whole}${fraction}`);
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(
        amount, fc.nat(1000), fc.constantFrom(12.5, 19, 100), instant, fc.constantFrom('USD', 'EUR', 'JPY'), fc.constantFrom(...LOCALES), fc.constantFrom(...TIME_ZONES),
        (price, seats, percentOff, date, currency, locale, timeZone) => {
          process.env.TZ = timeZone;
          const iso = date.toISOString();
          const show = () => [
            formatMoney(price, currency, locale),
            formatMoney(`-${price}`, currency, locale),
            formatCount(price, locale).text,
            formatCount(seats, locale).text,
            formatPercent(percentOff, locale),
            formatDate(iso, locale),
          ];
          const byIntl = show();
          // Shaped as the view's own fields are, nested, for the walk to find.
          const view = { currency, plan: { price, interval_count: seats }, promotion: { percent_off: percentOff }, estimate: { next_invoice: { date: iso } } };
          Object.assign(preformatted, preformatView(view as unknown as CheckoutView, [locale]));
          const calls = [vi.spyOn(Intl, 'NumberFormat'), vi.spyOn(Intl, 'DateTimeFormat')];
          expect(show()).toEqual(byIntl);
          for (const call of calls) expect(call).not.toHaveBeenCalled();
          vi.restoreAllMocks();
          for (const key of Object.keys(preformatted)) delete preformatted[key];
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leave a value the server did not format, or a locale it did not format in, to Intl', () => {
    Object.assign(preformatted, preformatView({ currency: 'USD', plan: { price: '19.00' } } as unknown as CheckoutView, ['en']));
    const money = (amount: string, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(amount as Intl.StringNumericLiteral);
    expect(formatMoney('19.00', 'USD', 'de')).toBe(money('19.00', 'de'));
    expect(formatMoney('20.00', 'USD', 'en')).toBe(money('20.00', 'en'));
    expect(formatDate('2030-02-15T12:00:00.000Z', 'en')).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date('2030-02-15T12:00:00.000Z')));
  });
});

describe('the locales the server formats a view in (viewLocales)', () => {
  it('are the session’s, then the customer’s by Accept-Language order, then English, canonical and each once', () => {
    expect(viewLocales('fr-ca', 'de-at, EN-us;q=0.9, fr-CA;q=0.8')).toEqual(['fr-CA', 'de-AT', 'en-US', 'en']);
  });

  it('skip a wildcard and a malformed tag, take at most three of the customer’s, and fall back on English alone', () => {
    expect(viewLocales(null, '*, not a tag, es, it;q=0.5, pt;q=0.4, ja;q=0.3')).toEqual(['es', 'it', 'pt', 'en']);
    expect(viewLocales('x', undefined)).toEqual(['en']);
  });
});
