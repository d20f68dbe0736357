import { describe, expect, it } from 'vitest';
import { countryCodes, countryOptions } from '../../src/checkout/form/countryOptions';
import { countryCode } from '../../src/protocol/api/fields';

describe('countryOptions', () => {
  it('lists the 249 ISO 3166-1 countries once each, every one a code the server accepts', () => {
    expect(countryCodes).toHaveLength(249);
    expect(new Set(countryCodes).size).toBe(249);
    for (const code of countryCodes) expect(countryCode.safeParse(code).success, code).toBe(true);
  });

  it('names the countries in the given language', () => {
    const named = (locale: string, code: string) => countryOptions(locale).find((option) => option.code === code)?.name;
    expect(named('en', 'DE')).toBe('Germany');
    expect(named('de', 'DE')).toBe('Deutschland');
    expect(named('ja', 'DE')).toBe('ドイツ');
  });

  it('sorts by name as the language sorts, not by code', () => {
    const names = countryOptions('de').map((option) => option.name);
    expect(names.indexOf('Österreich')).toBeGreaterThan(names.indexOf('Norwegen'));
    expect(names.indexOf('Österreich')).toBeLessThan(names.indexOf('Pakistan'));
    const english = countryOptions('en').map((option) => option.name);
    expect(english.slice(0, 3)).toEqual(['Afghanistan', 'Åland Islands', 'Albania']);
  });
});
